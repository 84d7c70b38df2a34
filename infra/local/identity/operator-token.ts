import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file in the data dir that holds the operator token (docs/local-api.md "Operator access"). */
export const OPERATOR_TOKEN_FILE = 'operator-token';

/** 256 random bits, hex: long enough that guessing is hopeless, plain enough to paste into a URL. */
export function loadOrCreateOperatorToken(dataDir: string): string {
  const path = join(dataDir, OPERATOR_TOKEN_FILE);
  if (!existsSync(path)) writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return readOperatorToken(dataDir);
}

/** What `npm run chat`, `npm run device` and the test harness use to act as the operator. */
export function readOperatorToken(dataDir: string): string {
  const path = join(dataDir, OPERATOR_TOKEN_FILE);
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (cause) {
    throw new Error(`cannot read the operator token at ${path}: run "npm start" first with the same VOICEGATE_DATA_DIR, as the same OS user`, { cause });
  }
}

/** Constant-time: hashing first makes both sides the same length, so neither length nor prefix leaks. */
export function sameToken(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
