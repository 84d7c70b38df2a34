import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Challenge } from '../../../domain/challenge';
import type { ChallengeStore } from '../../../ports/challenge-store';
import { isConditionFailure } from './tables';

/** One item per user; every change is a conditional put on the item's version (S3). */
export class DynamoDbChallengeStore implements ChallengeStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(userId: string): Promise<Challenge | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { userId }, ConsistentRead: true }));
    return Item ? fromItem(Item) : undefined;
  }

  async replace(challenge: Challenge): Promise<Challenge | undefined> {
    const { Attributes } = await this.client.send(new PutCommand({ TableName: this.tableName, Item: toItem(challenge), ReturnValues: 'ALL_OLD' }));
    return Attributes ? fromItem(Attributes) : undefined;
  }

  async save(next: Challenge, expectedVersion: number): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(next),
          ConditionExpression: 'commandId = :commandId AND version = :version',
          ExpressionAttributeValues: { ':commandId': next.commandId, ':version': expectedVersion },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async remove(userId: string, commandId: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { userId },
          ConditionExpression: 'commandId = :commandId',
          ExpressionAttributeValues: { ':commandId': commandId },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}

function toItem(challenge: Challenge): Record<string, unknown> {
  return { ...challenge, expiresAtSeconds: Math.ceil(challenge.expiresAt / 1000) };
}

function fromItem(item: Record<string, unknown>): Challenge {
  const { expiresAtSeconds: _ttl, ...challenge } = item;
  return challenge as unknown as Challenge;
}
