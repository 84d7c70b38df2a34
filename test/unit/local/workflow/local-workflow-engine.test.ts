import { setTimeout as sleep } from 'node:timers/promises';
import { cancelCommand } from '../../../../functions/use-cases/cancel-command';
import { submitCode } from '../../../../functions/use-cases/submit-code';
import { LOCAL_FUNCTION_NAMES } from '../../../../infra/local/workflow/local-functions';
import { LocalWorkflowEngine } from '../../../../infra/local/workflow/local-workflow-engine';
import { TaskTokenRegistry } from '../../../../infra/local/workflow/task-token-registry';
import { ALICE, SPLUNK } from '../../../support/fakes/fake-deps';
import { confirmCommandDefinition, engineWorld, eventually, startSplunk, type EngineWorld } from './engine-world';

const TOKEN_SHAPE = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{64}(?![A-Za-z0-9_-])/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

const errorName = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: Error) => error.name,
  );

/** The real ASL file on the local engine, its tables in memory, the workflow's functions on in-memory fakes. */
describe('LocalWorkflowEngine on the confirmation workflow', () => {
  let vg: EngineWorld;
  afterEach(async () => {
    await vg.close();
  });

  /** Starts `command` and waits until its code was sent and its execution paused on the token. */
  async function startAndAwaitCode(command = startSplunk()) {
    const { executionId } = await vg.engine.start({ command });
    const token = await vg.pendingToken(command.userId);
    const code = vg.world.outbox.lastCodeTo(ALICE.phone);
    return { command, executionId, token, code };
  }
  const settled = async (executionId: string) => {
    await vg.engine.idle();
    const record = await vg.executions.get(executionId);
    if (!record) throw new Error(`no execution ${executionId}`);
    return record;
  };
  const stateNames = (history: { type: string; stateName?: string }[]) => history.filter((e) => e.type === 'StateEntered').map((e) => e.stateName);

  it('runs a confirmed command to SUCCEEDED: the code goes out, the action runs once, the whole trail is audited and stored', async () => {
    vg = await engineWorld();
    const { command, executionId, code } = await startAndAwaitCode();

    expect(await submitCode(vg.world.deps, 'alice', code)).toMatchObject({ kind: 'accepted', result: 'succeeded' });
    const record = await settled(executionId);

    expect(record).toMatchObject({ status: 'SUCCEEDED', commandId: command.commandId, userId: 'alice', action: 'start', target: 'splunk', command });
    expect(record.error).toBeUndefined();
    expect(record.startedAt).toMatch(ISO);
    expect(record.stoppedAt).toMatch(ISO);
    expect(stateNames(record.history)).toEqual([
      'Record Command Requested',
      'Send Code And Wait',
      'Record Code Verified',
      'Perform Action',
      'Record Action Succeeded',
      'Action Succeeded',
    ]);
    expect(record.history.map((e) => e.id)).toEqual(record.history.map((_, i) => i + 1));
    expect(record.history.at(-1)?.type).toBe('ExecutionSucceeded');
    expect(vg.world.audit.detailTypes(command.commandId)).toEqual(['Command Requested', 'Code Sent', 'Code Verified', 'Action Succeeded']);
    expect(vg.world.fleet.performed).toEqual([{ action: 'start', instanceId: SPLUNK.instanceId }]);
    expect(await vg.engine.describe(executionId)).toEqual({ executionId, status: 'SUCCEEDED' });
  });

  it("hands the steps the execution's id, and stamps each audit event with the time its state was entered", async () => {
    vg = await engineWorld();
    const before = Date.now();
    const { executionId, code } = await startAndAwaitCode();
    await submitCode(vg.world.deps, 'alice', code);
    await settled(executionId);

    expect((await vg.world.challenges.get('alice'))?.executionId).toBe(executionId);
    for (const event of vg.world.audit.events.filter((e) => e.detailType !== 'Code Sent')) {
      expect(event.detail.executionId).toBe(executionId);
      expect(Date.parse(event.time)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(event.time)).toBeLessThanOrEqual(Date.now() + 1000);
    }
  });

  it('keeps the task token out of the stored history and the audit trail (S12)', async () => {
    vg = await engineWorld();
    const { executionId, token, code } = await startAndAwaitCode();
    await submitCode(vg.world.deps, 'alice', code);
    const record = await settled(executionId);

    for (const text of [JSON.stringify(record), JSON.stringify(vg.world.audit.events)]) {
      expect(text).not.toContain(token);
      expect(text).not.toMatch(TOKEN_SHAPE);
    }
  });

  it('stores the history up to the pause while it waits for the code, and describes itself RUNNING', async () => {
    vg = await engineWorld();
    const { executionId } = await startAndAwaitCode();

    const stored = await eventually(async () => {
      const record = await vg.executions.get(executionId);
      return record && record.history.length > 0 ? record : undefined;
    }, 'the history up to the pause');
    expect(stored.status).toBe('RUNNING');
    expect(stored.stoppedAt).toBeNull();
    expect(stateNames(stored.history)).toEqual(['Record Command Requested', 'Send Code And Wait']);
    expect(await vg.engine.describe(executionId)).toEqual({ executionId, status: 'RUNNING' });
  });

  it('returns the running execution when the same command is started again, and a new one once it ended', async () => {
    vg = await engineWorld();
    const { command, executionId } = await startAndAwaitCode();

    expect(await vg.engine.start({ command })).toEqual({ executionId });
    await cancelCommand(vg.world.deps, 'alice');
    await settled(executionId);

    const again = await vg.engine.start({ command });
    expect(again.executionId).not.toBe(executionId);
    expect((await vg.executions.list()).map((e) => e.executionId).sort()).toEqual([executionId, again.executionId].sort());
  });

  it('ends a cancelled command FAILED with CommandCancelled, its cause and a "Command Cancelled" event; the token then answers TaskTimedOut', async () => {
    vg = await engineWorld();
    const { command, executionId, token } = await startAndAwaitCode();

    await cancelCommand(vg.world.deps, 'alice');
    const record = await settled(executionId);

    expect(record).toMatchObject({ status: 'FAILED', error: 'CommandCancelled' });
    expect(record.cause).toEqual(expect.stringContaining('cancelled'));
    expect(await vg.engine.describe(executionId)).toEqual({ executionId, status: 'FAILED', error: 'CommandCancelled', cause: record.cause });
    expect(vg.world.audit.detailTypes(command.commandId)).toEqual(['Command Requested', 'Code Sent', 'Command Cancelled']);
    expect(await errorName(vg.engine.sendTaskSuccess(token, {}))).toBe('TaskTimedOut');
    expect(vg.world.fleet.performed).toEqual([]);
  });

  it('times out at the code TTL as ChallengeExpired; the token then answers TaskTimedOut and nothing is performed', async () => {
    vg = await engineWorld({ codeTtlSeconds: 1 });
    const { command, executionId, token } = await startAndAwaitCode();

    const record = await settled(executionId);

    expect(record).toMatchObject({ status: 'FAILED', error: 'ChallengeExpired' });
    expect(vg.world.audit.detailTypes(command.commandId)).toEqual(['Command Requested', 'Code Sent', 'Challenge Expired']);
    expect(await errorName(vg.engine.sendTaskSuccess(token, {}))).toBe('TaskTimedOut');
    expect(await errorName(vg.engine.sendTaskFailure(token, 'CommandCancelled', 'late'))).toBe('TaskTimedOut');
    expect(vg.world.fleet.performed).toEqual([]);
  });

  it('answers the SendTask* calls by the token rules: unknown TaskDoesNotExist, malformed InvalidToken', async () => {
    vg = await engineWorld();
    const { executionId, token } = await startAndAwaitCode();

    expect(await errorName(vg.engine.sendTaskSuccess(TaskTokenRegistry.newToken(), {}))).toBe('TaskDoesNotExist');
    expect(await errorName(vg.engine.sendTaskFailure('not-a-token', 'X', 'y'))).toBe('InvalidToken');
    expect(await vg.engine.describe(executionId)).toEqual({ executionId, status: 'RUNNING' });
    await vg.engine.sendTaskFailure(token, 'CommandSuperseded', 'a newer command');
    expect(await settled(executionId)).toMatchObject({ status: 'FAILED', error: 'CommandSuperseded' });
  });

  it('keeps the token across a retried send: after a transient Lambda error the code still completes the execution', async () => {
    vg = await engineWorld({ retryIntervalOverrides: { 'Send Code And Wait': 0 } });
    const issue = vg.functions[LOCAL_FUNCTION_NAMES.IssueChallengeFunctionArn]!;
    let calls = 0;
    vg.functions[LOCAL_FUNCTION_NAMES.IssueChallengeFunctionArn] = async (payload) => {
      if (++calls === 1) throw Object.assign(new Error('Lambda was busy'), { name: 'Lambda.ServiceException' });
      return issue(payload);
    };
    const { executionId, code } = await startAndAwaitCode();

    expect(await submitCode(vg.world.deps, 'alice', code)).toMatchObject({ kind: 'accepted' });
    const record = await settled(executionId);

    expect(calls).toBe(2);
    expect(record.status).toBe('SUCCEEDED');
  });

  it('ends FAILED with the error and cause of a step that failed for good', async () => {
    vg = await engineWorld();
    vg.functions[LOCAL_FUNCTION_NAMES.IssueChallengeFunctionArn] = async () => {
      throw Object.assign(new Error('no code could be sent'), { name: 'DeliveryFailed' });
    };
    const command = startSplunk();

    const { executionId } = await vg.engine.start({ command });
    const record = await settled(executionId);

    expect(record).toMatchObject({ status: 'FAILED', error: 'DeliveryFailed' });
    expect(typeof record.cause).toBe('string');
    expect(vg.world.audit.detailTypes(command.commandId)).toEqual(['Command Requested', 'Delivery Failed']);
  });

  it('refuses, when built, a definition with a Task resource the local runtime cannot run', async () => {
    vg = await engineWorld();
    const definition = confirmCommandDefinition();
    const states = { ...definition.States, 'Perform Action': { ...definition.States['Perform Action'], Resource: 'arn:aws:states:::sqs:sendMessage' } };

    expect(
      () => new LocalWorkflowEngine({ ...definition, States: states } as typeof definition, { audit: vg.world.audit, functions: {} }, vg.tokens, vg.executions),
    ).toThrow('state "Perform Action": the local runtime does not support arn:aws:states:::sqs:sendMessage');
  });

  it('stores a started execution RUNNING with an empty history before its first state has run', async () => {
    vg = await engineWorld();
    let releaseFirstState!: () => void;
    const firstStateHeld = new Promise<void>((resolve) => {
      releaseFirstState = resolve;
    });
    const publish = vg.world.audit.publish.bind(vg.world.audit);
    vg.world.audit.publish = async (event) => {
      await firstStateHeld;
      return publish(event);
    };
    const command = startSplunk();

    const { executionId } = await vg.engine.start({ command });

    expect(await vg.executions.get(executionId)).toMatchObject({ status: 'RUNNING', commandId: command.commandId, stoppedAt: null, history: [] });
    releaseFirstState();
    await vg.pendingToken('alice');
  });

  it('waits the retry interval the options give a state, not the one in the definition', async () => {
    vg = await engineWorld({ retryIntervalOverrides: { 'Send Code And Wait': 600_000 } });
    let calls = 0;
    vg.functions[LOCAL_FUNCTION_NAMES.IssueChallengeFunctionArn] = async () => {
      calls++;
      throw Object.assign(new Error('Lambda was busy'), { name: 'Lambda.ServiceException' });
    };

    await vg.engine.start({ command: startSplunk() });
    await eventually(() => (calls > 0 ? calls : undefined), 'the first send');
    // The definition's first retry comes within 1 s (IntervalSeconds 1, full jitter).
    await sleep(2_000);

    expect(calls).toBe(1);
  });

  it('describes an execution it never ran as unknown', async () => {
    vg = await engineWorld();

    expect(await vg.engine.describe('no-such-execution')).toBeUndefined();
  });

  describe('stop and resume', () => {
    it('leaves a waiting execution RUNNING in the store when stopped, as a crash would, and runs none of its later states', async () => {
      vg = await engineWorld();
      const { command, executionId } = await startAndAwaitCode();

      await vg.engine.stop();
      await new Promise((resolve) => setTimeout(resolve, 200));

      expect(vg.world.audit.detailTypes(command.commandId)).toEqual(['Command Requested', 'Code Sent']);

      const record = await vg.executions.get(executionId);
      expect(record).toMatchObject({ status: 'RUNNING', stoppedAt: null });
      expect(stateNames(record!.history)).toEqual(['Record Command Requested', 'Send Code And Wait']);
    });

    it('lets go of the waiting task when stopped: a code sent to it then completes nothing, and still works on the next engine', async () => {
      vg = await engineWorld();
      const { executionId, token, code } = await startAndAwaitCode();

      await vg.engine.stop();

      expect(await errorName(vg.engine.sendTaskSuccess(token, {}))).toBe('TaskTimedOut');
      expect(vg.world.fleet.performed).toEqual([]);
      const next = vg.restart();
      expect(next.resume((await vg.executions.get(executionId))!, token, 60)).toBe(true);
      expect(await submitCode(vg.world.deps, 'alice', code)).toMatchObject({ kind: 'accepted' });
      await next.idle();
      expect(await vg.executions.get(executionId)).toMatchObject({ status: 'SUCCEEDED' });
      expect(vg.world.fleet.performed).toEqual([{ action: 'start', instanceId: SPLUNK.instanceId }]);
    });

    it('resumes a stopped execution at its pause on the same token, without a second code, and finishes it', async () => {
      vg = await engineWorld();
      const { command, executionId, token, code } = await startAndAwaitCode();
      await vg.engine.stop();
      const record = (await vg.executions.get(executionId))!;
      const next = vg.restart();

      expect(next.resume(record, token, 60)).toBe(true);
      expect(await next.describe(executionId)).toEqual({ executionId, status: 'RUNNING' });
      expect(await next.start({ command })).toEqual({ executionId });
      expect(await submitCode(vg.world.deps, 'alice', code)).toMatchObject({ kind: 'accepted' });
      await next.idle();

      const finished = (await vg.executions.get(executionId))!;
      expect(finished.status).toBe('SUCCEEDED');
      expect(finished.history.filter((e) => e.type === 'ExecutionStarted')).toHaveLength(1);
      expect(finished.history.filter((e) => e.type === 'ExecutionResumed')).toHaveLength(1);
      expect(stateNames(finished.history)).toEqual([
        'Record Command Requested',
        'Send Code And Wait',
        'Send Code And Wait',
        'Record Code Verified',
        'Perform Action',
        'Record Action Succeeded',
        'Action Succeeded',
      ]);
      expect(finished.history.map((e) => e.id)).toEqual(finished.history.map((_, i) => i + 1));
      expect(vg.world.outbox.messages).toHaveLength(1);
      expect(vg.world.audit.detailTypes(command.commandId).filter((t) => t === 'Code Sent')).toHaveLength(1);
    });

    it('a resumed execution times out at what was left of its deadline', async () => {
      vg = await engineWorld();
      const { command, executionId, token } = await startAndAwaitCode();
      await vg.engine.stop();
      const next = vg.restart();

      expect(next.resume((await vg.executions.get(executionId))!, token, 1)).toBe(true);
      await next.idle();

      expect(await vg.executions.get(executionId)).toMatchObject({ status: 'FAILED', error: 'ChallengeExpired' });
      expect(vg.world.audit.detailTypes(command.commandId).at(-1)).toBe('Challenge Expired');
      expect(await errorName(next.sendTaskSuccess(token, {}))).toBe('TaskTimedOut');
    });

    it('does not resume an execution with no deadline left, or one whose history shows no pause on a token', async () => {
      vg = await engineWorld();
      const { executionId, token } = await startAndAwaitCode();
      await vg.engine.stop();
      const record = (await vg.executions.get(executionId))!;
      const next = vg.restart();

      expect(next.resume(record, token, 0)).toBe(false);
      expect(next.resume({ ...record, history: record.history.filter((e) => e.stateName !== 'Send Code And Wait') }, token, 60)).toBe(false);
      expect(await next.describe(executionId)).toEqual({ executionId, status: 'RUNNING' });
      await next.idle();
      expect((await vg.executions.get(executionId))?.status).toBe('RUNNING');
    });
  });
});
