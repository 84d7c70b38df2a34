/** Issue 12's failure cases as conversation rows over HTTP: what the user hears and what the operator sees. */
import { totpCode } from '../../functions/domain/totp';
import { secretOf } from '../support/otpauth';
import { ALICE_PHONE, LocalStackHarness, stackPerTest } from '../support/local-stack-harness';

describe('precise outcomes', () => {
  const start = stackPerTest();

  it('a command that cannot succeed is refused before a code is sent, with the reason audited', async () => {
    const vg = await start();

    expect(await vg.say('alice', 'RebootInstanceIntent', { instance: 'splunk' })).toBe("Splunk is stopped, so it can't be rebooted.");
    expect(await vg.say('alice', 'StartInstanceIntent', { instance: 'web' })).toBe('Web is already running, so there is nothing to do.');
    expect(await vg.say('alice', 'StopInstanceIntent', { instance: 'build' })).toBe('Build is already stopped, so there is nothing to do.');

    expect(await vg.outbox()).toEqual([]);
    expect(await vg.executions()).toEqual([]);
    const denied = (await vg.audit()).filter((e) => e.detailType === 'Command Denied').map((e) => [e.detail.target, e.detail.reason, e.detail.state]);
    expect(denied).toEqual([
      ['splunk', 'IncorrectInstanceState', 'stopped'],
      ['web', 'AlreadyInState', 'running'],
      ['build', 'AlreadyInState', 'stopped'],
    ]);
  });

  it('a user without the right to a target hears that, not its state', async () => {
    const vg = await start();

    expect(await vg.say('bob', 'RebootInstanceIntent', { instance: 'splunk' })).toBe('Sorry, you are not allowed to control splunk.');
  });

  it('a new command says which pending one it dropped before asking for the new code', async () => {
    const vg = await start();
    await vg.say('alice', 'StopInstanceIntent', { instance: 'web' });

    const heard = await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });

    expect(heard).toBe('I dropped stopping web. To confirm starting splunk I sent a 6-digit code to your phone ending in 0 1. Say authorize and the code.');
    expect(await vg.say('alice', 'StartInstanceIntent', { instance: 'build' })).toMatch(/^I dropped starting splunk\. To confirm starting build/);
  });

  it('a reused authenticator code is told as such', async () => {
    const vg = await start();
    const enrolled = await vg.post('/api/users/alice/factors/totp', { stepUp: await vg.smsStepUp('alice') });
    const secret = secretOf((enrolled.body as { otpauthUri: string }).otpauthUri);
    const activationCode = totpCode(secret, Date.now());
    expect((await vg.post('/api/users/alice/factors/totp/activate', { code: activationCode })).status).toBe(200);
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });

    expect(await vg.say('alice', 'AuthorizeIntent', { code: activationCode })).toBe('That code was already used; wait for the next one.');
    const rejected = (await vg.audit()).find((e) => e.detailType === 'Code Rejected');
    expect(rejected?.detail).toMatchObject({ reason: 'CodeReused', factor: 'totp' });
  });

  it('a replay answers with the new run\'s real state: waiting for its code', async () => {
    const vg = await start();
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    await vg.say('alice', 'AMAZON.CancelIntent');
    const original = await vg.latestExecution();

    const replay = await vg.post(`/api/executions/${original.executionId}/replay`);

    expect(replay).toEqual({ status: 201, body: { executionId: expect.any(String), status: 'RUNNING' } });
  });

  it('a replay whose run fails at once answers with the failure and its cause', async () => {
    const vg = await start({}, { settings: { sendLimits: [{ name: '15m', windowSeconds: 900, max: 1 }] } });
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    await vg.say('alice', 'AMAZON.CancelIntent');
    const original = await vg.latestExecution();

    const replay = await vg.post(`/api/executions/${original.executionId}/replay`);

    expect(replay).toEqual({
      status: 201,
      body: { executionId: expect.any(String), status: 'FAILED', error: 'DeliveryFailed', cause: 'code send limit reached' },
    });
  });
});

describe('a code that expired while the stack was down', () => {
  let vg: LocalStackHarness | undefined;
  afterEach(async () => vg?.close());

  it('is recorded as Challenge Expired, as if the stack had been up', async () => {
    const first = await LocalStackHarness.start({ settings: { codeTtlSeconds: 1 } });
    await first.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    const { commandId } = await first.latestExecution();
    await first.close(true);
    await new Promise((resolve) => setTimeout(resolve, 1200));

    vg = await LocalStackHarness.start({ dataDir: first.config.dataDir });

    expect(await vg.latestExecution()).toMatchObject({ status: 'FAILED', error: 'ChallengeExpired' });
    expect(await vg.trailOf(commandId)).toEqual(['Command Requested', 'Code Sent', 'Challenge Expired']);
    expect(await vg.outbox()).toEqual([expect.objectContaining({ to: ALICE_PHONE })]);
  });
});
