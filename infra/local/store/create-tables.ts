import { CreateTableCommand, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** What the local runtime needs to create a table: a string partition key is enough for all of ours. */
export interface LocalTable {
  tableName: string;
  partitionKey: string;
}

/** Creates the tables that do not exist yet (on-demand, like the CDK stack's). */
export async function ensureTables(client: DynamoDBDocumentClient, tables: LocalTable[]): Promise<void> {
  await Promise.all(tables.map((table) => createIfMissing(client, table)));
}

async function createIfMissing(client: DynamoDBDocumentClient, { tableName, partitionKey }: LocalTable): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: partitionKey, AttributeType: 'S' }],
        KeySchema: [{ AttributeName: partitionKey, KeyType: 'HASH' }],
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
}
