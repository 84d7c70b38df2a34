import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** S2: the code-hash key, from Secrets Manager. */
export async function readCodeHashKey(secretArn: string): Promise<Buffer> {
  const secrets = new SecretsManagerClient({});
  const { SecretString, SecretBinary } = await secrets.send(new GetSecretValueCommand({ SecretId: secretArn }));
  if (SecretBinary) return Buffer.from(SecretBinary);
  if (SecretString) return Buffer.from(SecretString, 'utf8');
  throw new Error('the code-hash secret is empty');
}
