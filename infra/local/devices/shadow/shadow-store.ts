import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ShadowDocument } from './shadow-document';

/** Shadow documents in the local store, so desired and reported state survive a restart. */
export class ShadowStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(thingName: string): Promise<ShadowDocument | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { thingName }, ConsistentRead: true }));
    return Item?.document as ShadowDocument | undefined;
  }

  /** Callers serialize updates per thing (ShadowService), so a plain put is enough. */
  async put(thingName: string, document: ShadowDocument): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { thingName, document } }));
  }
}
