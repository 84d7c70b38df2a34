import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Command, DeviceCommand } from '../../functions/domain/command';
import { LOCAL_TABLE_NAMES } from '../../infra/local/store/local-tables';
import { ALICE_PHONE, BOB_PHONE, stackPerTest, type LocalStackHarness } from '../support/local-stack-harness';
import { codeSequence, otherCode } from '../support/security-probes';

/**
 * Issue 11, holes 2 and 11, as the outside review ran them against the local stack: anyone
 * who can start an execution chooses its input, so the workflow must verify, never trust it.
 */
describe('security: the workflow verifies its input, never trusts it', () => {
  const start = stackPerTest();

  async function idOf(vg: LocalStackHarness, alias: string): Promise<string> {
    const instance = (await vg.stack.fleet.list()).find((i) => i.alias === alias);
    if (!instance) throw new Error(`no instance ${alias}`);
    return instance.instanceId;
  }

  async function startForged(vg: LocalStackHarness, command: Command) {
    const { executionId } = await vg.stack.engine.start({ command });
    return vg.settled(executionId, 10_000);
  }

  it('an execution input naming another instance acts on nothing: bob\'s forged "start web" never reaches splunk', async () => {
    const vg = await start();
    const forged: Command = {
      commandId: 'forged-web-is-splunk',
      userId: 'bob',
      action: 'start',
      target: 'web',
      policyTarget: 'web',
      instanceId: await idOf(vg, 'splunk'),
      requestedAt: new Date().toISOString(),
    };

    const execution = await startForged(vg, forged);

    expect(execution).toMatchObject({ status: 'FAILED', error: 'DeliveryFailed' });
    expect((await vg.outbox()).filter((m) => m.to === BOB_PHONE)).toEqual([]);
    expect(await vg.instanceState('splunk')).toBe('stopped');
    expect(await vg.trailOf(forged.commandId)).toEqual(['Command Requested', 'Command Denied', 'Delivery Failed']);
    const denied = (await vg.audit()).find((e) => e.detailType === 'Command Denied');
    expect(denied?.detail).toMatchObject({ userId: 'bob', reason: 'the instance does not carry that alias' });
    expect((await vg.audit()).find((e) => e.detailType === 'Delivery Failed')?.detail.reason).toBe('CommandRefused');
  });

  it("an execution input naming alice's door for bob acts on nothing", async () => {
    const vg = await start();
    const forged: DeviceCommand = {
      kind: 'device',
      commandId: 'forged-door',
      userId: 'bob',
      action: 'unlock',
      target: 'the front door',
      policyTarget: 'front door',
      thingName: 'front-door',
      deviceType: 'lock',
      requestedAt: new Date().toISOString(),
    };

    expect(await startForged(vg, forged)).toMatchObject({ status: 'FAILED', error: 'DeliveryFailed' });
    expect((await vg.outbox()).filter((m) => m.to === BOB_PHONE)).toEqual([]);
    expect((await vg.stack.devices.registry.ownedBy('alice')).map((d) => d.thingName)).toContain('front-door');
    expect(await vg.stack.devices.gateway.read('front-door')).not.toMatchObject({ desired: { lock: 'unlocked' } });
  });

  it('a task token completed without the spoken code acts on nothing, and the challenges table holds no usable token', async () => {
    const vg = await start();
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    const { executionId, commandId } = await vg.latestExecution();
    const token = await vg.pendingTaskToken('alice');
    const { Item: raw } = await vg.stack.storeClient.send(new GetCommand({ TableName: LOCAL_TABLE_NAMES.challenges, Key: { userId: 'alice' } }));

    expect(JSON.stringify(raw)).not.toContain(token);
    await expect(vg.stack.engine.sendTaskSuccess(String(raw?.sealedTaskToken), {})).rejects.toMatchObject({ name: 'InvalidToken' });

    // Even the real token, stolen elsewhere, completes the wait but performs nothing.
    await vg.stack.engine.sendTaskSuccess(token, {});
    expect(await vg.settled(executionId)).toMatchObject({ status: 'FAILED', error: 'ActionFailed' });
    expect((await vg.audit()).find((e) => e.detailType === 'Action Failed' && e.detail.commandId === commandId)?.detail.reason).toBe('CommandRefused');
    expect(await vg.instanceState('splunk')).toBe('stopped');
    expect(await vg.stack.deps.ledger.status(commandId)).toBeUndefined();
  });

  it('a replay of an edited execution input is impossible: the replay copies the stored command, and the stores still decide', async () => {
    const vg = await start({}, { codes: codeSequence('111111', '222222') });
    await vg.say('bob', 'StopInstanceIntent', { instance: 'web' });
    const original = await vg.latestExecution();
    expect(await vg.say('bob', 'AuthorizeIntent', { code: otherCode('111111') })).toMatch(/didn't match/);

    const replayed = (await vg.post(`/api/executions/${original.executionId}/replay`)) as { status: number; body: { executionId: string } };

    expect(replayed.status).toBe(201);
    const stored = (await vg.stack.executions.get(replayed.body.executionId))!.command;
    const { commandId: _new, requestedAt: _at, replayOf, ...copied } = stored;
    const { commandId: _old, requestedAt: _then, ...originalCommand } = (await vg.stack.executions.get(original.executionId))!.command;
    expect(copied).toEqual(originalCommand);
    expect(replayOf).toBe(original.executionId);
  });

  it('two instances called web: "stop web" is refused before any code, the user is told, and Command Denied says why', async () => {
    const vg = await start();
    await vg.stack.fleet.seed({ instanceId: 'i-0aaaaaaaaaaaaaaa9', alias: 'web', state: 'running' });

    expect(await vg.say('bob', 'StopInstanceIntent', { instance: 'web' })).toBe('Two instances are called web; ask your operator to fix their tags.');

    expect(await vg.outbox()).toEqual([]);
    expect(await vg.executions()).toEqual([]);
    const denied = (await vg.audit()).filter((e) => e.detailType === 'Command Denied');
    expect(denied.map((e) => e.detail)).toEqual([expect.objectContaining({ userId: 'bob', target: 'web', reason: 'duplicate alias', instances: 2 })]);
  });
});

/** Issue 12, "Limits that tell and recover", over HTTP with Alexa envelopes. */
describe('security: limits that tell and recover', () => {
  const start = stackPerTest();

  it('the operator lifts a user\'s send limit: DELETE /api/users/{userId}/limits, audited as "Limit Reset"', async () => {
    const vg = await start();
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    for (let i = 0; i < 4; i++) await vg.say('alice', 'SendCodeIntent', {});
    expect(await vg.say('alice', 'SendCodeIntent', {})).toMatch(/^You have asked for too many codes\. You can ask for a new code in 1[45] minutes\.$/);

    expect(await vg.delete('/api/users/alice/limits')).toEqual({ status: 200, body: { userId: 'alice', reset: ['sends', 'attempts', 'activations'] } });

    expect(await vg.say('alice', 'SendCodeIntent', {})).toBe('I sent a new code to your phone ending in 0 1.');
    const reset = (await vg.audit()).filter((e) => e.detailType === 'Limit Reset');
    expect(reset.map((e) => e.detail)).toEqual([expect.objectContaining({ userId: 'alice', commandId: 'none' })]);
    expect(await vg.delete('/api/users/mallory/limits')).toEqual({ status: 404, body: { error: 'no such user "mallory"' } });
    const code = await vg.lastCodeSentTo(ALICE_PHONE);
    expect(await vg.say('alice', 'AuthorizeIntent', { code })).toBe('Code accepted. I have started splunk.');
  });
});
