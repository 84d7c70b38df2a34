import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** S2: the local server-side secret for code hashes, made once per data dir (Secrets Manager on AWS). */
export function loadCodeHashSecret(dataDir: string): Buffer {
  const path = join(dataDir, 'code-hash-secret');
  if (!existsSync(path)) writeFileSync(path, randomBytes(32), { mode: 0o600 });
  return readFileSync(path);
}
