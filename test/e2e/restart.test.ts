import { ALICE_PHONE, LocalStackHarness } from '../support/local-stack-harness';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Nothing lost on restart: data survives, waiting commands keep waiting, the rest end visibly. */
describe('restarting the local stack', () => {
  let vg: LocalStackHarness | undefined;

  afterEach(async () => {
    await vg?.close();
    vg = undefined;
  });

  async function restart(previous: LocalStackHarness): Promise<LocalStackHarness> {
    await previous.close(true);
    return LocalStackHarness.start({ dataDir: previous.config.dataDir, settings: previous.config.settings });
  }

  it('keeps the outbox, audit trail, fleet and users, and a waiting command still takes its code', async () => {
    const first = await LocalStackHarness.start();
    await first.say('bob', 'StopInstanceIntent', { instance: 'web' });
    await first.say('bob', 'AuthorizeIntent', { code: await first.lastCodeSentTo('+15555550102') });
    await first.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    const code = await first.lastCodeSentTo(ALICE_PHONE);
    const before = { outbox: await first.outbox(), audit: await first.audit() };

    vg = await restart(first);

    expect(vg.stack.recovered).toEqual({ resumed: 1, ended: 0 });
    expect(await vg.outbox()).toEqual(before.outbox);
    expect(await vg.audit()).toEqual(before.audit);
    expect(await vg.instanceState('web')).toMatch(/stopping|stopped/);
    expect(await vg.say('alice', 'AuthorizeIntent', { code })).toBe('Code accepted. I have started splunk.');
    const execution = await vg.execution((await vg.latestExecution()).executionId);
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.history!.map((e) => e.type)).toContain('ExecutionResumed');
    expect(await vg.outbox()).toHaveLength(before.outbox.length);
  });

  it('a resumed command keeps its original deadline and then expires on its own', async () => {
    const first = await LocalStackHarness.start({ settings: { codeTtlSeconds: 3 } });
    await first.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    await sleep(1000);

    vg = await restart(first);
    expect(vg.stack.recovered.resumed).toBe(1);
    const { executionId, commandId } = await vg.latestExecution();
    await sleep(2500);

    expect((await vg.execution(executionId)).status).toBe('FAILED');
    expect(await vg.trailOf(commandId)).toEqual(['Command Requested', 'Code Sent', 'Challenge Expired']);
  });

  it('a command whose code expired while the stack was down is ended visibly, not left hanging', async () => {
    const first = await LocalStackHarness.start({ settings: { codeTtlSeconds: 1 } });
    await first.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    const code = await first.lastCodeSentTo(ALICE_PHONE);
    await first.close(true);
    await sleep(1200);

    vg = await LocalStackHarness.start({ dataDir: first.config.dataDir });

    expect(vg.stack.recovered).toEqual({ resumed: 0, ended: 1 });
    const execution = await vg.latestExecution();
    expect(execution).toMatchObject({ status: 'FAILED', error: 'ChallengeExpired' });
    expect((await vg.audit()).filter((e) => e.detailType === 'Challenge Expired')).toHaveLength(1);
    expect(await vg.say('alice', 'AuthorizeIntent', { code })).toBe('There is no command waiting for a code.');
    expect(await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' })).toMatch(/^To confirm starting splunk/);
  });
});
