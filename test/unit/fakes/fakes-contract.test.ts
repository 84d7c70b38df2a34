import { actionLedgerContract } from '../../contract/suites/action-ledger.contract';
import { challengeStoreContract } from '../../contract/suites/challenge-store.contract';
import { factorStoreContract } from '../../contract/suites/factor-store.contract';
import { sendRateLimiterContract } from '../../contract/suites/send-rate-limiter.contract';
import { userDirectoryContract } from '../../contract/suites/user-directory.contract';
import {
  InMemoryActionLedger,
  InMemoryChallengeStore,
  InMemoryFactorStore,
  InMemorySendRateLimiter,
  InMemoryUserDirectory,
} from '../../support/fakes/in-memory-stores';

/** The use-case tests' fakes must behave like the DynamoDB adapters: the same contracts hold. */
const fresh = <T>(subject: T) => async () => ({ subject, cleanup: async () => undefined });

challengeStoreContract('InMemoryChallengeStore', () => fresh(new InMemoryChallengeStore())());
actionLedgerContract('InMemoryActionLedger', () => fresh(new InMemoryActionLedger())());
userDirectoryContract('InMemoryUserDirectory', () => fresh(new InMemoryUserDirectory())());
factorStoreContract('InMemoryFactorStore', () => fresh(new InMemoryFactorStore())());
sendRateLimiterContract('InMemorySendRateLimiter', async () => {
  const logs = new Map<string, number[]>();
  return { subject: (limits, clock) => new InMemorySendRateLimiter(limits, clock, logs), cleanup: async () => undefined };
});
