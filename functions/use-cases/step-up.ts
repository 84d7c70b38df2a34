import { randomUUID } from 'node:crypto';
import { AuditDetailTypes, userAuditEvent } from '../domain/audit-event';
import { stepUpMessage } from '../domain/code-message';
import { isDeliveredFactor, type Factor } from '../domain/factor';
import { usableFactors, withStepUpCode } from '../domain/factor-enrollment';
import { maskDestination } from '../domain/masking';
import { normalizeSpokenCode } from '../domain/one-time-code';
import { judgeStepUpCode, parseStepUpProof, type StepUpAttempt, type StepUpCode, type StepUpMethod, type StepUpRefusal } from '../domain/step-up';
import { destinationFor, type Channel, type User } from '../domain/user';
import { checkDeviceCode, type CheckDeps } from './check-code';
import type { Deps } from './deps';
import { updateFactors } from './update-factors';

export type StepUpDeps = CheckDeps & Pick<Deps, 'users'>;
type SendDeps = Pick<Deps, 'users' | 'factors' | 'sendLimiter' | 'codes' | 'hasher' | 'settings' | 'clock' | 'messages' | 'audit'>;

export type SendStepUpOutcome =
  | { kind: 'sent'; channel: Channel; maskedDestination: string; expiresAt: number }
  | { kind: 'unknown-user' }
  | { kind: 'not-a-factor' }
  | { kind: 'send-limit'; retryAt: number }
  | { kind: 'delivery-failed' };

/**
 * Sends a step-up code to the user's phone or inbox: what proves, for sms and e-mail, that the
 * user is behind a factor change. Sends count against the same limit as command codes (S8); a
 * new code replaces an earlier one. Audited as "Code Sent" with `purpose` step-up.
 */
export async function sendStepUpCode(deps: SendDeps, userId: string, channel: unknown): Promise<SendStepUpOutcome> {
  const user = await deps.users.get(userId);
  if (!user) return { kind: 'unknown-user' };
  const usable = usableFactors(user, await deps.factors.get(userId));
  const via = usable.find((factor): factor is Channel => factor === channel && isDeliveredFactor(factor));
  if (!via) return { kind: 'not-a-factor' };
  const limit = await deps.sendLimiter.tryConsume(userId);
  if (!limit.allowed) return { kind: 'send-limit', retryAt: limit.retryAt };

  const code = deps.codes.generate(deps.settings.codeDigits);
  const stepUp = await newStepUpCode(deps, userId, via, code);
  await updateFactors(deps.factors, userId, (record) => withStepUpCode(record, stepUp));
  try {
    await deps.messages.send({ channel: via, to: destinationFor(user, via), ...stepUpMessage(code, deps.settings.codeTtlSeconds) });
  } catch {
    return { kind: 'delivery-failed' };
  }
  const maskedDestination = maskDestination(via, destinationFor(user, via));
  const extras = { channel: via, destination: maskedDestination, purpose: 'step-up' };
  await deps.audit.publish(userAuditEvent(AuditDetailTypes.codeSent, userId, new Date(deps.clock.now()), extras));
  return { kind: 'sent', channel: via, maskedDestination, expiresAt: stepUp.expiresAt };
}

async function newStepUpCode(deps: Pick<Deps, 'hasher' | 'settings' | 'clock'>, userId: string, channel: Channel, code: string): Promise<StepUpCode> {
  const bindingId = `step-up-${randomUUID()}`;
  return {
    bindingId,
    channel,
    codeHash: await deps.hasher.hash(code, userId, bindingId),
    expiresAt: deps.clock.now() + deps.settings.codeTtlSeconds * 1000,
    attemptsLeft: deps.settings.maxAttempts,
  };
}

/** Why a factor change was not allowed; `factors` are the ones the user could step up with. */
export type StepUpFailure = { kind: 'step-up-refused'; reason: StepUpRefusal; factors: Factor[] } | { kind: 'attempt-limit'; retryAt: number };

export type StepUpVerdict = { kind: 'proved'; method: StepUpMethod } | StepUpFailure;

/**
 * Checks the proof (`{factor, code}`, as a request carried it) that the user is behind a change
 * of their factors, by the rules their codes follow elsewhere: a delivered code is single-use,
 * expires and allows `maxAttempts` tries; an authenticator or MFA-device code counts against
 * the user's attempt limit and its time step is used up. A user with no active factor needs
 * none: the operator's own credentials are all that can vouch for them.
 */
export async function proveStepUp(deps: StepUpDeps, user: User, offered: unknown): Promise<StepUpVerdict> {
  const factors = usableFactors(user, await deps.factors.get(user.userId));
  if (factors.length === 0) return { kind: 'proved', method: 'operator' };
  const refused = (reason: StepUpRefusal): StepUpFailure => ({ kind: 'step-up-refused', reason, factors });
  const proof = parseStepUpProof(offered);
  if (!proof) return refused('missing');
  if (!factors.includes(proof.factor)) return refused('not-a-factor');

  if (isDeliveredFactor(proof.factor)) {
    const attempt = await useStepUpCode(deps, user.userId, proof.factor, proof.code);
    return attempt.kind === 'accepted' ? { kind: 'proved', method: proof.factor } : refused(attempt.reason);
  }
  const verdict = await checkDeviceCode(deps, user.userId, proof.factor, proof.code);
  if (typeof verdict === 'object') return { kind: 'attempt-limit', retryAt: verdict.retryAt };
  if (verdict === 'match') return { kind: 'proved', method: proof.factor };
  return refused(verdict === 'replayed' ? 'code-used' : 'wrong-code');
}

/** Judges the code against the stored step-up code and writes the outcome conditionally (S3). */
async function useStepUpCode(deps: StepUpDeps, userId: string, channel: Channel, spoken: string): Promise<StepUpAttempt> {
  const code = normalizeSpokenCode(spoken, deps.settings.codeDigits);
  // Stryker disable next-line ObjectLiteral,StringLiteral: equivalent — updateFactors runs the change (which sets `attempt`) at least once before it returns or throws, so this initial value is never read
  let attempt: StepUpAttempt = { kind: 'rejected', reason: 'no-code-sent', remaining: undefined };
  await updateFactors(deps.factors, userId, async (record) => {
    const stored = record.stepUp?.channel === channel ? record.stepUp : undefined;
    // Stryker disable next-line ConditionalExpression: equivalent for `code !== undefined` → true — an absent code is hashed as the text "undefined", which never equals a digit code's hash (`stored !== undefined` → true throws, and the whole condition's → true/false fail the right/wrong code tests)
    const matched = stored !== undefined && code !== undefined && (await deps.hasher.matches(code, userId, stored.bindingId, stored.codeHash));
    attempt = judgeStepUpCode(stored, matched, deps.clock.now());
    if (!stored) return undefined;
    return withStepUpCode(record, attempt.remaining);
  });
  return attempt;
}
