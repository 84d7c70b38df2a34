import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { judgeSend, withSend, type LimitVerdict, type SendLimit } from '../../../domain/send-limits';
import type { Clock } from '../../../ports/clock';
import type { SendRateLimiter } from '../../../ports/send-rate-limiter';
import { isConditionFailure } from './tables';

interface SendLog {
  sends: number[];
  /** 0 when no item is stored yet. */
  version: number;
}

/**
 * Each lost race is followed by a fresh read, and every round lets at least one writer in
 * (or refuses everyone once the log is full), so a few dozen rounds cover any burst.
 */
const MAX_ROUNDS = 64;

/**
 * S8: one item per user holding the times of their recent sends (a rolling log). A send is
 * appended with a put conditional on the version read, so concurrent sends cannot both take
 * the last place in a window (plain conditional writes: dynalite has no transactions).
 */
export class DynamoDbSendRateLimiter implements SendRateLimiter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly limits: SendLimit[],
    private readonly clock: Clock,
  ) {}

  async check(userId: string): Promise<LimitVerdict> {
    return judgeSend((await this.read(userId)).sends, this.clock.now(), this.limits);
  }

  async tryConsume(userId: string): Promise<LimitVerdict> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const log = await this.read(userId);
      const now = this.clock.now();
      const verdict = judgeSend(log.sends, now, this.limits);
      if (!verdict.allowed) return verdict;
      if (await this.write(userId, log, withSend(log.sends, now, this.limits), now)) return verdict;
    }
    throw new Error('the send log kept changing; try again');
  }

  async reset(userId: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { counterKey: userId } }));
  }

  private async read(userId: string): Promise<SendLog> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { counterKey: userId }, ConsistentRead: true }));
    if (!Item) return { sends: [], version: 0 };
    return { sends: (Item.sends as number[] | undefined) ?? [], version: Item.version as number };
  }

  private async write(userId: string, read: SendLog, sends: number[], newest: number): Promise<boolean> {
    const longest = Math.max(0, ...this.limits.map((limit) => limit.windowSeconds));
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { counterKey: userId, sends, version: read.version + 1, expiresAtSeconds: Math.ceil(newest / 1000) + longest },
          ConditionExpression: read.version === 0 ? 'attribute_not_exists(counterKey)' : 'version = :version',
          ...(read.version > 0 && { ExpressionAttributeValues: { ':version': read.version } }),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
