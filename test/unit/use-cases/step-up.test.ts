import { startTotpEnrollment } from '../../../functions/use-cases/enroll-totp';
import { totpCode } from '../../../functions/domain/totp';
import type { User } from '../../../functions/domain/user';
import { proveStepUp, sendStepUpCode } from '../../../functions/use-cases/step-up';
import { submitCode } from '../../../functions/use-cases/submit-code';
import { enrolledAuthenticator, requestedCommand, smsStepUp } from '../../support/fakes/device-factor-world';
import { ALICE, fakeWorld, type FakeWorld } from '../../support/fakes/fake-deps';

describe('step-up codes for factor changes', () => {
  let world: FakeWorld;
  beforeEach(() => {
    world = fakeWorld();
  });
  const enroll = (stepUp: unknown) => startTotpEnrollment(world.deps, 'alice', stepUp);

  it('one texted code lets exactly one of two concurrent enrollments through (S3)', async () => {
    const stepUp = await smsStepUp(world);

    const outcomes = await Promise.all([enroll(stepUp), enroll(stepUp)]);

    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(['pending', 'step-up-refused']);
    expect(outcomes.find((outcome) => outcome.kind === 'step-up-refused')).toMatchObject({ reason: 'no-code-sent' });
  });

  it('a step-up code still works a moment before its lifetime ends (S4)', async () => {
    const stepUp = await smsStepUp(world);
    world.clock.advance(world.settings.codeTtlSeconds * 1000 - 1);

    expect(await enroll(stepUp)).toMatchObject({ kind: 'pending' });
  });

  it('an expired step-up code fails even when right (S4)', async () => {
    const stepUp = await smsStepUp(world);
    world.clock.advance(world.settings.codeTtlSeconds * 1000);

    expect(await enroll(stepUp)).toMatchObject({ kind: 'step-up-refused', reason: 'expired' });
    expect(await enroll(stepUp)).toMatchObject({ kind: 'step-up-refused', reason: 'no-code-sent' });
  });

  it('a code sent by e-mail does not pass as a text code, and a newer code replaces the older', async () => {
    world.codes.push('111111', '222222', '333333');
    for (const channel of ['email', 'sms', 'sms']) await sendStepUpCode(world.deps, 'alice', channel);

    expect(await enroll({ factor: 'sms', code: '111111' })).toMatchObject({ reason: 'wrong-code' });
    expect(await enroll({ factor: 'email', code: '111111' })).toMatchObject({ reason: 'no-code-sent' });
    expect(await enroll({ factor: 'sms', code: '222222' })).toMatchObject({ reason: 'wrong-code' });
    expect(await enroll({ factor: 'sms', code: '333333' })).toMatchObject({ kind: 'pending' });
  });

  it('a step-up code confirms no command, and a command code is no step-up (S7)', async () => {
    world.codes.push('123456', '111111', '222222');
    await requestedCommand(world);
    const stepUp = await smsStepUp(world);

    expect(await submitCode(world.deps, 'alice', stepUp.code)).toMatchObject({ kind: 'rejected' });
    await sendStepUpCode(world.deps, 'alice', 'sms');
    expect(await enroll({ factor: 'sms', code: '123456' })).toMatchObject({ kind: 'step-up-refused', reason: 'wrong-code' });
  });

  it("step-up sends count against the user's code sends (S8)", async () => {
    for (let sent = 0; sent < 5; sent++) expect(await sendStepUpCode(world.deps, 'alice', 'sms')).toMatchObject({ kind: 'sent', maskedDestination: '***01' });

    expect(await sendStepUpCode(world.deps, 'alice', 'email')).toMatchObject({ kind: 'send-limit' });
    expect(await sendStepUpCode(world.deps, 'alice', 'totp')).toEqual({ kind: 'not-a-factor' });
    expect(await sendStepUpCode(world.deps, 'carol', 'sms')).toEqual({ kind: 'unknown-user' });
  });
});

describe('sending a step-up code', () => {
  let world: FakeWorld;
  beforeEach(() => {
    world = fakeWorld();
  });

  it('audits the send as a step-up "Code Sent" naming the channel and the masked destination only (S12)', async () => {
    await sendStepUpCode(world.deps, 'alice', 'email');

    expect(world.audit.events.map((event) => event.detailType)).toEqual(['Code Sent']);
    expect(world.audit.events[0]?.detail).toMatchObject({ userId: 'alice', channel: 'email', destination: 'a***@example.com', purpose: 'step-up' });
    expect(JSON.stringify(world.audit.events)).not.toContain('alice@example.com');
  });

  it('binds each step-up code to an id of its own, apart from every command id (S7)', async () => {
    await sendStepUpCode(world.deps, 'alice', 'sms');
    const first = (await world.factors.get('alice'))?.stepUp?.bindingId;
    await sendStepUpCode(world.deps, 'alice', 'sms');
    const second = (await world.factors.get('alice'))?.stepUp?.bindingId;

    expect(first).toMatch(/^step-up-.+/);
    expect(second).toMatch(/^step-up-.+/);
    expect(second).not.toBe(first);
  });

  it('reports a refused delivery, auditing no send', async () => {
    world.outbox.failWith = new Error('the provider is down');

    expect(await sendStepUpCode(world.deps, 'alice', 'sms')).toEqual({ kind: 'delivery-failed' });
    expect(world.audit.events).toEqual([]);
  });

  it('sends nothing to an authenticator app, even one the user has', async () => {
    await enrolledAuthenticator(world);
    world.outbox.messages.splice(0);

    expect(await sendStepUpCode(world.deps, 'alice', 'totp')).toEqual({ kind: 'not-a-factor' });
    expect(world.outbox.messages).toEqual([]);
  });
});

describe('proving a factor change (proveStepUp)', () => {
  let world: FakeWorld;
  beforeEach(() => {
    world = fakeWorld();
  });
  const prove = (offered: unknown, user: User = ALICE) => proveStepUp(world.deps, user, offered);

  it('needs no proof from a user with no factor at all: only the operator vouches for them', async () => {
    const carol: User = { userId: 'carol', phone: '', email: '', targets: [], preferredChannel: 'sms' };

    expect(await prove(undefined, carol)).toEqual({ kind: 'proved', method: 'operator' });
  });

  it('refuses a missing proof and a factor the user lacks, naming the factors they could prove with', async () => {
    expect(await prove(undefined)).toEqual({ kind: 'step-up-refused', reason: 'missing', factors: ['sms', 'email'] });
    expect(await prove({ factor: 'totp', code: '123456' })).toEqual({ kind: 'step-up-refused', reason: 'not-a-factor', factors: ['sms', 'email'] });
  });

  it("takes the authenticator app's current code once: again it is used up, and a wrong one is wrong", async () => {
    const secret = await enrolledAuthenticator(world);
    const code = totpCode(secret, world.clock.now());
    const wrong = code === '000000' ? '111111' : '000000';

    expect(await prove({ factor: 'totp', code })).toEqual({ kind: 'proved', method: 'totp' });
    expect(await prove({ factor: 'totp', code })).toMatchObject({ kind: 'step-up-refused', reason: 'code-used' });
    expect(await prove({ factor: 'totp', code: wrong })).toMatchObject({ kind: 'step-up-refused', reason: 'wrong-code' });
  });

  it('stops authenticator tries at the attempt limit, saying when to try again (S8)', async () => {
    await enrolledAuthenticator(world);
    let verdict = await prove({ factor: 'totp', code: 'no code' });
    for (let tries = 1; tries < 50 && verdict.kind !== 'attempt-limit'; tries++) verdict = await prove({ factor: 'totp', code: 'no code' });

    expect(verdict).toEqual({ kind: 'attempt-limit', retryAt: expect.any(Number) });
  });
});
