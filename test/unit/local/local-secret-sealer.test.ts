import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalSecretSealer } from '../../../infra/local/identity/local-secret-sealer';
import { secretSealerContract } from '../../contract/suites/secret-sealer.contract';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

secretSealerContract('LocalSecretSealer', async () => ({ subject: new LocalSecretSealer(Buffer.alloc(32, 1)), cleanup: async () => undefined }));

describe('LocalSecretSealer (AES-256-GCM, key in the data dir)', () => {
  const sealer = new LocalSecretSealer(Buffer.alloc(32, 1));

  it('seals the same secret differently every time (a fresh IV)', async () => {
    expect(await sealer.seal(SECRET, 'alice')).not.toBe(await sealer.seal(SECRET, 'alice'));
  });

  it('detects any change to the sealed text', async () => {
    const sealed = await sealer.seal(SECRET, 'alice');
    const parts = sealed.split('.');
    for (let part = 1; part < parts.length; part++) {
      const changed = [...parts];
      const bytes = Buffer.from(changed[part]!, 'base64url');
      bytes[0]! ^= 1;
      changed[part] = bytes.toString('base64url');

      await expect(sealer.open(changed.join('.'), 'alice')).rejects.toThrow(/does not open/);
    }
  });

  it('refuses a shortened authentication tag', async () => {
    const [version, iv, tag, ciphertext] = (await sealer.seal(SECRET, 'alice')).split('.');
    const short = Buffer.from(tag!, 'base64url').subarray(0, 4).toString('base64url');

    await expect(sealer.open([version, iv, short, ciphertext].join('.'), 'alice')).rejects.toThrow(/does not open/);
  });

  it('will not open with another key', async () => {
    const sealed = await sealer.seal(SECRET, 'alice');

    await expect(new LocalSecretSealer(Buffer.alloc(32, 2)).open(sealed, 'alice')).rejects.toThrow(/does not open/);
  });

  it('keeps its key in the data dir, owner-only, and reuses it after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'voicegate-sealer-'));
    try {
      const sealed = await LocalSecretSealer.forDataDir(dataDir).seal(SECRET, 'alice');
      const keyFile = join(dataDir, 'factor-sealing-key');

      expect(readFileSync(keyFile)).toHaveLength(32);
      expect(statSync(keyFile).mode & 0o077).toBe(0);
      expect(await LocalSecretSealer.forDataDir(dataDir).open(sealed, 'alice')).toBe(SECRET);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
