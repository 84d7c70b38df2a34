import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The data dir holds task tokens, outbox codes, phones, e-mails and keys: only its owner may
 * read it. The dir is 0700; everything the process creates from now on (LevelDB tables,
 * keys, device folders) is 0600/0700 through the umask, since LevelDB makes new files as it
 * compacts; and what an older version left world-readable is tightened once at start.
 */
export function prepareDataDir(dataDir: string): void {
  process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  ownerOnly(dataDir);
}

function ownerOnly(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) ownerOnly(path);
    else if (entry.isFile()) chmodSync(path, 0o600);
  }
}
