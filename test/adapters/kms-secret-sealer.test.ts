import { DecryptCommand, EncryptCommand, InvalidCiphertextException, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { KmsSecretSealer } from '../../functions/adapters/aws/kms/kms-secret-sealer';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const CIPHERTEXT = Buffer.from('kms ciphertext blob');

describe('KmsSecretSealer', () => {
  const kms = mockClient(KMSClient);
  const sealer = new KmsSecretSealer(kms as unknown as KMSClient, KEY);
  afterEach(() => kms.reset());

  it('encrypts with the key, binding the owner in the encryption context, and stores only the ciphertext', async () => {
    kms.on(EncryptCommand).resolves({ CiphertextBlob: CIPHERTEXT, KeyId: KEY });

    const sealed = await sealer.seal(SECRET, 'alice');

    expect(kms.commandCalls(EncryptCommand)[0]!.args[0].input).toEqual({
      KeyId: KEY,
      Plaintext: Buffer.from(SECRET),
      EncryptionContext: { purpose: 'voicegate-factor-secret', owner: 'alice' },
    });
    expect(sealed).toBe(`kms:${CIPHERTEXT.toString('base64')}`);
    expect(sealed).not.toContain(SECRET);
  });

  it('decrypts under the same key and context', async () => {
    kms.on(DecryptCommand).resolves({ Plaintext: Buffer.from(SECRET), KeyId: KEY });

    expect(await sealer.open(`kms:${CIPHERTEXT.toString('base64')}`, 'alice')).toBe(SECRET);
    expect(kms.commandCalls(DecryptCommand)[0]!.args[0].input).toEqual({
      KeyId: KEY,
      CiphertextBlob: CIPHERTEXT,
      EncryptionContext: { purpose: 'voicegate-factor-secret', owner: 'alice' },
    });
  });

  it("passes on KMS's refusal of a tampered ciphertext or another owner's context", async () => {
    kms.on(DecryptCommand).rejects(new InvalidCiphertextException({ message: 'invalid', $metadata: {} }));

    await expect(sealer.open(`kms:${CIPHERTEXT.toString('base64')}`, 'bob')).rejects.toMatchObject({ name: 'InvalidCiphertextException' });
  });

  it('refuses a secret sealed some other way without asking KMS', async () => {
    await expect(sealer.open('v1.a.b.c', 'alice')).rejects.toThrow(/not sealed with KMS/);
    expect(kms.calls()).toHaveLength(0);
  });

  it('fails clearly when KMS answers without a ciphertext', async () => {
    kms.on(EncryptCommand).resolves({});

    await expect(sealer.seal(SECRET, 'alice')).rejects.toThrow(/no ciphertext/);
  });
});
