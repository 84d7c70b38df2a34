import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretSealer } from '../../../functions/ports/secret-sealer';
import { loadKeyFile } from './key-file';

const VERSION = 'v1';
const IV_BYTES = 12;

/**
 * The local stand-in for KMS: AES-256-GCM with a key in the data dir. The context is
 * authenticated data, so a sealed secret opens only for the owner it was sealed for, and
 * any change to it is detected.
 */
export class LocalSecretSealer implements SecretSealer {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new RangeError('the sealing key must be 32 bytes');
  }

  static forDataDir(dataDir: string): LocalSecretSealer {
    return new LocalSecretSealer(loadKeyFile(dataDir, 'factor-sealing-key'));
  }

  async seal(secret: string, context: string): Promise<string> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(Buffer.from(context, 'utf8'));
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), sealed].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  async open(sealed: string, context: string): Promise<string> {
    const [version, iv, tag, ciphertext, ...rest] = sealed.split('.');
    if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined || rest.length > 0) {
      throw new Error('not a sealed secret');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'), { authTagLength: 16 }).setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('the sealed secret does not open: it was altered, or sealed for another owner');
    }
  }
}
