import { CreateTableCommand, ResourceInUseException, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** What the local runtime needs to create a table: string keys are enough for all of ours. */
export interface LocalTable {
  tableName: string;
  partitionKey: string;
  sortKey?: string;
}

/**
 * Creates the tables that do not exist yet (on-demand, like the CDK stack's), and returns once
 * each is ACTIVE: a table answers ResourceNotFoundException while it is still CREATING.
 */
export async function ensureTables(client: DynamoDBDocumentClient, tables: LocalTable[]): Promise<void> {
  await Promise.all(tables.map((table) => createIfMissing(client, table)));
}

async function createIfMissing(client: DynamoDBDocumentClient, { tableName, partitionKey, sortKey }: LocalTable): Promise<void> {
  const keys = sortKey ? [partitionKey, sortKey] : [partitionKey];
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: keys.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
        KeySchema: keys.map((AttributeName, i) => ({ AttributeName, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  // The first check is immediate; the delays only apply to a table still being created.
  await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 1 }, { TableName: tableName });
}
