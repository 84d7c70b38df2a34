import type { InstanceGateway } from '../../functions/ports/instance-gateway';
import { TaskTokenRegistry } from '../../infra/local/workflow/task-token-registry';
import { ALICE_PHONE, type HarnessConfig, LocalStackHarness } from '../support/local-stack-harness';

/** Step Functions' token rules, on the local runner: SendTask* as the skill calls them. */
describe('task tokens', () => {
  let vg: LocalStackHarness;
  let performed: number;
  const counting = (real: InstanceGateway): InstanceGateway => ({
    list: () => real.list(),
    listAliases: () => real.listAliases(),
    perform: (action, instanceId) => {
      performed += 1;
      return real.perform(action, instanceId);
    },
  });

  async function start(config: HarnessConfig = {}): Promise<void> {
    performed = 0;
    vg = await LocalStackHarness.start(config, { wrapInstances: counting });
  }

  /**
   * "start splunk" as alice; the token is the one the send-code step stored (sealed) with the
   * challenge. `verified` records her code as spoken, so a successful completion may act.
   */
  async function pendingToken({ verified = true } = {}): Promise<{ token: string; executionId: string; commandId: string }> {
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    const challenge = await vg.stack.deps.challenges.get('alice');
    if (!challenge) throw new Error('no challenge was stored');
    if (verified) await vg.markVerified('alice');
    return { token: await vg.pendingTaskToken('alice'), executionId: challenge.executionId, commandId: challenge.commandId };
  }

  const engine = () => vg.stack.engine;
  const succeed = (token: string) => engine().sendTaskSuccess(token, {});
  const errorName = (promise: Promise<unknown>) =>
    promise.then(
      () => 'resolved',
      (error: Error) => error.name,
    );

  afterEach(async () => {
    await vg.close();
  });

  it('completes once: SendTaskSuccess then anything on that token answers TaskTimedOut', async () => {
    await start();
    const { token, executionId, commandId } = await pendingToken();

    await expect(succeed(token)).resolves.toBeUndefined();
    expect((await vg.settled(executionId)).status).toBe('SUCCEEDED');

    expect(await errorName(succeed(token))).toBe('TaskTimedOut');
    expect(await errorName(engine().sendTaskFailure(token, 'CommandCancelled', 'late'))).toBe('TaskTimedOut');
    expect((await vg.execution(executionId)).status).toBe('SUCCEEDED');
    expect((await vg.trailOf(commandId)).filter((t) => t === 'Action Succeeded')).toHaveLength(1);
    expect(performed).toBe(1);
  });

  it('completes once: SendTaskFailure then anything on that token answers TaskTimedOut', async () => {
    await start();
    const { token, executionId, commandId } = await pendingToken();

    await expect(engine().sendTaskFailure(token, 'CommandCancelled', 'the user cancelled')).resolves.toBeUndefined();
    const execution = await vg.settled(executionId);

    expect(execution).toMatchObject({ status: 'FAILED', error: 'CommandCancelled' });
    expect(await errorName(succeed(token))).toBe('TaskTimedOut');
    expect(await errorName(engine().sendTaskFailure(token, 'CommandCancelled', 'again'))).toBe('TaskTimedOut');
    expect((await vg.trailOf(commandId)).at(-1)).toBe('Command Cancelled');
    expect(performed).toBe(0);
  });

  it('answers TaskDoesNotExist for a well-formed token it never issued, and leaves the waiting task alone', async () => {
    await start();
    const { token, executionId } = await pendingToken();
    const stranger = TaskTokenRegistry.newToken();

    expect(await errorName(succeed(stranger))).toBe('TaskDoesNotExist');
    expect(await errorName(engine().sendTaskFailure(stranger, 'CommandCancelled', 'x'))).toBe('TaskDoesNotExist');

    expect((await vg.execution(executionId)).status).toBe('RUNNING');
    await expect(succeed(token)).resolves.toBeUndefined();
  });

  it('answers InvalidToken for a malformed token, and leaves the waiting task alone', async () => {
    await start();
    const { token, executionId } = await pendingToken();
    const malformed = ['', 'abc', `${token}x`, token.slice(1), `${token.slice(1)}+`, `${token.slice(1)}/`, ` ${token.slice(1)}`, 'ä'.repeat(64)];

    for (const bad of malformed) {
      expect({ bad, success: await errorName(succeed(bad)) }).toEqual({ bad, success: 'InvalidToken' });
      expect({ bad, failure: await errorName(engine().sendTaskFailure(bad, 'X', 'y')) }).toEqual({ bad, failure: 'InvalidToken' });
    }

    expect((await vg.execution(executionId)).status).toBe('RUNNING');
    await expect(succeed(token)).resolves.toBeUndefined();
    expect((await vg.settled(executionId)).status).toBe('SUCCEEDED');
  });

  it('times out on its own after the code TTL; the token then answers TaskTimedOut and the code is refused', async () => {
    await start({ settings: { codeTtlSeconds: 1 } });
    const startedAt = Date.now();
    const { token, executionId, commandId } = await pendingToken({ verified: false });
    const code = await vg.lastCodeSentTo(ALICE_PHONE);

    const execution = await vg.settled(executionId, 4000);

    expect(execution).toMatchObject({ status: 'FAILED', error: 'ChallengeExpired' });
    expect(Date.parse(execution.stoppedAt!) - startedAt).toBeGreaterThanOrEqual(900);
    expect(await vg.trailOf(commandId)).toEqual(['Command Requested', 'Code Sent', 'Challenge Expired']);
    expect(await errorName(succeed(token))).toBe('TaskTimedOut');
    expect(await vg.say('alice', 'AuthorizeIntent', { code })).toBe('That code has expired. Please ask again.');
    expect(performed).toBe(0);
    expect(await vg.instanceState('splunk')).toBe('stopped');
  });

  it('lets exactly one of 10 concurrent SendTaskSuccess calls complete the token', async () => {
    await start();
    const { token, executionId, commandId } = await pendingToken();

    const results = await Promise.allSettled(Array.from({ length: 10 }, () => succeed(token)));

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const names = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).name] : []));
    expect(names).toEqual(new Array(9).fill('TaskTimedOut'));
    expect((await vg.settled(executionId)).status).toBe('SUCCEEDED');
    expect(performed).toBe(1);
    expect((await vg.trailOf(commandId)).filter((t) => t === 'Code Verified')).toHaveLength(1);
  });

  it('lets exactly one of concurrent successes and failures win, and the execution follows the winner', async () => {
    await start();
    const { token, executionId } = await pendingToken();

    const calls = Array.from({ length: 10 }, (_, i) =>
      i % 2 === 0
        ? succeed(token).then(() => 'success')
        : engine()
            .sendTaskFailure(token, 'CommandCancelled', 'x')
            .then(() => 'failure'),
    );
    const results = await Promise.allSettled(calls);

    const winners = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(winners).toHaveLength(1);
    const execution = await vg.settled(executionId);
    expect(execution.status).toBe(winners[0] === 'success' ? 'SUCCEEDED' : 'FAILED');
    expect(performed).toBe(winners[0] === 'success' ? 1 : 0);
  });

  it('keeps a waiting token across a restart: it completes at once after start-up, once, then answers TaskTimedOut', async () => {
    await start();
    const { token, executionId } = await pendingToken({ verified: false });
    await vg.close(true);
    vg = await LocalStackHarness.start({ dataDir: vg.config.dataDir }, { wrapInstances: counting });

    expect(vg.stack.recovered).toEqual({ resumed: 1, ended: 0 });
    await vg.markVerified('alice');
    await expect(succeed(token)).resolves.toBeUndefined();
    expect((await vg.settled(executionId)).status).toBe('SUCCEEDED');
    expect(await errorName(succeed(token))).toBe('TaskTimedOut');
    expect(performed).toBe(1);
  });
});
