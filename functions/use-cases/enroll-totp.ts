import { activatePendingTotp, factorChangedEvent, withPendingTotp } from '../domain/factor-enrollment';
import { DEVICE_CODE_DIGITS } from '../domain/factor';
import { normalizeSpokenCode } from '../domain/one-time-code';
import type { Deps } from './deps';
import { loadTotp } from './load-totp';
import { proveStepUp, type StepUpDeps, type StepUpFailure } from './step-up';
import { updateFactors } from './update-factors';
import { useTotpCode } from './use-totp-code';

type EnrollDeps = Pick<Deps, 'users' | 'factors' | 'sealer' | 'clock'>;
export type ActivateDeps = EnrollDeps & Pick<Deps, 'activationLimiter' | 'audit'>;

export type EnrollOutcome = { kind: 'unknown-user' } | StepUpFailure | { kind: 'pending'; otpauthUri: string };

/**
 * Starts authenticator-app enrollment, once the step-up (`stepUp`: a code from a factor the
 * user already has) proves the user is behind it: a new secret, stored sealed and pending, and
 * the `otpauth://` URI the app scans. It confirms nothing until activated with one valid code.
 */
export async function startTotpEnrollment(deps: EnrollDeps & StepUpDeps, userId: string, stepUp: unknown): Promise<EnrollOutcome> {
  const user = await deps.users.get(userId);
  if (!user) return { kind: 'unknown-user' };
  const verdict = await proveStepUp(deps, user, stepUp);
  if (verdict.kind !== 'proved') return verdict;
  const { newTotpSecret, otpauthUri } = await loadTotp();
  const secret = newTotpSecret();
  const sealed = await deps.sealer.seal(secret, userId);
  await updateFactors(deps.factors, userId, (record) => withPendingTotp(record, sealed, deps.clock.now(), verdict.method));
  return { kind: 'pending', otpauthUri: otpauthUri(userId, secret) };
}

/** The pending enrollment's URI again (for its QR code), or undefined when none is pending. */
export async function pendingTotpUri(deps: Pick<Deps, 'factors' | 'sealer'>, userId: string): Promise<string | undefined> {
  const pending = (await deps.factors.get(userId))?.pendingTotp;
  return pending && (await loadTotp()).otpauthUri(userId, await deps.sealer.open(pending.sealedSecret, userId));
}

export type ActivateOutcome = 'unknown-user' | 'nothing-pending' | 'attempt-limit' | 'wrong-code' | 'code-used' | 'activated';

/**
 * Activates the pending enrollment with the first code the app shows: proof it holds the
 * secret. The code's time step is used up like any other, and the app becomes the user's
 * preferred factor; audited as "Factor Changed". Activation attempts have their own limit (the
 * same windows), apart from the attempts that confirm commands: setting an app up never locks a
 * user out of using it.
 */
export async function activateTotp(deps: ActivateDeps, userId: string, spokenCode: unknown): Promise<ActivateOutcome> {
  if (!(await deps.users.get(userId))) return 'unknown-user';
  const pending = (await deps.factors.get(userId))?.pendingTotp;
  if (!pending) return 'nothing-pending';
  if (!(await deps.activationLimiter.tryConsume(userId)).allowed) return 'attempt-limit';
  const code = typeof spokenCode === 'string' ? normalizeSpokenCode(spokenCode, DEVICE_CODE_DIGITS) : undefined;
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent — without the shortcut the TOTP check rejects an absent code, which reads 'wrong-code' too
  if (code === undefined) return 'wrong-code';
  const verdict = await useTotpCode(deps, userId, pending, code);
  if (verdict !== 'accepted') return verdict === 'replayed' ? 'code-used' : 'wrong-code';
  // Stryker disable next-line BooleanLiteral: equivalent — updateFactors runs the change at least once before it returns (or throws), so this initial value is never read
  let replaced = false;
  // Only the secret this code proved: a newer enrollment started meanwhile stays pending.
  const activated = await updateFactors(deps.factors, userId, (record) => {
    replaced = record.totp !== undefined;
    return record.pendingTotp?.sealedSecret === pending.sealedSecret ? activatePendingTotp(record, deps.clock.now()) : undefined;
  });
  if (!activated) return 'nothing-pending';
  await deps.audit.publish(factorChangedEvent(userId, 'totp', replaced ? 'replaced' : 'enrolled', pending.approvedBy, deps.clock.now()));
  return 'activated';
}
