import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { KmsSecretSealer } from '../../functions/adapters/aws/kms/kms-secret-sealer';
import { awsTestConfig } from '../support/aws-test-config';
import { describeWithMoto } from '../support/moto';
import { secretSealerContract } from '../contract/suites/secret-sealer.contract';

/** moto's KMS authenticates the encryption context (as AAD), as KMS does. */
describeWithMoto('KmsSecretSealer over the wire (moto KMS)', (moto) => {
  let kms: KMSClient;
  let keyArn: string;

  beforeAll(async () => {
    kms = new KMSClient(awsTestConfig(moto().endpoint));
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: 'voicegate factor secrets' }));
    keyArn = KeyMetadata!.Arn!;
  });
  afterAll(() => kms.destroy());

  secretSealerContract('KmsSecretSealer on moto', async () => ({ subject: new KmsSecretSealer(kms, keyArn), cleanup: async () => undefined }));
});
