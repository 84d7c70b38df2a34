/** Creating the local tables: ready to use when it returns, as the stack reads them right after. */
import type { AddressInfo } from 'node:net';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createDocumentClient } from '../../../functions/adapters/aws/dynamodb/document-client';
import { ensureTables } from '../../../infra/local/store/create-tables';

describe('ensureTables', () => {
  // A store that, like DynamoDB, keeps a new table CREATING for a while before it is ACTIVE.
  const server = dynalite({ createTableMs: 300 });
  let client: ReturnType<typeof createDocumentClient>;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = createDocumentClient({ endpoint: `http://127.0.0.1:${port}`, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  });
  afterAll(async () => {
    client.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('returns only once every table it created is ACTIVE', async () => {
    const tables = [
      { tableName: 'challenges', partitionKey: 'userId' },
      { tableName: 'ledger', partitionKey: 'commandId', sortKey: 'target' },
    ];

    await ensureTables(client, tables);

    for (const { tableName } of tables) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      expect(Table?.TableStatus).toBe('ACTIVE');
    }
  });

  it('leaves a table that already exists as it is', async () => {
    await ensureTables(client, [{ tableName: 'users', partitionKey: 'userId' }]);
    await expect(ensureTables(client, [{ tableName: 'users', partitionKey: 'userId' }])).resolves.toBeUndefined();
  });
});
