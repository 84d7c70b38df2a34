/** Guards on odd inputs and vanished records, each pinned by the behaviour it keeps (S6, S11, S15). */
import { totpCode } from '../../../functions/domain/totp';
import { activateTotp, pendingTotpUri, startTotpEnrollment } from '../../../functions/use-cases/enroll-totp';
import { submitCode } from '../../../functions/use-cases/submit-code';
import { verifyCommand } from '../../../functions/use-cases/verify-command';
import { enrolledAuthenticator, requestedCommand, smsStepUp } from '../../support/fakes/device-factor-world';
import { fakeWorld, SPLUNK } from '../../support/fakes/fake-deps';
import { unlockFrontDoor } from '../../support/fakes/in-memory-devices';
import { secretOf } from '../../support/otpauth';

describe('verifyCommand: the workflow input must name exactly what the stores back', () => {
  const startSplunk = { commandId: 'cmd-1', userId: 'alice', action: 'start' as const, target: 'splunk', policyTarget: 'splunk', instanceId: SPLUNK.instanceId, requestedAt: '2026-01-01T00:00:00.000Z' };

  it('accepts the instance under its own alias', async () => {
    expect(await verifyCommand(fakeWorld().deps, startSplunk)).toMatchObject({ ok: true, policyTarget: 'splunk' });
  });

  it('refuses a target spelled otherwise than the instance alias it claims', async () => {
    expect(await verifyCommand(fakeWorld().deps, { ...startSplunk, target: 'Splunk' })).toMatchObject({ ok: false });
  });

  it("refuses a device command whose device type is not the device's", async () => {
    expect(await verifyCommand(fakeWorld().deps, unlockFrontDoor())).toMatchObject({ ok: true });
    expect(await verifyCommand(fakeWorld().deps, { ...unlockFrontDoor(), deviceType: 'garage door' as const })).toMatchObject({ ok: false });
  });

  it("refuses a device command whose spoken target is not the device's name", async () => {
    expect(await verifyCommand(fakeWorld().deps, { ...unlockFrontDoor(), target: 'the back door' })).toMatchObject({ ok: false });
  });
});

describe('authenticator codes when the factor record is gone', () => {
  it("counts a code as wrong when the user's factors were removed after the command was issued", async () => {
    const world = fakeWorld();
    const secret = await enrolledAuthenticator(world);
    world.clock.advance(10 * 30_000);
    await requestedCommand(world);
    const withoutFactors = { ...world.deps, factors: { ...world.deps.factors, get: async () => undefined } };

    expect(await submitCode(withoutFactors, 'alice', totpCode(secret, world.clock.now()))).toMatchObject({ kind: 'rejected' });
  });
});

describe('authenticator enrollment', () => {
  it('has no enrollment URI for a user who never started one', async () => {
    expect(await pendingTotpUri(fakeWorld().deps, 'alice')).toBeUndefined();
  });

  it('takes only a spoken string as the activation code', async () => {
    const world = fakeWorld();
    const started = await startTotpEnrollment(world.deps, 'alice', await smsStepUp(world));
    if (started.kind !== 'pending') throw new Error('no enrollment');
    const code = totpCode(secretOf(started.otpauthUri), world.clock.now());

    expect(await activateTotp(world.deps, 'alice', Number(code))).toBe('wrong-code');
    expect(await activateTotp(world.deps, 'alice', code)).toBe('activated');
  });

  it('tells a code whose time step was already used apart from a wrong one', async () => {
    const world = fakeWorld();
    const started = await startTotpEnrollment(world.deps, 'alice', await smsStepUp(world));
    if (started.kind !== 'pending') throw new Error('no enrollment');
    const code = totpCode(secretOf(started.otpauthUri), world.clock.now());
    await world.factors.claimTotpStep('alice', Math.floor(world.clock.now() / 30_000));

    expect(await activateTotp(world.deps, 'alice', code)).toBe('code-used');
  });
});
