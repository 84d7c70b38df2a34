import { loadKeyFile } from './key-file';

/** S2: the local server-side secret for code hashes, made once per data dir (Secrets Manager on AWS). */
export function loadCodeHashSecret(dataDir: string): Buffer {
  return loadKeyFile(dataDir, 'code-hash-secret');
}
