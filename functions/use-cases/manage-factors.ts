import {
  factorChangedEvent,
  factorStatuses,
  preferredFactor,
  usableFactors,
  withMfaDevice,
  withPreference,
  type FactorStatus,
  type MfaDeviceLink,
} from '../domain/factor-enrollment';
import type { Factor } from '../domain/factor';
import type { Deps } from './deps';
import { proveStepUp, type StepUpDeps, type StepUpFailure } from './step-up';
import { updateFactors } from './update-factors';

type ManageDeps = Pick<Deps, 'users' | 'factors'>;

export interface FactorList {
  factors: { factor: Factor; status: FactorStatus }[];
  preferred: Factor;
}

/** The user's factors and their status, never a secret; undefined for an unknown user. */
export async function listFactors(deps: ManageDeps, userId: string): Promise<FactorList | undefined> {
  const user = await deps.users.get(userId);
  if (!user) return undefined;
  const record = await deps.factors.get(userId);
  return { factors: factorStatuses(user, record), preferred: preferredFactor(user, record) };
}

export type PreferenceOutcome = 'unknown-user' | 'not-usable' | 'set';

/** The factor the user would rather confirm with, where the policy accepts it; it must be active. */
export async function setPreferredFactor(deps: ManageDeps, userId: string, factor: Factor): Promise<PreferenceOutcome> {
  const user = await deps.users.get(userId);
  if (!user) return 'unknown-user';
  const written = await updateFactors(deps.factors, userId, (record) =>
    usableFactors(user, record).includes(factor) ? withPreference(record, factor) : undefined,
  );
  return written ? 'set' : 'not-usable';
}

export type LinkOutcome<Provisioned> = { kind: 'unknown-user' } | StepUpFailure | { kind: 'linked'; provisioned: Provisioned };

/**
 * Links the user to an MFA device (AWS's, or locally a simulated one) once the step-up proves
 * the user is behind it. `provision` makes or finds the device only then, since making one can
 * replace a device the user has now. Audited as "Factor Changed".
 */
export async function linkMfaDevice<Provisioned extends { device: MfaDeviceLink }>(
  deps: ManageDeps & StepUpDeps & Pick<Deps, 'audit'>,
  userId: string,
  stepUp: unknown,
  provision: () => Promise<Provisioned>,
): Promise<LinkOutcome<Provisioned>> {
  const user = await deps.users.get(userId);
  if (!user) return { kind: 'unknown-user' };
  const verdict = await proveStepUp(deps, user, stepUp);
  if (verdict.kind !== 'proved') return verdict;
  const provisioned = await provision();
  // Stryker disable next-line BooleanLiteral: equivalent — updateFactors runs the change at least once before it returns (or throws), so this initial value is never read
  let replaced = false;
  await updateFactors(deps.factors, userId, (record) => {
    replaced = record.mfaDevice !== undefined;
    return withMfaDevice(record, provisioned.device);
  });
  await deps.audit.publish(factorChangedEvent(userId, 'aws-mfa', replaced ? 'replaced' : 'enrolled', verdict.method, deps.clock.now()));
  return { kind: 'linked', provisioned };
}
