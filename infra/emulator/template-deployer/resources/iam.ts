import { CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { answered, type NamedResourceCreator, type ResourceCreator } from '../resource-type';

/** Created as written; the emulator records IAM but does not enforce it. */
export const createRole: NamedResourceCreator = async (RoleName, p, { aws }) => {
  const { Role } = await aws.iam.send(
    new CreateRoleCommand({ RoleName, Path: p.Path, Description: p.Description, AssumeRolePolicyDocument: JSON.stringify(p.AssumeRolePolicyDocument) }),
  );
  for (const { PolicyName, PolicyDocument } of p.Policies ?? []) {
    await aws.iam.send(new PutRolePolicyCommand({ RoleName, PolicyName, PolicyDocument: JSON.stringify(PolicyDocument) }));
  }
  return { ref: RoleName, attributes: { Arn: answered(Role?.Arn, 'Role.Arn'), RoleId: answered(Role?.RoleId, 'Role.RoleId') } };
};

export const createPolicy: ResourceCreator = async (p, { aws }) => {
  for (const RoleName of p.Roles ?? []) {
    await aws.iam.send(new PutRolePolicyCommand({ RoleName, PolicyName: p.PolicyName, PolicyDocument: JSON.stringify(p.PolicyDocument) }));
  }
  return { ref: p.PolicyName };
};
