import { CreateSecretCommand, GetRandomPasswordCommand } from '@aws-sdk/client-secrets-manager';
import type { ResourceCreator } from '../resource-type';

/** Like CloudFormation, generates the value with GetRandomPassword from GenerateSecretString. */
export const createSecret: ResourceCreator = async (p, { aws, generatedName }) => {
  const generate = p.GenerateSecretString as Record<string, unknown> | undefined;
  const SecretString = generate
    ? (await aws.secrets.send(new GetRandomPasswordCommand(generate))).RandomPassword
    : p.SecretString;
  const { ARN } = await aws.secrets.send(
    new CreateSecretCommand({ Name: p.Name ?? generatedName(128), Description: p.Description, KmsKeyId: p.KmsKeyId, SecretString }),
  );
  return { ref: ARN!, attributes: { Id: ARN! } };
};
