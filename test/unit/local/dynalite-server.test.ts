/** The local store's socket: a burst of requests queues for a connection instead of failing. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynaliteTable, type TestTable } from '../../support/dynamodb-tables';

describe('startDynalite: the store behind a Unix socket', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await dynaliteTable({ name: 'burst', partitionKey: 'id' });
  });
  afterAll(() => table.cleanup());

  // A Unix socket refuses a connect (EAGAIN) once its listen backlog (511) is full, where TCP
  // would retry: 1,000 users at once overflowed it when every request opened a connection.
  it('answers 2,000 requests made at once, none refused at connect', async () => {
    const reads = Array.from({ length: 2000 }, (_, i) => table.client.send(new GetCommand({ TableName: table.tableName, Key: { id: `user-${i}` } })));

    const outcomes = await Promise.allSettled(reads);

    expect(outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => String(outcome.reason))).toEqual([]);
  });
});
