import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FactorRecord } from '../../../domain/factor-enrollment';
import type { FactorStore } from '../../../ports/factor-store';
import { isConditionFailure } from './tables';

/** One item per owner; secrets only in sealed form; every write conditional. */
export class DynamoDbFactorStore implements FactorStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(ownerId: string): Promise<FactorRecord | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { ownerId }, ConsistentRead: true }));
    return Item as FactorRecord | undefined;
  }

  async save(next: FactorRecord, expectedVersion: number): Promise<boolean> {
    const condition =
      expectedVersion === 0
        ? { ConditionExpression: 'attribute_not_exists(ownerId)' }
        : { ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': expectedVersion } };
    return conditionally(() => this.client.send(new PutCommand({ TableName: this.tableName, Item: next, ...condition })));
  }

  async claimTotpStep(ownerId: string, step: number): Promise<boolean> {
    const claim = new UpdateCommand({
      TableName: this.tableName,
      Key: { ownerId },
      // Bumping the version makes a concurrent save built on the older record fail and re-read.
      UpdateExpression: 'SET lastTotpStep = :step, version = if_not_exists(version, :zero) + :one',
      ConditionExpression: 'attribute_not_exists(lastTotpStep) OR lastTotpStep < :step',
      ExpressionAttributeValues: { ':step': step, ':zero': 0, ':one': 1 },
    });
    return conditionally(() => this.client.send(claim));
  }
}

/** True when the write happened, false when its condition did not hold. */
async function conditionally(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
