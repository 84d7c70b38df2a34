import { startTotpEnrollment } from '../../../functions/use-cases/enroll-totp';
import { sendStepUpCode } from '../../../functions/use-cases/step-up';
import { submitCode } from '../../../functions/use-cases/submit-code';
import { requestedCommand, smsStepUp } from '../../support/fakes/device-factor-world';
import { fakeWorld, type FakeWorld } from '../../support/fakes/fake-deps';

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
