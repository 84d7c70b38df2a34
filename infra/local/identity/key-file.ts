import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A 32-byte random key kept in the data dir (owner-only), made on first use. */
export function loadKeyFile(dataDir: string, name: string): Buffer {
  const path = join(dataDir, name);
  if (!existsSync(path)) writeFileSync(path, randomBytes(32), { mode: 0o600 });
  return readFileSync(path);
}
