import { AesGcmSecretSealer } from '../../../functions/adapters/crypto/aes-gcm-secret-sealer';
import { loadKeyFile } from './key-file';

/** The local stand-in for KMS: AES-256-GCM with a key file in the data dir. */
export class LocalSecretSealer extends AesGcmSecretSealer {
  static forDataDir(dataDir: string): LocalSecretSealer {
    return new LocalSecretSealer(loadKeyFile(dataDir, 'factor-sealing-key'));
  }
}
