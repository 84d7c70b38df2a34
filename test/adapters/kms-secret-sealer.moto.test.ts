import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { KmsSecretSealer } from '../../functions/adapters/aws/kms/kms-secret-sealer';
import { awsTestConfig } from '../support/aws-test-config';
import { describeWithMoto } from '../support/moto';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** moto's KMS authenticates the encryption context (as AAD), as KMS does. */
describeWithMoto('KmsSecretSealer over the wire (moto KMS)', (moto) => {
  let kms: KMSClient;
  let sealer: KmsSecretSealer;

  beforeAll(async () => {
    kms = new KMSClient(awsTestConfig(moto().endpoint));
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: 'voicegate factor secrets' }));
    sealer = new KmsSecretSealer(kms, KeyMetadata!.Arn!);
  });
  afterAll(() => kms.destroy());

  it('opens what it sealed, for the same owner', async () => {
    const sealed = await sealer.seal(SECRET, 'alice');

    expect(sealed).not.toContain(SECRET);
    expect(await sealer.open(sealed, 'alice')).toBe(SECRET);
  });

  it("will not open one owner's secret for another", async () => {
    const sealed = await sealer.seal(SECRET, 'alice');

    await expect(sealer.open(sealed, 'bob')).rejects.toMatchObject({ name: 'InvalidCiphertextException' });
  });

  it('will not open a tampered ciphertext', async () => {
    const blob = Buffer.from((await sealer.seal(SECRET, 'alice')).slice('kms:'.length), 'base64');
    blob[blob.length - 1]! ^= 1;

    await expect(sealer.open(`kms:${blob.toString('base64')}`, 'alice')).rejects.toMatchObject({ name: 'InvalidCiphertextException' });
  });
});
