import { Speech } from '../../functions/domain/speech';
import { InstanceThrottledError, type InstanceGateway } from '../../functions/ports/instance-gateway';
import type { MessageSender } from '../../functions/ports/message-sender';
import type { LocalStackOverrides } from '../../infra/local/app';
import { ALICE_EMAIL, ALICE_PHONE, LocalStackHarness, type ApiExecution } from '../support/local-stack-harness';

/** A token-shaped run of characters (64 base64url characters standing alone). */
const TOKEN_SHAPE = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{64}(?![A-Za-z0-9_-])/;

/** Counts calls that reach the real gateway, after `script` decided whether to fail first. */
function scriptedFleet(script: (call: number) => Error | undefined) {
  const calls = { attempted: 0, reachedReal: 0 };
  const wrap = (real: InstanceGateway): InstanceGateway => ({
    list: () => real.list(),
    listAliases: () => real.listAliases(),
    async perform(action, instanceId) {
      const failure = script(++calls.attempted);
      if (failure) throw failure;
      calls.reachedReal += 1;
      return real.perform(action, instanceId);
    },
  });
  return { calls, wrap };
}

describe('the workflow on its failure paths', () => {
  let vg: LocalStackHarness | undefined;
  afterEach(async () => {
    await vg?.close();
    vg = undefined;
  });

  async function startWith(overrides: LocalStackOverrides): Promise<LocalStackHarness> {
    vg = await LocalStackHarness.start({}, overrides);
    return vg;
  }

  /** "start splunk", the right code back; returns what the user heard and the finished execution. */
  async function confirmStartSplunk(stack: LocalStackHarness) {
    await stack.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    const token = await stack.pendingTaskToken('alice');
    const code = await stack.lastCodeSentTo(ALICE_PHONE);
    const heard = await stack.say('alice', 'AuthorizeIntent', { code });
    const execution = await stack.settled((await stack.latestExecution()).executionId);
    return { heard, execution, token, code };
  }

  /** S12: nothing secret in the execution's history or on the audit bus. */
  async function expectNoSecrets(stack: LocalStackHarness, execution: ApiExecution, secrets: string[]): Promise<void> {
    const history = JSON.stringify(await stack.execution(execution.executionId));
    const audit = JSON.stringify(await stack.audit());
    for (const text of [history, audit]) {
      expect(text).not.toMatch(TOKEN_SHAPE);
      for (const secret of [...secrets, ALICE_PHONE, ALICE_EMAIL]) expect(text).not.toContain(secret);
    }
  }

  it('a message provider that refuses: the user hears it, the execution fails, nothing is left behind', async () => {
    const refusing = (): MessageSender => ({
      send: async () => {
        throw Object.assign(new Error('Invalid parameter: PhoneNumber'), { name: 'InvalidParameterException' });
      },
    });
    const stack = await startWith({ wrapMessages: refusing });

    const heard = await stack.say('alice', 'StartInstanceIntent', { instance: 'splunk' });

    expect(heard).toBe(Speech.deliveryFailed('start', 'splunk'));
    expect(heard).toBe("I couldn't send your code, so I am not starting splunk. Please try again later.");
    const execution = await stack.settled((await stack.latestExecution()).executionId);
    expect(execution).toMatchObject({ status: 'FAILED', error: 'DeliveryFailed' });
    expect(await stack.trailOf(execution.commandId)).toEqual(['Command Requested', 'Delivery Failed']);
    const [failed] = (await stack.audit()).filter((e) => e.detailType === 'Delivery Failed');
    expect(failed).toMatchObject({ source: 'voicegate', detail: { reason: 'DeliveryFailed', userId: 'alice', target: 'splunk' } });
    expect(await stack.stack.deps.challenges.get('alice')).toBeUndefined();
    expect(await stack.outbox()).toEqual([]);
    expect(await stack.say('alice', 'AuthorizeIntent', { code: '123456' })).toBe('There is no command waiting for a code.');
    await expectNoSecrets(stack, execution, []);
  });

  it('EC2 throttling twice: retried with backoff, then performed exactly once', async () => {
    const fleet = scriptedFleet((call) => (call <= 2 ? new InstanceThrottledError('Request limit exceeded.') : undefined));
    const stack = await startWith({ wrapInstances: fleet.wrap, engine: { retryIntervalOverrides: { 'Perform Action': 5 } } });

    const { heard, execution, token, code } = await confirmStartSplunk(stack);

    expect(heard).toBe('Code accepted. I have started splunk.');
    expect(execution.status).toBe('SUCCEEDED');
    const retried = execution.history!.filter((e) => e.type === 'StateRetried');
    expect(retried.map((e) => e.stateName)).toEqual(['Perform Action', 'Perform Action']);
    expect(fleet.calls).toEqual({ attempted: 3, reachedReal: 1 });
    expect(await stack.stack.deps.ledger.status(execution.commandId)).toBe('performed');
    expect(await stack.trailOf(execution.commandId)).toEqual(['Command Requested', 'Code Sent', 'Code Verified', 'Action Succeeded']);
    expect(['pending', 'running']).toContain(await stack.instanceState('splunk'));
    await expectNoSecrets(stack, execution, [token, code]);
  });

  it('EC2 throttling that never stops: the retries run out and the action fails, its claim released', async () => {
    const fleet = scriptedFleet(() => new InstanceThrottledError('Request limit exceeded.'));
    const stack = await startWith({ wrapInstances: fleet.wrap, engine: { retryIntervalOverrides: { 'Perform Action': 5 } } });

    const { heard, execution } = await confirmStartSplunk(stack);

    expect(heard).toBe('Code accepted, but starting splunk failed: AWS is too busy right now. Please try again in a minute.');
    expect(execution).toMatchObject({ status: 'FAILED', error: 'ActionFailed', cause: 'ActionThrottled' });
    const retries = execution.history!.filter((e) => e.type === 'StateRetried').length;
    expect(retries).toBeGreaterThanOrEqual(2);
    expect(fleet.calls).toEqual({ attempted: retries + 1, reachedReal: 0 });
    expect(await stack.stack.deps.ledger.status(execution.commandId)).toBeUndefined();
    expect((await stack.trailOf(execution.commandId)).at(-1)).toBe('Action Failed');
    expect(await stack.instanceState('splunk')).toBe('stopped');
  });

  it('EC2 failing for good: "Action Failed" audited, the execution fails, the user is told, no retry', async () => {
    const unauthorized = Object.assign(new Error('You are not authorized to perform this operation.'), { name: 'UnauthorizedOperation' });
    const fleet = scriptedFleet(() => unauthorized);
    const stack = await startWith({ wrapInstances: fleet.wrap, engine: { retryIntervalOverrides: { 'Perform Action': 5 } } });

    const { heard, execution, token, code } = await confirmStartSplunk(stack);

    expect(heard).toBe('Code accepted, but starting splunk failed: the provider refused to change splunk. Please ask your administrator to look into it.');
    expect(execution).toMatchObject({ status: 'FAILED', error: 'ActionFailed' });
    expect(execution.history!.some((e) => e.type === 'StateRetried')).toBe(false);
    expect(fleet.calls).toEqual({ attempted: 1, reachedReal: 0 });
    expect(await stack.trailOf(execution.commandId)).toEqual(['Command Requested', 'Code Sent', 'Code Verified', 'Action Failed']);
    const [failed] = (await stack.audit()).filter((e) => e.detailType === 'Action Failed');
    expect(failed!.detail).toMatchObject({ reason: 'ActionFailed', commandId: execution.commandId, executionId: execution.executionId });
    expect(await stack.stack.deps.ledger.status(execution.commandId)).toBe('failed');
    expect(await stack.instanceState('splunk')).toBe('stopped');
    await expectNoSecrets(stack, execution, [token, code]);
  });

  it("an instance whose state changed before the code (the fleet's own refusal) fails with IncorrectInstanceState, said in words", async () => {
    const stack = await startWith({});
    await stack.say('alice', 'RebootInstanceIntent', { instance: 'web' });
    const web = (await stack.stack.fleet.list()).find((instance) => instance.alias === 'web')!;
    await stack.stack.fleet.perform('stop', web.instanceId); // someone stops web meanwhile

    const heard = await stack.say('alice', 'AuthorizeIntent', { code: await stack.lastCodeSentTo(ALICE_PHONE) });

    expect(heard).toBe(
      'Code accepted, but rebooting web failed: web changed state since you asked, so it can\'t be rebooted now. Say "list instances" to see where it stands.',
    );
    const execution = await stack.settled((await stack.latestExecution()).executionId);
    expect(execution).toMatchObject({ status: 'FAILED', error: 'ActionFailed', cause: 'IncorrectInstanceState' });
    expect(execution.history).toContainEqual(expect.objectContaining({ error: 'IncorrectInstanceState' }));
    const failed = (await stack.audit()).find((e) => e.detailType === 'Action Failed' && e.detail.commandId === execution.commandId);
    expect(failed?.detail.reason).toBe('IncorrectInstanceState');
  });

  it('a superseded command ends FAILED with "Command Superseded", and its token can no longer complete', async () => {
    const stack = await startWith({});
    await stack.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    const first = (await stack.stack.deps.challenges.get('alice'))!;
    const firstToken = await stack.pendingTaskToken('alice');

    await stack.say('alice', 'StopInstanceIntent', { instance: 'web' });

    const execution = await stack.settled(first.executionId);
    expect(execution).toMatchObject({ status: 'FAILED', error: 'CommandSuperseded' });
    expect((await stack.trailOf(first.commandId)).at(-1)).toBe('Command Superseded');
    await expect(stack.stack.engine.sendTaskSuccess(firstToken, {})).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
    await expectNoSecrets(stack, execution, [firstToken]);
  });
});
