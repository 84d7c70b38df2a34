import type { Command } from '../../../functions/domain/command';
import { cancelCommand } from '../../../functions/use-cases/cancel-command';
import { issueChallenge } from '../../../functions/use-cases/issue-challenge';
import { resendCode } from '../../../functions/use-cases/resend-code';
import { submitCode } from '../../../functions/use-cases/submit-code';
import { ALICE, SPLUNK, fakeWorld, type FakeWorld } from '../../support/fakes/fake-deps';
import { unlockFrontDoor } from '../../support/fakes/in-memory-devices';

const command: Command = {
  commandId: 'cmd-1',
  userId: 'alice',
  action: 'start',
  target: 'splunk',
  policyTarget: 'splunk',
  instanceId: SPLUNK.instanceId,
  requestedAt: '2026-01-01T00:00:00.000Z',
};

async function pending(world: FakeWorld, code = '111111') {
  const { executionId } = await world.workflow.start({ command });
  world.codes.push(code);
  await issueChallenge(world.deps, { command, executionId, taskToken: world.workflow.tokenOf(executionId) });
  return executionId;
}

describe('resendCode', () => {
  let world: FakeWorld;
  beforeEach(() => {
    world = fakeWorld();
  });

  it('sends a new code on the asked-for channel and voids the old one', async () => {
    await pending(world, '111111');
    world.codes.push('222222');

    expect(await resendCode(world.deps, 'alice', 'email')).toEqual({ kind: 'sent', channel: 'email', maskedDestination: 'a***@example.com' });

    expect(world.outbox.messages.at(-1)).toMatchObject({ channel: 'email', to: ALICE.email });
    expect(world.outbox.lastCodeTo(ALICE.email)).toBe('222222');
    expect(await submitCode(world.deps, 'alice', '111111')).toMatchObject({ kind: 'rejected' });
    expect(await submitCode(world.deps, 'alice', '222222')).toMatchObject({ kind: 'accepted' });
    const sent = world.audit.events.filter((e) => e.detailType === 'Code Sent').map((e) => [e.detail.channel, e.detail.destination]);
    expect(sent).toEqual([
      ['sms', '***01'],
      ['email', 'a***@example.com'],
    ]);
  });

  it('keeps the channel when none is asked for, and restores the attempts for the new code', async () => {
    await pending(world);
    await submitCode(world.deps, 'alice', '000000');

    expect(await resendCode(world.deps, 'alice')).toMatchObject({ kind: 'sent', channel: 'sms', maskedDestination: '***01' });
    expect(await world.challenges.get('alice')).toMatchObject({ attemptsLeft: 3, version: 3, expiresAt: world.clock.now() + 300_000 });
  });

  it('finds nothing pending without a challenge, after it expired, or after it was used', async () => {
    expect(await resendCode(world.deps, 'alice')).toEqual({ kind: 'nothing-pending' });

    await pending(world, '111111');
    world.clock.advance(300_000);
    expect(await resendCode(world.deps, 'alice')).toEqual({ kind: 'nothing-pending' });

    world = fakeWorld();
    await pending(world, '111111');
    await submitCode(world.deps, 'alice', '111111');
    expect(await resendCode(world.deps, 'alice')).toEqual({ kind: 'nothing-pending' });
    expect(world.outbox.messages).toHaveLength(1);
  });

  it('is rate-limited (S8): the sixth code in 15 minutes is refused and the old code still works', async () => {
    await pending(world, '111111');
    for (let i = 0; i < 4; i++) expect((await resendCode(world.deps, 'alice')).kind).toBe('sent');
    const before = await world.challenges.get('alice');

    expect(await resendCode(world.deps, 'alice')).toEqual({ kind: 'send-limit', retryInMinutes: 15 });
    expect(await world.challenges.get('alice')).toEqual(before);
    expect(world.outbox.messages).toHaveLength(5);
  });

  it('a channel switch within the same command costs no send, and keeps the attempts left (no extra guesses)', async () => {
    await pending(world, '111111');
    await submitCode(world.deps, 'alice', '000000');

    expect(await resendCode(world.deps, 'alice', 'email')).toMatchObject({ kind: 'sent', channel: 'email' });
    expect(await resendCode(world.deps, 'alice', 'sms')).toMatchObject({ kind: 'sent', channel: 'sms' });

    expect(await world.challenges.get('alice')).toMatchObject({ attemptsLeft: 2, channelSwitches: 2 });
    expect(await world.deps.sendLimiter.check('alice')).toEqual({ allowed: true });
    for (let i = 0; i < 4; i++) expect((await resendCode(world.deps, 'alice')).kind).toBe('sent');
    expect(await resendCode(world.deps, 'alice')).toMatchObject({ kind: 'send-limit' });
  });

  it('the third channel switch of one command counts as a send and gives fresh attempts', async () => {
    await pending(world, '111111');
    await resendCode(world.deps, 'alice', 'email');
    await resendCode(world.deps, 'alice', 'sms');

    await resendCode(world.deps, 'alice', 'email');

    expect(await world.challenges.get('alice')).toMatchObject({ attemptsLeft: 3, channelSwitches: 2 });
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push((await world.deps.sendLimiter.tryConsume('alice')).allowed);
    expect(verdicts).toEqual([true, true, true, false]);
  });

  it("an SMS resend honours the target's factor policy", async () => {
    world = fakeWorld({ factorPolicy: { ...world.settings.factorPolicy, targets: { 'front door': ['totp', 'email'] } } });
    await world.deps.factors.save({ ownerId: 'alice', version: 1 }, 0);
    const unlock: Command = unlockFrontDoor('alice', 'cmd-door');
    const { executionId } = await world.workflow.start({ command: unlock });
    await issueChallenge(world.deps, { command: unlock, executionId, taskToken: world.workflow.tokenOf(executionId) });

    expect(await resendCode(world.deps, 'alice', 'sms')).toEqual({ kind: 'factor-refused', accepted: ['totp', 'email'] });
    expect(world.outbox.messages.map((m) => m.channel)).toEqual(['email']);
  });

  it('the send limit names when the user can ask again, counted from the oldest send in the window', async () => {
    await pending(world);
    for (let i = 0; i < 4; i++) {
      world.clock.advance(30_000);
      await resendCode(world.deps, 'alice');
    }
    world.clock.advance(30_000);

    // The first send (2.5 minutes ago) leaves the 15-minute window in 12.5 minutes.
    expect(await resendCode(world.deps, 'alice')).toEqual({ kind: 'send-limit', retryInMinutes: 13 });
  });

  it('reports a failed delivery', async () => {
    await pending(world);
    world.outbox.failWith = new Error('SES is down');

    expect(await resendCode(world.deps, 'alice', 'email')).toEqual({ kind: 'delivery-failed' });
  });
});

describe('cancelCommand', () => {
  let world: FakeWorld;
  beforeEach(() => {
    world = fakeWorld();
  });

  it('voids the code and ends the workflow as cancelled', async () => {
    const executionId = await pending(world, '111111');

    expect(await cancelCommand(world.deps, 'alice')).toEqual({ kind: 'cancelled', action: 'start', target: 'splunk' });

    expect(await world.workflow.describe(executionId)).toMatchObject({ status: 'FAILED', error: 'CommandCancelled' });
    expect(await submitCode(world.deps, 'alice', '111111')).toEqual({ kind: 'nothing-pending' });
    expect(await cancelCommand(world.deps, 'alice')).toEqual({ kind: 'nothing-pending' });
  });

  it('finds nothing to cancel without a pending command', async () => {
    expect(await cancelCommand(world.deps, 'alice')).toEqual({ kind: 'nothing-pending' });
  });

  it('cancels quietly when the workflow task already ended', async () => {
    const executionId = await pending(world);
    world.workflow.timeOut(executionId);

    await expect(cancelCommand(world.deps, 'alice')).resolves.toMatchObject({ kind: 'cancelled' });
  });
});
