import { injectStoreFaults, type FaultDecision, type StoreCall } from '../support/store-faults';
import { ALICE_PHONE, LocalStackHarness } from '../support/local-stack-harness';

/** The store failing mid-verification: no double action, no attempts gained, every end visible. */
describe('store faults during verification', () => {
  let vg: LocalStackHarness;
  let removeFaults: () => void;

  beforeEach(async () => {
    vg = await LocalStackHarness.start({}, { settings: { authorizeWaitMs: 1000 } });
  });
  afterEach(async () => {
    removeFaults?.();
    await vg.close();
  });

  /** Applies `decision` to the next `times` conditional writes of the challenge table. */
  function faultChallengeWrites(decision: FaultDecision, times = 1): void {
    let left = times;
    const isChallengeWrite = (call: StoreCall) => call.tableName.endsWith('challenges') && call.command.startsWith('Put');
    removeFaults = injectStoreFaults(vg.stack.storeClient, (call) => (isChallengeWrite(call) && left-- > 0 ? decision : 'pass'));
  }

  async function startSplunk(): Promise<{ code: string; wrong: string }> {
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    const code = await vg.lastCodeSentTo(ALICE_PHONE);
    return { code, wrong: code === '111111' ? '222222' : '111111' };
  }

  it('an outage while counting a wrong code reveals nothing and the attempt limit still holds', async () => {
    const { code, wrong } = await startSplunk();
    faultChallengeWrites('fail-before');

    expect(await vg.say('alice', 'AuthorizeIntent', { code: wrong })).toBe('Sorry, something went wrong. Please try again.');
    expect((await vg.stack.deps.challenges.get('alice'))?.attemptsLeft).toBe(3);

    for (const left of ['2 tries', '1 try']) {
      expect(await vg.say('alice', 'AuthorizeIntent', { code: wrong })).toBe(`That code didn't match. You have ${left} left.`);
    }
    expect(await vg.say('alice', 'AuthorizeIntent', { code: wrong })).toMatch(/^Too many wrong codes/);
    expect(await vg.say('alice', 'AuthorizeIntent', { code })).toBe('There is no command waiting for a code.');
    expect(await vg.instanceState('splunk')).toBe('stopped');
  });

  it('an outage while consuming the right code performs nothing; the same code then works once', async () => {
    const { code } = await startSplunk();
    faultChallengeWrites('fail-before');

    expect(await vg.say('alice', 'AuthorizeIntent', { code })).toBe('Sorry, something went wrong. Please try again.');
    expect(await vg.instanceState('splunk')).toBe('stopped');

    expect(await vg.say('alice', 'AuthorizeIntent', { code })).toBe('Code accepted. I have started splunk.');
    expect(await vg.say('alice', 'AuthorizeIntent', { code })).toBe('There is no command waiting for a code.');
    const verified = (await vg.audit()).filter((e) => e.detailType === 'Code Verified');
    expect(verified).toHaveLength(1);
  });

  it('a lost answer after the code was consumed never acts twice, and the command ends visibly', async () => {
    await vg.close();
    vg = await LocalStackHarness.start({ settings: { codeTtlSeconds: 2 } });
    const { code } = await startSplunk();
    faultChallengeWrites('fail-after');

    expect(await vg.say('alice', 'AuthorizeIntent', { code })).toBe('Sorry, something went wrong. Please try again.');
    expect(await vg.say('alice', 'AuthorizeIntent', { code })).toBe('There is no command waiting for a code.');

    const execution = await vg.settled((await vg.latestExecution()).executionId, 4000);
    expect(execution.status).toBe('FAILED');
    expect((await vg.trailOf(execution.commandId)).at(-1)).toBe('Challenge Expired');
    expect(await vg.instanceState('splunk')).toBe('stopped');
  });

  it('a passing audit-store outage is retried by the workflow and the trail stays complete', async () => {
    let failures = 1;
    removeFaults = injectStoreFaults(vg.stack.storeClient, (call) => (call.tableName.endsWith('local-audit') && failures-- > 0 ? 'fail-before' : 'pass'));
    const { code } = await startSplunk();

    expect(await vg.say('alice', 'AuthorizeIntent', { code })).toBe('Code accepted. I have started splunk.');
    const execution = await vg.execution((await vg.latestExecution()).executionId);
    expect(execution.history!.some((e) => e.type === 'StateRetried')).toBe(true);
    expect(await vg.trailOf(execution.commandId)).toEqual(['Command Requested', 'Code Sent', 'Code Verified', 'Action Succeeded']);
  });
});
