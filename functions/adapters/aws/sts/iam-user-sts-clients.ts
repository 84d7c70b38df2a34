import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { STSClient, type STSClientConfig } from '@aws-sdk/client-sts';
import type { MfaDeviceLink } from '../../../domain/factor-enrollment';

/**
 * STS clients signed as the IAM user an MFA device belongs to: GetSessionToken refuses role
 * credentials. The user's access key is read from the Secrets Manager secret the device link
 * names ({"accessKeyId", "secretAccessKey"}), once per container; a failed read is retried.
 */
export function iamUserStsClients(secrets: SecretsManagerClient, config: STSClientConfig = {}): (device: MfaDeviceLink) => Promise<STSClient> {
  const clients = new Map<string, Promise<STSClient>>();
  return (device) => {
    const secretId = device.credentialsSecretId;
    if (!secretId) return Promise.reject(new Error('this MFA device link names no IAM user credentials'));
    const cached = clients.get(secretId);
    if (cached) return cached;
    const client = readAccessKey(secrets, secretId).then((credentials) => new STSClient({ ...config, credentials }));
    client.catch(() => clients.delete(secretId));
    clients.set(secretId, client);
    return client;
  };
}

async function readAccessKey(secrets: SecretsManagerClient, secretId: string): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: secretId }));
  const { accessKeyId, secretAccessKey } = JSON.parse(SecretString ?? '{}') as Record<string, unknown>;
  if (typeof accessKeyId !== 'string' || typeof secretAccessKey !== 'string') {
    throw new Error('the MFA credentials secret must hold {"accessKeyId", "secretAccessKey"}');
  }
  return { accessKeyId, secretAccessKey };
}
