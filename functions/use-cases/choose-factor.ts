import { usableFactors, preferredFactor } from '../domain/factor-enrollment';
import { acceptedFactors, chooseFactor, type FactorChoice } from '../domain/factor-policy';
import type { User } from '../domain/user';
import type { Deps } from './deps';

/** The factor that confirms `action` on `target` for this user, or why there is none. */
export async function factorFor(deps: Pick<Deps, 'factors' | 'settings'>, user: User, action: string, target: string): Promise<FactorChoice> {
  const record = await deps.factors.get(user.userId);
  const accepted = acceptedFactors(deps.settings.factorPolicy, action, target);
  return chooseFactor(accepted, usableFactors(user, record), preferredFactor(user, record));
}
