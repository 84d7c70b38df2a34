import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ActionLedger, ActionRecordStatus } from '../../../ports/action-ledger';
import { isConditionFailure } from './tables';

/** S14: a conditional put claims a command's action, so two attempts cannot both act. */
export class DynamoDbActionLedger implements ActionLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(commandId: string, at: number): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { commandId, status: 'acting', claimedAt: at },
          ConditionExpression: 'attribute_not_exists(commandId) OR #status = :failed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':failed': 'failed' },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async settle(commandId: string, outcome: ActionRecordStatus | 'released'): Promise<void> {
    const onlyWhileActing = {
      ConditionExpression: '#status = :acting',
      ExpressionAttributeNames: { '#status': 'status' },
    };
    if (outcome === 'released') {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { commandId },
          ...onlyWhileActing,
          ExpressionAttributeValues: { ':acting': 'acting' },
        }),
      );
      return;
    }
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { commandId },
        UpdateExpression: 'SET #status = :outcome',
        ...onlyWhileActing,
        ExpressionAttributeValues: { ':acting': 'acting', ':outcome': outcome },
      }),
    );
  }

  async status(commandId: string): Promise<ActionRecordStatus | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { commandId }, ConsistentRead: true }));
    return Item?.status as ActionRecordStatus | undefined;
  }
}
