import type { Challenge } from '../domain/challenge';

/** Where pending confirmations live: one per user, changed only by conditional writes (S3). */
export interface ChallengeStore {
  get(userId: string): Promise<Challenge | undefined>;
  /** Stores a new challenge for its user and returns the one it replaced, if any (S13). */
  replace(challenge: Challenge): Promise<Challenge | undefined>;
  /**
   * Writes `next` only if the stored challenge is still the same command at `expectedVersion`.
   * Returns false when another writer got there first.
   */
  save(next: Challenge, expectedVersion: number): Promise<boolean>;
  /** Removes the user's challenge if it still belongs to `commandId`. */
  remove(userId: string, commandId: string): Promise<void>;
}
