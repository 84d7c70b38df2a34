import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ExecutionStore, type ExecutionRecord } from '../../../../infra/local/workflow/execution-store';
import { aliceStartsSplunk } from '../../../support/fakes/fake-deps';
import { dynaliteTable, type TestTable } from '../../../support/dynamodb-tables';

const command = aliceStartsSplunk();

function running(executionId: string, startedAt: string): ExecutionRecord {
  return {
    executionId,
    status: 'RUNNING',
    commandId: `c-${executionId}`,
    userId: 'alice',
    action: 'start',
    target: 'splunk',
    startedAt,
    stoppedAt: null,
    command,
    history: [],
  };
}

/** The local runner's execution records, on a real (in-memory) store. */
describe('ExecutionStore', () => {
  let table: TestTable;
  let store: ExecutionStore;
  beforeEach(async () => {
    table = await dynaliteTable({ name: 'executions', partitionKey: 'executionId' });
    store = new ExecutionStore(table.client, table.tableName);
  });
  afterEach(async () => {
    await table.cleanup();
  });

  it('gives back a created execution whole, and nothing for an unknown id', async () => {
    const record = running('e-1', '2026-01-01T00:00:00.000Z');
    await store.create(record);

    expect(await store.get('e-1')).toEqual(record);
    expect(await store.get('e-2')).toBeUndefined();
  });

  it('saves the history and the end fields it is given, leaving the rest as they were', async () => {
    await store.create(running('e-1', '2026-01-01T00:00:00.000Z'));
    const history = [{ id: 1, timestamp: '2026-01-01T00:00:00.000Z', type: 'ExecutionStarted' }];

    await store.saveHistory('e-1', history);
    await store.finish('e-1', { status: 'FAILED', error: 'CommandCancelled', cause: 'the user cancelled', stoppedAt: '2026-01-01T00:01:00.000Z' });

    expect(await store.get('e-1')).toMatchObject({
      status: 'FAILED',
      error: 'CommandCancelled',
      cause: 'the user cancelled',
      stoppedAt: '2026-01-01T00:01:00.000Z',
      startedAt: '2026-01-01T00:00:00.000Z',
      command,
      history,
    });
  });

  it('skips fields given as undefined instead of refusing the update', async () => {
    await store.create(running('e-1', '2026-01-01T00:00:00.000Z'));

    await store.finish('e-1', { status: 'SUCCEEDED', error: undefined, cause: undefined });

    const record = await store.get('e-1');
    expect(record?.status).toBe('SUCCEEDED');
    expect(record).not.toHaveProperty('error');
  });

  it('lists summaries newest first, without histories or commands', async () => {
    const minutes = [3, 0, 7, 1, 9, 4, 2, 8, 5, 6];
    for (const minute of minutes) await store.create(running(`e-${minute}`, `2026-01-01T00:0${minute}:00.000Z`));
    await store.finish('e-0', { status: 'SUCCEEDED', stoppedAt: '2026-01-01T00:00:30.000Z' });

    const listed = await store.list();

    expect(listed.map((e) => e.executionId)).toEqual(['e-9', 'e-8', 'e-7', 'e-6', 'e-5', 'e-4', 'e-3', 'e-2', 'e-1', 'e-0']);
    expect(listed.at(-1)).toEqual({
      executionId: 'e-0',
      status: 'SUCCEEDED',
      commandId: 'c-e-0',
      userId: 'alice',
      action: 'start',
      target: 'splunk',
      startedAt: '2026-01-01T00:00:00.000Z',
      stoppedAt: '2026-01-01T00:00:30.000Z',
    });
  });

  it('lists a record stored without a stop time as not stopped (null)', async () => {
    const { stoppedAt: _, ...withoutStop } = running('e-1', '2026-01-01T00:00:00.000Z');
    await table.client.send(new PutCommand({ TableName: table.tableName, Item: withoutStop }));

    expect((await store.list())[0]?.stoppedAt).toBeNull();
  });
});
