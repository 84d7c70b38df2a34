import { emptyFactorRecord, type FactorRecord } from '../domain/factor-enrollment';
import type { FactorStore } from '../ports/factor-store';

const MAX_CONFLICT_RETRIES = 5;

/**
 * Applies `change` to the owner's record with a conditional write, re-reading when another
 * writer (a code using up a TOTP step, say) got there first. `change` (which may await, say, a
 * hash check) returns undefined to write nothing; so does this function then.
 */
export async function updateFactors(
  store: FactorStore,
  ownerId: string,
  change: (current: FactorRecord) => FactorRecord | undefined | Promise<FactorRecord | undefined>,
): Promise<FactorRecord | undefined> {
  for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
    const current = (await store.get(ownerId)) ?? emptyFactorRecord(ownerId);
    const next = await change(current);
    if (!next) return undefined;
    if (await store.save(next, current.version)) return next;
  }
  throw new Error('the factor record kept changing; try again');
}
