import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, type Role } from 'aws-cdk-lib/aws-iam';
import { ALIAS_TAG } from '../../../functions/domain/instance';
import type { AuditTrail } from './audit-trail';
import type { CodeHashSecret } from './code-hash-secret';
import type { ConfirmCommandWorkflow } from './confirm-command-workflow';
import type { DataTables } from './data-tables';
import type { DeviceFleet } from './device-fleet';
import type { FactorSecrets } from './factor-secrets';
import type { Messaging } from './messaging';
import { attachNamedPolicy } from './named-policy';
import type { VoiceGateFunctions } from './voicegate-functions';

export interface GrantedResources {
  tables: DataTables;
  secret: CodeHashSecret;
  messaging: Messaging;
  audit: AuditTrail;
  workflow: ConfirmCommandWorkflow;
  devices: DeviceFleet;
  factorSecrets: FactorSecrets;
}

/** Each function gets what its use cases call, and nothing more. */
export function grantFunctionPermissions(functions: VoiceGateFunctions, resources: GrantedResources): void {
  const { tables, secret, messaging, audit, workflow, devices, factorSecrets } = resources;
  const { skill, issueChallenge, performAction } = functions;

  // The code-hash key (S2): the skill checks codes, issue-challenge hashes them; perform-action
  // acts on a confirmation and never touches a code, so it may not read the key.
  for (const { role } of [skill, issueChallenge]) secret.secret.grantRead(role);

  // The skill: linked user, pending challenge and send limits; lists instances; starts the
  // workflow and reports codes to it; resends codes (S8); records rejections and denials.
  for (const table of ['users', 'challenges', 'sendCounters'] as const) tables.grantAdapterAccess(skill.role, table);
  // "authorize": how the action went, read where perform-action records it, never a claim.
  tables.grantItemRead(skill.role, 'actionLedger');
  grantEc2Read(skill.role, 'ListInstances');
  // Devices: the user's own (a Query on the owner key) and their reported state; never a shadow write.
  tables.grantAdapterAccess(skill.role, 'devices');
  devices.grantShadowRead(skill.role);
  workflow.grantDriveCommands(skill.role);
  messaging.grantSendCodes(skill.role);
  audit.grantPublish(skill.role);
  // Authenticator and MFA-device codes: the user's factors, each TOTP step claimed once, the
  // sealed secret opened; no function enrolls on AWS, so none may seal (kms:Encrypt) or save a record.
  tables.grantAdapterAccess(skill.role, 'factors', ['dynamodb:GetItem', 'dynamodb:UpdateItem']);
  factorSecrets.grantOpen(skill.role);
  factorSecrets.grantReadMfaCredentials(skill.role);

  // issue-challenge: checks the command against the stores (the user, their policy, the one
  // instance with that alias, the device's owner), sends the code, stores the challenge,
  // supersedes the previous command (S13).
  for (const table of ['users', 'challenges', 'sendCounters', 'devices'] as const) tables.grantAdapterAccess(issueChallenge.role, table);
  grantEc2Read(issueChallenge.role, 'ReadInstanceAliases');
  // Which factor confirms the command: the user's enrolled factors, never their secrets.
  tables.grantItemRead(issueChallenge.role, 'factors');
  messaging.grantSendCodes(issueChallenge.role);
  workflow.grantFailWaitingTasks(issueChallenge.role);
  audit.grantPublish(issueChallenge.role);

  // perform-action: acts only on a verified challenge for exactly this command, re-checking the
  // user, their policy, the instance's alias tag and the device's owner (read-only: it never
  // writes a challenge); the at-most-once ledger (S14); VoiceGate-tagged instances only (S11).
  tables.grantItemRead(performAction.role, 'users');
  tables.grantItemRead(performAction.role, 'challenges');
  tables.grantAdapterAccess(performAction.role, 'devices');
  grantEc2Read(performAction.role, 'ReadInstanceAliases');
  tables.grantAdapterAccess(performAction.role, 'actionLedger');
  grantControlTaggedInstances(performAction.role);
  // Device actions: desired-state updates of VoiceGate things' shadows, then reading the report.
  devices.grantShadowUpdate(performAction.role);
}

/**
 * EC2's Describe actions have no resource-level permissions. The skill lists instances with
 * their states; the workflow's checks read only which instance carries which alias tag.
 */
const EC2_READS = { ListInstances: 'ec2:DescribeInstances', ReadInstanceAliases: 'ec2:DescribeTags' } as const;

function grantEc2Read(role: Role, policyName: keyof typeof EC2_READS): void {
  const action = EC2_READS[policyName];
  attachNamedPolicy(
    role,
    policyName,
    [new PolicyStatement({ actions: [action], resources: ['*'] })],
    [
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: `${action} does not support resource-level permissions; the adapter filters on the VoiceGate alias tag.`,
      },
    ],
  );
}

/** S11: start, stop and reboot only instances that carry the VoiceGate alias tag. */
function grantControlTaggedInstances(role: Role): void {
  const tagKey = `aws:ResourceTag/${ALIAS_TAG}`;
  attachNamedPolicy(
    role,
    'ControlTaggedInstances',
    [
      new PolicyStatement({
        actions: ['ec2:StartInstances', 'ec2:StopInstances', 'ec2:RebootInstances'],
        resources: [Stack.of(role).formatArn({ service: 'ec2', resource: 'instance', resourceName: '*' })],
        conditions: { StringLike: { [tagKey]: '*' }, Null: { [tagKey]: 'false' } },
      }),
    ],
    [
      {
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:instance/*]',
        reason: `Instances are chosen by voice at run time; the ${ALIAS_TAG} tag condition limits the actions to instances an operator tagged for VoiceGate.`,
      },
    ],
  );
}
