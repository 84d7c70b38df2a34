import { DecryptCommand, EncryptCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { SecretSealer } from '../../../ports/secret-sealer';

const PREFIX = 'kms:';

/** The encryption context's `purpose`; the stack's key grant is conditioned on it. */
export const FACTOR_SECRET_PURPOSE = 'voicegate-factor-secret';

/** The factor key's alias, by which an operator's tools find it (the functions get its ARN). */
export function factorKeyAlias(stackName: string): string {
  return `alias/${stackName}-factor-secrets`;
}

/**
 * Seals factor secrets with a KMS key. The owner goes into the encryption context, so KMS
 * refuses to open a sealed secret copied to another owner's record (and CloudTrail names it).
 */
export class KmsSecretSealer implements SecretSealer {
  constructor(
    private readonly client: KMSClient,
    private readonly keyId: string,
  ) {}

  async seal(secret: string, context: string): Promise<string> {
    const { CiphertextBlob } = await this.client.send(
      new EncryptCommand({ KeyId: this.keyId, Plaintext: Buffer.from(secret, 'utf8'), EncryptionContext: encryptionContext(context) }),
    );
    if (!CiphertextBlob) throw new Error('KMS returned no ciphertext');
    return PREFIX + Buffer.from(CiphertextBlob).toString('base64');
  }

  async open(sealed: string, context: string): Promise<string> {
    if (!sealed.startsWith(PREFIX)) throw new Error('this secret was not sealed with KMS');
    const { Plaintext } = await this.client.send(
      new DecryptCommand({
        // Pinning the key: a ciphertext made under any other key is refused.
        KeyId: this.keyId,
        CiphertextBlob: Buffer.from(sealed.slice(PREFIX.length), 'base64'),
        EncryptionContext: encryptionContext(context),
      }),
    );
    if (!Plaintext) throw new Error('KMS returned no plaintext');
    return Buffer.from(Plaintext).toString('utf8');
  }
}

function encryptionContext(owner: string): Record<string, string> {
  return { purpose: FACTOR_SECRET_PURPOSE, owner };
}
