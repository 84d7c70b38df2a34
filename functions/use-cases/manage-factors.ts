import { factorStatuses, preferredFactor, usableFactors, withMfaDevice, withPreference, type FactorStatus, type MfaDeviceLink } from '../domain/factor-enrollment';
import type { Factor } from '../domain/factor';
import type { Deps } from './deps';
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

/** Links the user to an MFA device AWS already knows (or, locally, a simulated one). */
export async function linkMfaDevice(deps: ManageDeps, userId: string, device: MfaDeviceLink): Promise<boolean> {
  if (!(await deps.users.get(userId))) return false;
  await updateFactors(deps.factors, userId, (record) => withMfaDevice(record, device));
  return true;
}
