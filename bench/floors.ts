/**
 * The floor of each request type: the store operations it cannot avoid, timed alone in
 * the stack's own process, on the stack's own document client and store, through the
 * same DynamoDB adapters the product uses.
 */
import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbChallengeStore } from '../functions/adapters/aws/dynamodb/dynamodb-challenge-store';
import { DynamoDbSendRateLimiter } from '../functions/adapters/aws/dynamodb/dynamodb-send-rate-limiter';
import { DynamoDbUserDirectory } from '../functions/adapters/aws/dynamodb/dynamodb-user-directory';
import type { Challenge } from '../functions/domain/challenge';
import { systemClock } from '../functions/ports/clock';
import type { LocalStack } from '../infra/local/app';
import { LOCAL_TABLE_NAMES as T } from '../infra/local/store/local-tables';
import type { FloorKind } from './host-protocol';

/** What each floor does, in order (printed with the results). */
export const FLOOR_STEPS: Record<FloorKind, string[]> = {
  list: ['GetItem user', 'Scan fleet'],
  command: ['GetItem user', 'Scan fleet', 'GetItem + PutItem send log (conditional)', 'PutItem challenge', 'PutItem outbox message'],
  authorize: ['GetItem challenge (consistent)', 'PutItem challenge (conditional on version)'],
};

const FLOOR_USER = { userId: 'bench-floor', phone: '+15550000000', email: 'floor@bench.invalid', targets: ['*'], preferredChannel: 'sms' as const };

/** Prepares the floor user and returns a timer for one floor run (ms). */
export async function floorRunner(stack: LocalStack, client: DynamoDBDocumentClient): Promise<(kind: FloorKind) => Promise<number>> {
  const users = new DynamoDbUserDirectory(client, T.users);
  const challenges = new DynamoDbChallengeStore(client, T.challenges);
  // One read and one conditional append of the rolling send log per command, with a limit the
  // bench never reaches (a one-second window keeps the log as short as a real user's).
  const counter = new DynamoDbSendRateLimiter(client, T.sendCounters, [{ name: 'floor', windowSeconds: 1, max: Number.MAX_SAFE_INTEGER }], systemClock);
  await users.create(FLOOR_USER);
  await challenges.replace(floorChallenge());

  const steps: Record<FloorKind, () => Promise<void>> = {
    async list() {
      await users.get(FLOOR_USER.userId);
      await stack.fleet.list();
    },
    async command() {
      await users.get(FLOOR_USER.userId);
      await stack.fleet.list();
      await counter.tryConsume(FLOOR_USER.userId);
      await challenges.replace(floorChallenge());
      await stack.outbox.send({ channel: 'sms', to: FLOOR_USER.phone, subject: 'floor', body: 'VoiceGate code 000000 (bench floor)' });
    },
    async authorize() {
      const current = await challenges.get(FLOOR_USER.userId);
      if (!current) throw new Error('the floor challenge is gone');
      if (!(await challenges.save({ ...current, version: current.version + 1 }, current.version))) throw new Error('floor write lost');
    },
  };
  return async (kind) => {
    const started = performance.now();
    await steps[kind]();
    return performance.now() - started;
  };
}

function floorChallenge(): Challenge {
  const now = Date.now();
  return {
    userId: FLOOR_USER.userId,
    commandId: randomUUID(),
    executionId: randomUUID(),
    action: 'reboot',
    target: 'web',
    resource: 'i-floor',
    policyTarget: 'web',
    sealedTaskToken: 'x'.repeat(180),
    codeHash: 'h'.repeat(43),
    channel: 'sms',
    maskedDestination: '***00',
    issuedAt: now,
    expiresAt: now + 300_000,
    attemptsLeft: 3,
    status: 'pending',
    version: 1,
  };
}
