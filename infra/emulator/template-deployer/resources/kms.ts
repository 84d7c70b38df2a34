import { CreateAliasCommand, CreateKeyCommand, EnableKeyRotationCommand } from '@aws-sdk/client-kms';
import { answered, type ResourceCreator } from '../resource-type';

export const createKey: ResourceCreator = async (p, { aws }) => {
  const { KeyMetadata } = await aws.kms.send(
    new CreateKeyCommand({ Description: p.Description, KeyUsage: p.KeyUsage, KeySpec: p.KeySpec, Policy: p.KeyPolicy && JSON.stringify(p.KeyPolicy) }),
  );
  const KeyId = answered(KeyMetadata?.KeyId, 'KeyMetadata.KeyId');
  if (p.EnableKeyRotation) await aws.kms.send(new EnableKeyRotationCommand({ KeyId }));
  return { ref: KeyId, attributes: { Arn: answered(KeyMetadata?.Arn, 'KeyMetadata.Arn'), KeyId } };
};

export const createKeyAlias: ResourceCreator = async (p, { aws }) => {
  await aws.kms.send(new CreateAliasCommand({ AliasName: p.AliasName, TargetKeyId: p.TargetKeyId }));
  return { ref: p.AliasName };
};
