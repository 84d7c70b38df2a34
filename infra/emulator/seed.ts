/**
 * `--seed`: what docs/deploy.md tells an operator to do after `cdk deploy`, step by step, with
 * the SDK instead of the CLI: verify the SES identity and set SMS attributes, create the Cognito
 * users and their users-table rows, and tag instances for VoiceGate. The people and instances
 * are the local mode's (infra/local/seed.ts).
 */
import { randomBytes } from 'node:crypto';
import { AdminCreateUserCommand, AdminGetUserCommand, AdminSetUserPasswordCommand } from '@aws-sdk/client-cognito-identity-provider';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateTagsCommand, RunInstancesCommand, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { CreateEmailIdentityCommand } from '@aws-sdk/client-sesv2';
import { SetSMSAttributesCommand } from '@aws-sdk/client-sns';
import { ALIAS_TAG } from '../../functions/domain/instance';
import type { User } from '../../functions/domain/user';
import { SEED_INSTANCES, SEED_USERS } from '../local/seed';
import type { AwsClients } from './aws-clients';

export interface SeededUser {
  username: string;
  password: string;
  /** Cognito's `sub`: the users-table key and the id in audit events. */
  userId: string;
}

export interface Seeded {
  users: Record<string, SeededUser>;
  instances: Record<string, string>;
}

export async function seedLikeAnOperator(
  aws: AwsClients,
  { outputs, sesFromAddress }: { outputs: Record<string, string>; sesFromAddress: string },
  progress: (line: string) => void,
): Promise<Seeded> {
  await aws.ses.send(new CreateEmailIdentityCommand({ EmailIdentity: sesFromAddress }));
  await aws.sns.send(new SetSMSAttributesCommand({ attributes: { DefaultSMSType: 'Transactional', MonthlySpendLimit: '10' } }));
  progress(`seed: SES identity ${sesFromAddress} verified, SMS attributes set`);
  const users: Record<string, SeededUser> = {};
  for (const user of SEED_USERS) {
    const seeded = await addPerson(aws, outputs, user);
    users[user.userId] = seeded;
    progress(`seed: user ${user.userId} (${seeded.username}, sub ${seeded.userId})`);
  }
  const instances: Record<string, string> = {};
  for (const { alias, state } of SEED_INSTANCES) {
    instances[alias] = await tagInstance(aws, alias, state);
    progress(`seed: instance ${instances[alias]} tagged ${ALIAS_TAG}=${alias} (${state})`);
  }
  return { users, instances };
}

/** docs/deploy.md step 7: the Cognito user (contacts vouched for), then the VoiceGate user under its sub. */
export async function addPerson(aws: AwsClients, outputs: Record<string, string>, user: Omit<User, 'userId'>): Promise<SeededUser> {
  const { UserPoolId } = outputs;
  if (!UserPoolId) throw new Error('the deployed stack has no UserPoolId output');
  const username = user.email;
  await aws.cognito.send(
    new AdminCreateUserCommand({
      UserPoolId,
      Username: username,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: user.email },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'phone_number', Value: user.phone },
        { Name: 'phone_number_verified', Value: 'true' },
      ],
    }),
  );
  // On AWS the person sets it at first sign-in; here the emulator's users sign in with it.
  const password = `Vg-${randomBytes(12).toString('base64url')}-9a`;
  await aws.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId, Username: username, Password: password, Permanent: true }));
  const { UserAttributes } = await aws.cognito.send(new AdminGetUserCommand({ UserPoolId, Username: username }));
  const sub = UserAttributes?.find(({ Name }) => Name === 'sub')?.Value;
  if (!sub) throw new Error(`Cognito gave ${username} no sub`);
  await aws.dynamodb.send(
    new PutItemCommand({
      TableName: outputs.UsersTableName,
      ConditionExpression: 'attribute_not_exists(userId)',
      Item: {
        userId: { S: sub },
        phone: { S: user.phone },
        email: { S: user.email },
        targets: { L: user.targets.map((target) => ({ S: target })) },
        preferredChannel: { S: user.preferredChannel },
      },
    }),
  );
  return { username, password, userId: sub };
}

/** "Tagging an instance for VoiceGate": an instance with the alias tag, in the seeded state. */
export async function tagInstance(aws: AwsClients, alias: string, state: string): Promise<string> {
  const { Instances } = await aws.ec2.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }));
  const instanceId = Instances?.[0]?.InstanceId;
  if (!instanceId) throw new Error('RunInstances answered without an instance id');
  await aws.ec2.send(new CreateTagsCommand({ Resources: [instanceId], Tags: [{ Key: ALIAS_TAG, Value: alias }] }));
  if (state === 'stopped') await aws.ec2.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));
  return instanceId;
}
