import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BatchGetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { sendWindows, type SendLimit, type SendWindow } from '../../../domain/send-limits';
import type { Clock } from '../../../ports/clock';
import type { SendRateLimiter } from '../../../ports/send-rate-limiter';
import { isConditionFailure } from './tables';

/** S8: one atomic counter item per user and window; an increment never passes the limit. */
export class DynamoDbSendRateLimiter implements SendRateLimiter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly limits: SendLimit[],
    private readonly clock: Clock,
  ) {}

  async canSend(userId: string): Promise<boolean> {
    const windows = sendWindows(userId, this.clock.now(), this.limits);
    const keys = windows.map((w) => ({ counterKey: w.key }));
    const { Responses } = await this.client.send(
      new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
    );
    const counts = new Map((Responses?.[this.tableName] ?? []).map((item) => [item.counterKey as string, item.n as number]));
    return windows.every((w) => (counts.get(w.key) ?? 0) < w.max);
  }

  async tryConsume(userId: string): Promise<boolean> {
    const counted: SendWindow[] = [];
    for (const window of sendWindows(userId, this.clock.now(), this.limits)) {
      if (!(await this.increment(window, 1))) {
        await Promise.all(counted.map((w) => this.increment(w, -1)));
        return false;
      }
      counted.push(window);
    }
    return true;
  }

  private async increment(window: SendWindow, by: 1 | -1): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { counterKey: window.key },
          UpdateExpression: 'ADD n :by SET expiresAtSeconds = :expires',
          ...(by > 0 && { ConditionExpression: 'attribute_not_exists(n) OR n < :max' }),
          ExpressionAttributeValues: { ':by': by, ':expires': window.expiresAt, ...(by > 0 && { ':max': window.max }) },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
