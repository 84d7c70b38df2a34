import { ALICE_PHONE, LocalStackHarness, type ApiExecution } from '../support/local-stack-harness';

/** docs/local-api.md: GET /api/executions and GET /api/executions/{id}. */
const SUMMARY_FIELDS = ['executionId', 'status', 'commandId', 'userId', 'action', 'target', 'startedAt', 'stoppedAt'];
const STEP_FUNCTIONS_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

interface HistoryEntry {
  id: number;
  type: string;
  timestamp: string;
  stateName?: string;
}

describe('execution records over the local API', () => {
  let vg: LocalStackHarness;
  let confirmed: ApiExecution;
  let cancelled: ApiExecution;
  let waiting: ApiExecution;

  beforeAll(async () => {
    vg = await LocalStackHarness.start();
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    await vg.say('alice', 'AuthorizeIntent', { code: await vg.lastCodeSentTo(ALICE_PHONE) });
    confirmed = await vg.settled((await vg.latestExecution()).executionId);
    await vg.say('bob', 'StopInstanceIntent', { instance: 'web' });
    await vg.say('bob', 'AMAZON.CancelIntent');
    cancelled = await vg.settled((await vg.latestExecution()).executionId);
    await vg.say('alice', 'StartInstanceIntent', { instance: 'build' });
    waiting = await vg.latestExecution();
  });
  afterAll(async () => {
    await vg.close();
  });

  it('lists every execution, newest first', async () => {
    const listed = await vg.executions();

    expect(listed.map((e) => e.executionId)).toEqual([waiting.executionId, cancelled.executionId, confirmed.executionId]);
    const started = listed.map((e) => Date.parse(e.startedAt));
    expect([...started].sort((a, b) => b - a)).toEqual(started);
  });

  it('lists the LOCAL-API fields, without histories', async () => {
    for (const execution of await vg.executions()) {
      for (const field of SUMMARY_FIELDS) expect(execution).toHaveProperty(field);
      expect(execution).not.toHaveProperty('history');
      expect(execution).not.toHaveProperty('command');
      expect(execution.startedAt).toMatch(ISO);
    }
  });

  it("uses Step Functions' status words, with stoppedAt set exactly when the execution has stopped", async () => {
    const listed = await vg.executions();

    expect(listed.map((e) => [e.userId, e.action, e.target, e.status])).toEqual([
      ['alice', 'start', 'build', 'RUNNING'],
      ['bob', 'stop', 'web', 'FAILED'],
      ['alice', 'start', 'splunk', 'SUCCEEDED'],
    ]);
    for (const execution of listed) {
      expect(STEP_FUNCTIONS_STATUSES).toContain(execution.status);
      if (execution.status === 'RUNNING') expect(execution.stoppedAt).toBeNull();
      else {
        expect(execution.stoppedAt).toMatch(ISO);
        expect(Date.parse(execution.stoppedAt!)).toBeGreaterThanOrEqual(Date.parse(execution.startedAt));
      }
    }
  });

  it('matches the command each execution runs', async () => {
    const challenge = await vg.stack.deps.challenges.get('alice');

    expect(challenge).toMatchObject({ executionId: waiting.executionId, commandId: waiting.commandId });
    expect(cancelled.error).toBe('CommandCancelled');
  });

  it('shows one execution with the same fields and its state-by-state history', async () => {
    const detail = await vg.execution(confirmed.executionId);
    const summary = (await vg.executions()).find((e) => e.executionId === confirmed.executionId)!;
    const history = detail.history as HistoryEntry[];

    expect(detail).toMatchObject(summary);
    expect(history.map((e) => e.id)).toEqual(history.map((_, i) => i + 1));
    expect(history[0]!.type).toBe('ExecutionStarted');
    expect(history.at(-1)!.type).toBe('ExecutionSucceeded');
    for (const event of history) {
      expect(event.timestamp).toMatch(ISO);
      if (event.type.startsWith('State')) expect(typeof event.stateName).toBe('string');
    }
    const times = history.map((e) => Date.parse(e.timestamp));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(Date.parse(history[0]!.timestamp)).toBeGreaterThanOrEqual(Date.parse(detail.startedAt));
    expect(Date.parse(history.at(-1)!.timestamp)).toBeLessThanOrEqual(Date.parse(detail.stoppedAt!));
  });

  it("records a failed execution's end and where it was caught", async () => {
    const history = (await vg.execution(cancelled.executionId)).history as HistoryEntry[];

    expect(history.at(-1)!.type).toBe('ExecutionFailed');
    expect(history.filter((e) => e.type === 'StateEntered').map((e) => e.stateName)).toEqual([
      'Record Command Requested',
      'Send Code And Wait',
      'Record Command Cancelled',
      'Command Cancelled',
    ]);
  });

  it('shows the history of a waiting execution up to where it waits', async () => {
    const history = (await vg.execution(waiting.executionId)).history as HistoryEntry[];

    expect(history.at(-1)).toMatchObject({ type: 'StateEntered', stateName: 'Send Code And Wait' });
  });

  it('answers 404 for an execution it does not know', async () => {
    const response = await vg.fetch(`/api/executions/00000000-0000-4000-8000-000000000000`);

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'no such execution' });
  });
});
