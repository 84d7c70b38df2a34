import type { SealedTotp } from '../domain/factor-enrollment';
import type { Clock } from '../ports/clock';
import type { FactorStore } from '../ports/factor-store';
import type { SecretSealer } from '../ports/secret-sealer';
import { loadTotp } from './load-totp';

export type TotpVerdict = 'accepted' | 'rejected' | 'replayed';

export interface TotpDeps {
  factors: FactorStore;
  sealer: SecretSealer;
  clock: Clock;
}

/**
 * Checks `code` against the owner's sealed secret (one step of drift either way) and, when it
 * matches, claims its time step with a conditional write: each step is accepted once, so a
 * code cannot be replayed within its 30-second window.
 */
export async function useTotpCode(deps: TotpDeps, ownerId: string, totp: SealedTotp, code: string): Promise<TotpVerdict> {
  const [secret, { matchingTotpStep }] = await Promise.all([deps.sealer.open(totp.sealedSecret, ownerId), loadTotp()]);
  const step = matchingTotpStep(secret, code, deps.clock.now());
  if (step === undefined) return 'rejected';
  return (await deps.factors.claimTotpStep(ownerId, step)) ? 'accepted' : 'replayed';
}
