import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { TaskTokenRegistry } from '../../../../infra/local/workflow/task-token-registry';
import { dynaliteTable, type TestTable } from '../../../support/dynamodb-tables';

/** Step Functions' task-token rules on the local runner's registry, on a real (in-memory) store. */
describe('TaskTokenRegistry', () => {
  let table: TestTable;
  let registry: TaskTokenRegistry;
  beforeEach(async () => {
    table = await dynaliteTable({ name: 'task-tokens', partitionKey: 'tokenHash' });
    registry = new TaskTokenRegistry(table.client, table.tableName);
  });
  afterEach(async () => {
    await table.cleanup();
  });

  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => ({ name: 'resolved', message: '' }),
      (error: Error) => ({ name: error.name, message: error.message }),
    );
  /** How a waiting task's promise stands a moment later. */
  const stateOf = (promise: Promise<unknown>) =>
    Promise.race([
      promise.then(
        (output) => ({ resolved: output }),
        (error: Error) => ({ rejected: error.name, message: error.message }),
      ),
      sleep(50).then(() => 'pending' as const),
    ]);
  const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');
  const stored = async (token: string) =>
    (await table.client.send(new GetCommand({ TableName: table.tableName, Key: { tokenHash: hashOf(token) }, ConsistentRead: true }))).Item;

  /** A token with a task waiting on it, as the engine registers one. */
  async function waitingOn(executionId = 'exec-1') {
    const token = TaskTokenRegistry.newToken();
    const task = registry.wait(token, executionId);
    task.catch(() => undefined);
    await eventuallyStored(token);
    return { token, task };
  }
  async function eventuallyStored(token: string): Promise<void> {
    for (let i = 0; i < 200 && !(await stored(token)); i++) await sleep(5);
  }

  it('mints opaque 64-character base64url tokens, a fresh one each time', () => {
    const minted = Array.from({ length: 20 }, () => TaskTokenRegistry.newToken());

    for (const token of minted) expect(token).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(new Set(minted).size).toBe(minted.length);
  });

  it('stores only the token hash, with the execution and a waiting status (S12)', async () => {
    const { token } = await waitingOn('exec-7');

    expect(await stored(token)).toEqual({ tokenHash: hashOf(token), executionId: 'exec-7', status: 'waiting' });
    const { Items } = await table.client.send(new ScanCommand({ TableName: table.tableName }));
    expect(JSON.stringify(Items)).not.toContain(token);
  });

  it('hands the output of SendTaskSuccess to the waiting task and marks the token done', async () => {
    const { token, task } = await waitingOn();

    await registry.succeed(token, { factor: 'sms' });

    expect(await stateOf(task)).toEqual({ resolved: { factor: 'sms' } });
    expect((await stored(token))?.status).toBe('done');
  });

  it('fails the waiting task with the error as its name and the cause as its message', async () => {
    const { token, task } = await waitingOn();

    await registry.fail(token, 'CommandCancelled', 'the user cancelled');

    expect(await stateOf(task)).toEqual({ rejected: 'CommandCancelled', message: 'the user cancelled' });
    expect((await stored(token))?.status).toBe('done');
  });

  it('completes once: after success or failure, both calls answer TaskTimedOut', async () => {
    const first = await waitingOn('exec-1');
    const second = await waitingOn('exec-2');
    await registry.succeed(first.token, {});
    await registry.fail(second.token, 'CommandCancelled', 'cancelled');

    for (const { token } of [first, second]) {
      expect(await failureOf(registry.succeed(token, {}))).toEqual({ name: 'TaskTimedOut', message: 'Task Timed Out' });
      expect(await failureOf(registry.fail(token, 'CommandCancelled', 'again'))).toEqual({ name: 'TaskTimedOut', message: 'Task Timed Out' });
    }
  });

  it('lets exactly one of several concurrent SendTaskSuccess calls complete a token', async () => {
    const { token, task } = await waitingOn();

    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => failureOf(registry.succeed(token, { call: i }))));

    expect(answers.filter((a) => a.name === 'resolved')).toHaveLength(1);
    expect(answers.filter((a) => a.name === 'TaskTimedOut')).toHaveLength(5);
    expect(await stateOf(task)).toMatchObject({ resolved: { call: expect.any(Number) } });
  });

  it('answers TaskDoesNotExist for a well-formed token it never issued, and leaves the waiting task alone', async () => {
    const { token, task } = await waitingOn();
    const stranger = `${'A'.repeat(30)}_-${'z9'.repeat(16)}`;

    expect(await failureOf(registry.succeed(stranger, {}))).toEqual({ name: 'TaskDoesNotExist', message: 'Task does not exist anymore' });
    expect(await failureOf(registry.fail(stranger, 'X', 'y'))).toMatchObject({ name: 'TaskDoesNotExist' });

    expect(await stateOf(task)).toBe('pending');
    await registry.succeed(token, { ok: true });
    expect(await stateOf(task)).toEqual({ resolved: { ok: true } });
  });

  it('answers InvalidToken for anything not shaped like a token, before looking it up', async () => {
    const { token, task } = await waitingOn();
    const malformed = [
      '',
      'abc',
      `${token}x`,
      `x${token}`,
      token.slice(1),
      `${token.slice(1)}+`,
      `${token.slice(1)}/`,
      ` ${token.slice(1)}`,
      `${token.slice(1)}\n`,
      'ä'.repeat(64),
    ];

    for (const bad of malformed) {
      expect({ bad, success: await failureOf(registry.succeed(bad, {})) }).toEqual({ bad, success: { name: 'InvalidToken', message: 'Invalid token' } });
      expect({ bad, failure: (await failureOf(registry.fail(bad, 'X', 'y'))).name }).toEqual({ bad, failure: 'InvalidToken' });
    }

    expect(await stateOf(task)).toBe('pending');
    expect((await stored(token))?.status).toBe('waiting');
  });

  it('expires a token without completing its task: later calls answer TaskTimedOut and a stop no longer touches it', async () => {
    const { token, task } = await waitingOn();

    await registry.expire(token);

    expect((await stored(token))?.status).toBe('done');
    expect(await failureOf(registry.succeed(token, {}))).toMatchObject({ name: 'TaskTimedOut' });
    registry.abandonAll();
    expect(await stateOf(task)).toBe('pending');
  });

  it('expiring a token twice is harmless', async () => {
    const { token } = await waitingOn();

    await registry.expire(token);
    await expect(registry.expire(token)).resolves.toBeUndefined();
  });

  it('lets go of every waiting task on a stop, leaving their tokens waiting on disk; after it the tokens answer TaskTimedOut', async () => {
    const first = await waitingOn('exec-1');
    const second = await waitingOn('exec-2');

    registry.abandonAll();

    for (const { token, task } of [first, second]) {
      expect(await stateOf(task)).toEqual({ rejected: 'States.Runtime', message: 'the local runner stopped' });
      expect((await stored(token))?.status).toBe('waiting');
      expect(await failureOf(registry.succeed(token, {}))).toMatchObject({ name: 'TaskTimedOut' });
      expect((await stored(token))?.status).toBe('waiting');
    }
  });

  it('answers TaskTimedOut for a token another process registered (no task here waits on it)', async () => {
    const { token, task } = await waitingOn();
    const nextProcess = new TaskTokenRegistry(table.client, table.tableName);

    expect(await failureOf(nextProcess.succeed(token, {}))).toMatchObject({ name: 'TaskTimedOut' });
    expect((await stored(token))?.status).toBe('waiting');
    expect(await stateOf(task)).toBe('pending');
  });

  it('reports a store failure as itself, not as a token that already completed', async () => {
    const elsewhere = new TaskTokenRegistry(table.client, 'no-such-table');

    expect((await failureOf(elsewhere.expire(TaskTokenRegistry.newToken()))).name).toBe('ResourceNotFoundException');
  });
});
