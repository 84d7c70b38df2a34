/**
 * A local AWS for the cold-start probes: moto_server on a free loopback port with what the
 * three functions touch on a first request (the code-hash secret, the DynamoDB tables, a
 * user, the audit bus, a tagged EC2 instance). Dummy credentials, never real ones.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { CreateEventBusCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../functions/adapters/aws/dynamodb/document-client';
import { TABLES, tableNames } from '../functions/adapters/aws/dynamodb/tables';
import { DynamoDbChallengeStore } from '../functions/adapters/aws/dynamodb/dynamodb-challenge-store';
import type { InstanceCommand } from '../functions/domain/command';
import { ALIAS_TAG } from '../functions/domain/instance';
import { storeVerifiedChallenge } from '../test/support/verified-challenge';
import { launchRequest } from '../infra/local/chat/envelope';
import { ensureTables } from '../infra/local/store/create-tables';
import { lambdaEnvironment } from './lambda-env';
import type { Progress } from './progress';
import { freePort, onPath, stopChild, waitUntilAnswering } from '../test/support/local-process';

export interface MotoFixture {
  /** A first request for the named function, and the environment to run it with. */
  request(name: string): Promise<{ event: unknown; env: Record<string, string> }>;
  stop(): Promise<void>;
}

export async function startMotoFixture(progress: Progress): Promise<MotoFixture> {
  if (!onPath('moto_server')) throw new Error('moto_server is not installed');
  const port = await freePort();
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore', env: { ...process.env, MOTO_PORT: String(port) } });
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = () => stopChild(child);
  try {
    await waitUntilAnswering(`${endpoint}/moto-api/`, child);
    progress(`cold start: moto_server up on ${endpoint}; creating the secret, tables, audit bus and an instance`);
    const env = lambdaEnvironment({ AWS_ENDPOINT_URL: endpoint });
    const config = { endpoint, region: env.AWS_REGION, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } };
    await new SecretsManagerClient(config).send(
      new CreateSecretCommand({ Name: env.VOICEGATE_CODE_HASH_SECRET_ARN, SecretString: randomBytes(32).toString('base64url') }),
    );
    const documents = createDocumentClient(config);
    const names = tableNames(env.VOICEGATE_TABLE_PREFIX);
    await ensureTables(
      documents,
      Object.entries(TABLES).map(([key, spec]) => ({ tableName: names[key as keyof typeof TABLES], partitionKey: spec.partitionKey })),
    );
    await new EventBridgeClient(config).send(new CreateEventBusCommand({ Name: env.VOICEGATE_AUDIT_BUS_NAME }));
    const { Instances } = await new EC2Client(config).send(
      new RunInstancesCommand({
        ImageId: 'ami-12c6146b',
        MinCount: 1,
        MaxCount: 1,
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: ALIAS_TAG, Value: 'web' }] }],
      }),
    );
    const instanceId = Instances?.[0]?.InstanceId;
    if (!instanceId) throw new Error('moto started no instance');
    let users = 0;
    return {
      async request(name) {
        const userId = `cold-${users++}`;
        const command: InstanceCommand = {
          commandId: randomUUID(),
          userId,
          action: 'reboot',
          target: 'web',
          policyTarget: 'web',
          instanceId,
          requestedAt: new Date().toISOString(),
        };
        if (name === 'skill') return { event: launchRequest({ skillId: env.VOICEGATE_SKILL_ID }), env };
        if (name === 'issue-challenge') {
          // A user of their own each time: S8 allows only a few codes per user.
          const user = { userId, phone: '+15555550199', email: 'cold@bench.invalid', targets: ['*'], preferredChannel: 'sms' };
          await documents.send(new PutCommand({ TableName: names.users, Item: user }));
          const executionId = `arn:aws:states:us-east-1:123456789012:execution:voicegate-confirm-command:${randomUUID()}`;
          return { event: { command, executionId, taskToken: randomBytes(48).toString('base64url') }, env };
        }
        if (name === 'perform-action') {
          // perform-action verifies from the stores: the user, and the challenge the spoken code verified.
          await documents.send(new PutCommand({ TableName: names.users, Item: { userId, phone: '+15555550199', targets: ['*'] } }));
          // It never opens the sealed task token, so a placeholder sealer is enough here.
          const sealer = { seal: async () => 'unopened', open: async () => 'unopened' };
          await storeVerifiedChallenge({ challenges: new DynamoDbChallengeStore(documents, names.challenges), taskTokens: sealer }, command);
          return { event: { command }, env };
        }
        if (name === 'reference') return { event: { userId }, env };
        throw new Error(`no first request for ${name}`);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
