import type { InstanceGateway } from '../../functions/ports/instance-gateway';
import { ALICE_PHONE, LocalStackHarness } from '../support/local-stack-harness';

/** An EC2 failure that comes after the "authorize" answer is told on the user's next request. */
describe('an action outcome that arrives after the answer', () => {
  let vg: LocalStackHarness;

  afterEach(async () => {
    await vg.close();
  });

  const slowly =
    (fail: boolean) =>
    (real: InstanceGateway): InstanceGateway => ({
      list: () => real.list(),
      listAliases: () => real.listAliases(),
      async perform(action, instanceId) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        if (fail) throw new Error('InsufficientInstanceCapacity');
        return real.perform(action, instanceId);
      },
    });

  it('a permanent EC2 failure is told once, on the next request', async () => {
    vg = await LocalStackHarness.start({}, { settings: { authorizeWaitMs: 50 }, wrapInstances: slowly(true) });
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });

    expect(await vg.say('alice', 'AuthorizeIntent', { code: await vg.lastCodeSentTo(ALICE_PHONE) })).toBe('Code accepted. Starting splunk is under way.');
    const execution = await vg.settled((await vg.latestExecution()).executionId);
    expect(execution.status).toBe('FAILED');
    expect((await vg.trailOf(execution.commandId)).at(-1)).toBe('Action Failed');

    expect(await vg.say('alice', 'ListInstancesIntent')).toBe(
      'Your earlier command failed: starting splunk did not complete. You have three instances: splunk is stopped, web is running, build is stopped.',
    );
    expect(await vg.say('alice', 'ListInstancesIntent')).toMatch(/^You have three instances/);
  });

  it('a late success is told too', async () => {
    vg = await LocalStackHarness.start({}, { settings: { authorizeWaitMs: 50 }, wrapInstances: slowly(false) });
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    await vg.say('alice', 'AuthorizeIntent', { code: await vg.lastCodeSentTo(ALICE_PHONE) });
    await vg.settled((await vg.latestExecution()).executionId);

    expect(await vg.say('alice', 'ListInstancesIntent')).toMatch(/^Your earlier command is done: I have started splunk\. You have three/);
  });
});
