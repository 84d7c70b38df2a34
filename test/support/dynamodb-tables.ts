import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../functions/adapters/aws/dynamodb/document-client';
import type { TableSpec } from '../../functions/adapters/aws/dynamodb/tables';
import { ensureTables } from '../../infra/local/store/create-tables';
import { startDynalite, type RunningStore } from '../../infra/local/store/dynalite-server';
import { awsTestConfig } from './aws-test-config';

/** One empty table for one test, and how to throw it away. */
export interface TestTable {
  client: DynamoDBDocumentClient;
  tableName: string;
  cleanup(): Promise<void>;
}

export type TableMaker = (spec: TableSpec) => Promise<TestTable>;

let sequence = 0;

/** A uniquely named table on an endpoint shared by a test file (moto); cleanup drops it. */
export function tableOn(endpoint: string, spec: TableSpec): Promise<TestTable> {
  return tableThrough(createDocumentClient(awsTestConfig(endpoint)), spec);
}

/** A uniquely named table on a dynalite store this test started (it listens on no TCP port). */
export function tableOnStore(store: RunningStore, spec: TableSpec): Promise<TestTable> {
  return tableThrough(createDocumentClient(store.clientConfig), spec);
}

async function tableThrough(client: DynamoDBDocumentClient, spec: TableSpec): Promise<TestTable> {
  const tableName = `test-${spec.name}-${++sequence}`;
  await ensureTables(client, [{ tableName, partitionKey: spec.partitionKey, ...(spec.sortKey && { sortKey: spec.sortKey }) }]);
  const cleanup = async () => {
    await client.send(new DeleteTableCommand({ TableName: tableName }));
    client.destroy();
  };
  return { client, tableName, cleanup };
}

/** A table in its own in-memory dynalite, which starts in milliseconds. */
export const dynaliteTable: TableMaker = async (spec) => {
  const store = await startDynalite();
  const table = await tableOnStore(store, spec);
  const cleanup = async () => {
    // The client goes first: the server waits for its keep-alive sockets to close.
    await table.cleanup();
    await store.close();
  };
  return { ...table, cleanup };
};
