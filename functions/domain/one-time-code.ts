/** S1, S2: how one-time codes are made, stored (as keyed hashes) and compared. */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

export const MIN_CODE_DIGITS = 6;
export const MAX_CODE_DIGITS = 8;

/** S1: uniform digits from the CSPRNG (randomInt rejects biased samples). */
export function generateCode(digits: number): string {
  if (!Number.isInteger(digits) || digits < MIN_CODE_DIGITS || digits > MAX_CODE_DIGITS) {
    throw new RangeError(`code length must be ${MIN_CODE_DIGITS}-${MAX_CODE_DIGITS} digits`);
  }
  return randomInt(0, 10 ** digits)
    .toString()
    .padStart(digits, '0');
}

/** S2: HMAC-SHA-256 with a server-side secret, bound to the user and command (S6, S7). */
export class CodeHasher {
  constructor(private readonly secret: Buffer) {
    if (secret.length < 32) throw new RangeError('the code-hash secret must be at least 32 bytes');
  }

  hash(code: string, userId: string, commandId: string): string {
    return createHmac('sha256', this.secret).update(`${userId}\n${commandId}\n${code}`).digest('base64url');
  }

  /** Constant-time comparison of a candidate code against a stored hash. */
  matches(candidate: string, userId: string, commandId: string, storedHash: string): boolean {
    const expected = Buffer.from(storedHash, 'base64url');
    const actual = Buffer.from(this.hash(candidate, userId, commandId), 'base64url');
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
}

/**
 * Alexa's AMAZON.NUMBER slot drops leading zeros ("zero four one..." arrives as "41...").
 * Returns the code as the user meant it, or undefined when it cannot be a code.
 */
export function normalizeSpokenCode(spoken: string | undefined, digits: number): string | undefined {
  if (spoken === undefined) return undefined;
  const compact = spoken.replace(/[\s-]/g, '');
  if (!/^\d{1,8}$/.test(compact) || compact.length > digits) return undefined;
  return compact.padStart(digits, '0');
}
