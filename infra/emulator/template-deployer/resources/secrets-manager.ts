import { CreateSecretCommand, GetRandomPasswordCommand } from '@aws-sdk/client-secrets-manager';
import { answered, type NamedResourceCreator } from '../resource-type';

/** Like CloudFormation, generates the value with GetRandomPassword from GenerateSecretString. */
export const createSecret: NamedResourceCreator = async (Name, p, { aws }) => {
  const generate = p.GenerateSecretString as Record<string, unknown> | undefined;
  const SecretString = generate ? (await aws.secrets.send(new GetRandomPasswordCommand(generate))).RandomPassword : p.SecretString;
  const { ARN } = await aws.secrets.send(new CreateSecretCommand({ Name, Description: p.Description, KmsKeyId: p.KmsKeyId, SecretString }));
  const arn = answered(ARN, 'ARN');
  return { ref: arn, attributes: { Id: arn } };
};
