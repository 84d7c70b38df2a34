import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { SecretSealer } from '../../ports/secret-sealer';

const VERSION = 'v1';
const IV_BYTES = 12;

/**
 * AES-256-GCM sealing with a key the host holds. The context is authenticated data, so a
 * sealed secret opens only for the context it was sealed for, and any change is detected.
 * Locally it stands in for KMS (a key file in the data dir); on both hosts it seals workflow
 * task tokens under a key derived from the code-hash secret, which only the functions that
 * complete tasks hold.
 */
export class AesGcmSecretSealer implements SecretSealer {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new RangeError('the sealing key must be 32 bytes');
  }

  /** A sealer whose key is derived (HKDF-SHA-256) from a server-side secret, one key per purpose. */
  static derivedFrom(secret: Buffer, purpose: string): AesGcmSecretSealer {
    return new AesGcmSecretSealer(Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), purpose, 32)));
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

/** The purpose string of the task-token key; changing it makes stored tokens unreadable. */
export const TASK_TOKEN_KEY_PURPOSE = 'voicegate task token v1';
