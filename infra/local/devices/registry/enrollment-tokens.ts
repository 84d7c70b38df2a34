import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long an operator's enrollment token stays good: long enough to carry to the device. */
const LIFETIME_MS = 60 * 60 * 1000;

/**
 * One-time enrollment tokens bound to a thing: the operator hands one to a device (or its
 * installer), which may then register exactly that thing once without the operator secret.
 * Only hashes are kept, in memory: a restart voids tokens not yet used.
 */
export class EnrollmentTokens {
  private readonly pending = new Map<string, { hash: Buffer; expiresAt: number }>();

  constructor(private readonly now: () => number) {}

  /** A fresh token for this thing; it replaces one issued before and not yet used. */
  issue(thingName: string): { enrollmentToken: string; expiresAt: string } {
    const enrollmentToken = randomBytes(32).toString('base64url');
    const expiresAt = this.now() + LIFETIME_MS;
    this.pending.set(thingName, { hash: digest(enrollmentToken), expiresAt });
    return { enrollmentToken, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Whether `presented` is this thing's token and still good; a match is used up at once. */
  redeem(thingName: string, presented: unknown): boolean {
    const entry = this.pending.get(thingName);
    if (!entry || typeof presented !== 'string' || entry.expiresAt <= this.now()) return false;
    if (!timingSafeEqual(entry.hash, digest(presented))) return false;
    this.pending.delete(thingName);
    return true;
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
