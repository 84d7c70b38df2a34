import { totpCode } from '../../../functions/domain/totp';
import { factorFor } from '../../../functions/use-cases/choose-factor';
import { activateTotp, pendingTotpUri, startTotpEnrollment } from '../../../functions/use-cases/enroll-totp';
import { listFactors, setPreferredFactor } from '../../../functions/use-cases/manage-factors';
import { submitCode } from '../../../functions/use-cases/submit-code';
import { enrolledAuthenticator, requestedCommand, smsStepUp } from '../../support/fakes/device-factor-world';
import { ALICE, fakeWorld, type FakeWorld } from '../../support/fakes/fake-deps';
import { secretOf } from '../../support/otpauth';

async function pendingSecret(world: FakeWorld, userId = 'alice'): Promise<string> {
  const enrollment = await startTotpEnrollment(world.deps, userId, await smsStepUp(world, userId));
  if (enrollment.kind !== 'pending') throw new Error('not enrolling');
  return secretOf(enrollment.otpauthUri);
}

describe('authenticator enrollment', () => {
  let world: FakeWorld;
  beforeEach(() => {
    world = fakeWorld();
  });

  it('hands out an otpauth URI and stores the secret only sealed, pending', async () => {
    const secret = await pendingSecret(world);

    const record = await world.factors.get('alice');
    expect(record?.pendingTotp).toBeDefined();
    expect(record?.totp).toBeUndefined();
    expect(JSON.stringify(record)).not.toContain(secret);
    expect(await world.deps.sealer.open(record!.pendingTotp!.sealedSecret, 'alice')).toBe(secret);
    expect(await listFactors(world.deps, 'alice')).toEqual({
      factors: [
        { factor: 'sms', status: 'active' },
        { factor: 'email', status: 'active' },
        { factor: 'totp', status: 'pending' },
      ],
      preferred: 'sms',
    });
  });

  it('refuses an unknown user', async () => {
    expect(await startTotpEnrollment(world.deps, 'carol', undefined)).toEqual({ kind: 'unknown-user' });
    expect(await activateTotp(world.deps, 'carol', '123456')).toBe('unknown-user');
    expect(await world.factors.get('carol')).toBeUndefined();
  });

  it('activates only with a code the app shows now; a wrong or malformed code leaves it pending', async () => {
    const secret = await pendingSecret(world);
    const right = totpCode(secret, world.clock.now());
    const wrong = right === '000000' ? '000001' : '000000';

    expect(await activateTotp(world.deps, 'alice', wrong)).toBe('wrong-code');
    expect(await activateTotp(world.deps, 'alice', 'twelve')).toBe('wrong-code');
    expect(await activateTotp(world.deps, 'alice', undefined)).toBe('wrong-code');
    expect((await world.factors.get('alice'))?.totp).toBeUndefined();

    expect(await activateTotp(world.deps, 'alice', right)).toBe('activated');
    expect(await listFactors(world.deps, 'alice')).toMatchObject({
      factors: expect.arrayContaining([{ factor: 'totp', status: 'active' }]),
      preferred: 'totp',
    });
    expect(await pendingTotpUri(world.deps, 'alice')).toBeUndefined();
  });

  it('has nothing to activate without an enrollment', async () => {
    expect(await activateTotp(world.deps, 'alice', '123456')).toBe('nothing-pending');
  });

  it('uses up the activation code: it cannot confirm a command in the same 30 seconds', async () => {
    const secret = await pendingSecret(world);
    const code = totpCode(secret, world.clock.now());
    await activateTotp(world.deps, 'alice', code);
    await requestedCommand(world);

    expect(await submitCode(world.deps, 'alice', code)).toMatchObject({ kind: 'reused', attemptsLeft: 2 });
  });

  it('never lets an unactivated secret confirm: commands keep going by SMS', async () => {
    const secret = await pendingSecret(world);
    await requestedCommand(world);

    expect((await world.challenges.get('alice'))?.factor).toBe('sms');
    expect(await submitCode(world.deps, 'alice', totpCode(secret, world.clock.now()))).toMatchObject({ kind: 'rejected' });
    expect(await factorFor(world.deps, ALICE, 'start', 'splunk')).toEqual({ kind: 'chosen', factor: 'sms' });
  });

  it('keeps the active app working while a new enrollment waits, and never accepts the pending one', async () => {
    const active = await enrolledAuthenticator(world);
    const pending = await pendingSecret(world);
    await requestedCommand(world);

    expect(await submitCode(world.deps, 'alice', totpCode(pending, world.clock.now()))).toMatchObject({ kind: 'rejected' });
    expect(await submitCode(world.deps, 'alice', totpCode(active, world.clock.now()))).toMatchObject({ kind: 'accepted' });
  });

  it('audits the first authenticator as enrolled and a later one as replacing it, each with the step-up that allowed it', async () => {
    await enrolledAuthenticator(world);
    await enrolledAuthenticator(world);

    const changes = world.audit.events.filter((event) => event.detailType === 'Factor Changed').map((event) => event.detail);
    expect(changes).toEqual([
      expect.objectContaining({ userId: 'alice', factor: 'totp', change: 'enrolled', stepUp: 'sms' }),
      expect.objectContaining({ userId: 'alice', factor: 'totp', change: 'replaced', stepUp: 'sms' }),
    ]);
  });

  it('shows the pending URI again for its QR code', async () => {
    const secret = await pendingSecret(world);

    expect(secretOf((await pendingTotpUri(world.deps, 'alice'))!)).toBe(secret);
  });

  it('lets the user prefer any active factor, and only those', async () => {
    await pendingSecret(world);
    expect(await setPreferredFactor(world.deps, 'alice', 'totp')).toBe('not-usable');
    expect(await setPreferredFactor(world.deps, 'alice', 'aws-mfa')).toBe('not-usable');
    expect(await setPreferredFactor(world.deps, 'carol', 'sms')).toBe('unknown-user');

    expect(await setPreferredFactor(world.deps, 'alice', 'email')).toBe('set');
    expect((await listFactors(world.deps, 'alice'))?.preferred).toBe('email');
  });

  it('counts activation attempts against the attempt limit', async () => {
    await pendingSecret(world);
    for (let i = 0; i < 5; i++) expect(await activateTotp(world.deps, 'alice', '000000')).not.toBe('attempt-limit');

    expect(await activateTotp(world.deps, 'alice', '000000')).toBe('attempt-limit');
  });
});
