import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { User } from '../../../domain/user';
import type { UserDirectory } from '../../../ports/user-directory';
import { isConditionFailure } from './tables';

export class DynamoDbUserDirectory implements UserDirectory {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(userId: string): Promise<User | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { userId } }));
    return Item as User | undefined;
  }

  async create(user: User): Promise<boolean> {
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: user, ConditionExpression: 'attribute_not_exists(userId)' }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
