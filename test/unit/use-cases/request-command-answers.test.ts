import { cancelCommand } from '../../../functions/use-cases/cancel-command';
import { issueChallenge } from '../../../functions/use-cases/issue-challenge';
import { requestCommand } from '../../../functions/use-cases/request-command';
import { enrolledAuthenticator } from '../../support/fakes/device-factor-world';
import { ALICE, SPLUNK, WEB, fakeWorld, type FakeWorld } from '../../support/fakes/fake-deps';

/** What the user hears after "start splunk" etc., with the workflow's send-code task run as the engine would run it. */
describe('requestCommand answers', () => {
  let world: FakeWorld;
  beforeEach(() => {
    world = fakeWorld();
    world.workflow.firstTask = (request) => issueChallenge(world.deps, request);
  });

  const denials = () => world.audit.events.filter((event) => event.detailType === 'Command Denied').map((event) => event.detail);

  it('tells where the code went: factor, channel, masked destination and digits', async () => {
    const outcome = await requestCommand(world.deps, ALICE, 'start', 'splunk');

    expect(outcome).toEqual({
      kind: 'code-sent',
      command: expect.objectContaining({ userId: 'alice', action: 'start', target: 'splunk', instanceId: SPLUNK.instanceId }),
      factor: 'sms',
      channel: 'sms',
      maskedDestination: '***01',
      digits: 6,
    });
    expect(world.outbox.messages).toHaveLength(1);
  });

  it('answers delivery-failed once the workflow ended without a code', async () => {
    world.outbox.failWith = new Error('provider down');

    const outcome = await requestCommand(world.deps, ALICE, 'start', 'splunk');

    expect(outcome).toEqual({ kind: 'delivery-failed', command: expect.objectContaining({ target: 'splunk' }) });
  });

  it('answers unknown-target with the spoken name trimmed and lower-cased', async () => {
    expect(await requestCommand(world.deps, ALICE, 'start', '  Mainframe ')).toEqual({ kind: 'unknown-target', target: 'mainframe' });
  });

  it('refuses a name two instances carry, audited with the count, and sends no code (the second "web" cannot take over)', async () => {
    world.fleet.add({ instanceId: 'i-0123456789abcdef9', alias: 'web', state: 'running' });

    expect(await requestCommand(world.deps, ALICE, 'stop', 'web')).toEqual({ kind: 'duplicate-alias', target: 'web', count: 2 });

    expect(denials()).toEqual([expect.objectContaining({ reason: 'duplicate alias', instances: 2, target: 'web', executionId: 'none' })]);
    expect(world.workflow.inputs()).toEqual([]);
  });

  it('refuses a command that would change nothing before a code is spent: already in that state', async () => {
    expect(await requestCommand(world.deps, ALICE, 'start', 'web')).toEqual({ kind: 'already', target: 'web', state: 'running' });

    expect(denials()).toEqual([expect.objectContaining({ reason: 'AlreadyInState', state: 'running' })]);
    expect(world.workflow.inputs()).toEqual([]);
  });

  it('refuses a command the instance cannot take in its state', async () => {
    expect(await requestCommand(world.deps, ALICE, 'reboot', 'splunk')).toEqual({ kind: 'impossible', target: 'splunk', state: 'stopped' });

    expect(denials()).toEqual([expect.objectContaining({ reason: 'IncorrectInstanceState', state: 'stopped' })]);
    expect(world.workflow.inputs()).toEqual([]);
  });

  it('refuses an authenticator user whose attempt limit is reached (S8), naming that limit, and starts nothing', async () => {
    await enrolledAuthenticator(world);
    for (let i = 0; i < 1_000 && (await world.deps.attemptLimiter.tryConsume(ALICE.userId)).allowed; i++);

    expect(await requestCommand(world.deps, ALICE, 'start', 'splunk')).toMatchObject({ kind: 'attempt-limit', retryInMinutes: expect.any(Number) });

    expect(denials()).toEqual([expect.objectContaining({ reason: 'code attempt limit reached' })]);
    expect(world.workflow.inputs()).toEqual([]);
  });

  describe('a command that replaces a pending one (S13)', () => {
    it('says which command it dropped', async () => {
      await requestCommand(world.deps, ALICE, 'start', 'splunk');

      expect(await requestCommand(world.deps, ALICE, 'stop', 'web')).toMatchObject({ kind: 'code-sent', dropped: { action: 'start', target: 'splunk' } });
    });

    it('says so too when the new code is still on its way', async () => {
      await requestCommand(world.deps, ALICE, 'start', 'splunk');
      world.workflow.firstTask = undefined;

      expect(await requestCommand(world.deps, ALICE, 'stop', 'web')).toMatchObject({
        kind: 'delivery-pending',
        dropped: { action: 'start', target: 'splunk' },
      });
    });

    it('drops nothing when the earlier code had expired or was cancelled', async () => {
      await requestCommand(world.deps, ALICE, 'start', 'splunk');
      world.clock.advance(300_001);
      const afterExpiry = await requestCommand(world.deps, ALICE, 'stop', 'web');
      await cancelCommand(world.deps, ALICE.userId);
      const afterCancel = await requestCommand(world.deps, ALICE, 'start', 'splunk');

      for (const outcome of [afterExpiry, afterCancel]) {
        expect(outcome).toMatchObject({ kind: 'code-sent' });
        expect(outcome).not.toHaveProperty('dropped');
      }
    });

    it('does not claim to have dropped the earlier command when the new code could not be delivered (it still stands)', async () => {
      await requestCommand(world.deps, ALICE, 'start', 'splunk');
      world.outbox.failWith = new Error('provider down');

      const outcome = await requestCommand(world.deps, ALICE, 'stop', 'web');

      expect(outcome).toEqual({ kind: 'delivery-failed', command: expect.objectContaining({ instanceId: WEB.instanceId }) });
      expect(await world.challenges.get(ALICE.userId)).toMatchObject({ target: 'splunk', status: 'pending' });
    });
  });
});
