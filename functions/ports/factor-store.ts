import type { FactorRecord } from '../domain/factor-enrollment';

/**
 * The factors each user enrolled, one record per owner (a user id; locally also a simulated
 * MFA device's serial number). Writes are conditional on the record's version.
 */
export interface FactorStore {
  get(ownerId: string): Promise<FactorRecord | undefined>;
  /** Writes `next` only if the stored record is still at `expectedVersion` (0: none stored yet). */
  save(next: FactorRecord, expectedVersion: number): Promise<boolean>;
  /**
   * Remembers `step` as the owner's last accepted TOTP time step, only if no step at or
   * after it was accepted before (and bumps the version). False means the code is a replay.
   */
  claimTotpStep(ownerId: string, step: number): Promise<boolean>;
}
