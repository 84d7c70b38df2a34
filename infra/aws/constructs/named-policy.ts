import { Validations } from 'aws-cdk-lib';
import { Policy, type PolicyStatement, type Role } from 'aws-cdk-lib/aws-iam';

export interface Acknowledgment {
  /** A cdk-nag rule id, narrowed to one finding where the rule reports several, e.g. `AwsSolutions-IAM5[Resource::*]`. */
  id: string;
  reason: string;
}

/**
 * A named inline policy on a role. Statements that need a cdk-nag acknowledgment go here
 * rather than into the role's default policy, so each acknowledgment covers only the
 * statements its reason explains.
 */
export function attachNamedPolicy(role: Role, name: string, statements: PolicyStatement[], acknowledgments: Acknowledgment[] = []): Policy {
  const policy = new Policy(role, name, { roles: [role], statements });
  for (const acknowledgment of acknowledgments) Validations.of(policy).acknowledge(acknowledgment);
  return policy;
}
