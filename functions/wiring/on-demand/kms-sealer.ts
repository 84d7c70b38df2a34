import { KMSClient } from '@aws-sdk/client-kms';
import { KmsSecretSealer } from '../../adapters/aws/kms/kms-secret-sealer';
import type { SecretSealer } from '../../ports/secret-sealer';

export const kmsSealer = (keyArn: string): SecretSealer => new KmsSecretSealer(new KMSClient({}), keyArn);
