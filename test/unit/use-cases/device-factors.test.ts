import { totpCode } from '../../../functions/domain/totp';
import { issueChallenge } from '../../../functions/use-cases/issue-challenge';
import { linkMfaDevice, setPreferredFactor } from '../../../functions/use-cases/manage-factors';
import { requestCommand } from '../../../functions/use-cases/request-command';
import { resendCode } from '../../../functions/use-cases/resend-code';
import { submitCode } from '../../../functions/use-cases/submit-code';
import { enrolledAuthenticator, requestedCommand, smsStepUp } from '../../support/fakes/device-factor-world';
import { ALICE, WEB, fakeWorld, type FakeWorld } from '../../support/fakes/fake-deps';

const STEP = 30_000;

/** A code the secret did not show at any of these moments (so it is wrong, not merely early). */
function wrongCode(secret: string, ...atMs: number[]): string {
  const shown = new Set(atMs.flatMap((at) => [-2, -1, 0, 1, 2].map((steps) => totpCode(secret, at + steps * STEP))));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, '0');
    if (!shown.has(candidate)) return candidate;
  }
}

describe('confirming with an authenticator app', () => {
  let world: FakeWorld;
  let secret: string;
  const now = () => world.clock.now();
  beforeEach(async () => {
    world = fakeWorld();
    secret = await enrolledAuthenticator(world);
    world.outbox.messages.splice(0); // the step-up text enrolling sent is not what these tests watch
  });

  it('sends nothing and stores a challenge without a code, expecting the app', async () => {
    const { command } = await requestedCommand(world);

    const challenge = await world.challenges.get('alice');
    expect(challenge).toMatchObject({ commandId: command.commandId, factor: 'totp', codeHash: '', status: 'pending', attemptsLeft: 3 });
    expect(world.outbox.messages).toEqual([]);
    expect(world.audit.detailTypes(command.commandId)).toEqual([]);
  });

  it('answers the command without naming any destination: no code went to a phone or an inbox', async () => {
    world.workflow.firstTask = (request) => issueChallenge(world.deps, request);

    const outcome = await requestCommand(world.deps, ALICE, 'start', 'splunk');

    expect(outcome).toMatchObject({ kind: 'code-sent', factor: 'totp', maskedDestination: '' });
    expect((await world.challenges.get('alice'))?.maskedDestination).toBe('');
  });

  it('accepts the code the app shows now and tells the workflow the factor (for "Code Verified")', async () => {
    const { executionId } = await requestedCommand(world);

    expect(await submitCode(world.deps, 'alice', totpCode(secret, now()))).toEqual({
      kind: 'accepted',
      result: 'succeeded',
      action: 'start',
      target: 'splunk',
    });
    expect(world.workflow.taskOutputOf(executionId)).toEqual({ factor: 'totp' });
    expect((await world.challenges.get('alice'))?.verifiedAt).toBe(now());
  });

  it('accepts one step of clock drift either way, not two', async () => {
    world.clock.advance(10 * STEP); // well past the step the activation code used up
    await requestedCommand(world);
    expect(await submitCode(world.deps, 'alice', totpCode(secret, now() - 2 * STEP))).toMatchObject({ kind: 'rejected' });
    expect(await submitCode(world.deps, 'alice', totpCode(secret, now() + 2 * STEP))).toMatchObject({ kind: 'rejected' });
    expect(await submitCode(world.deps, 'alice', totpCode(secret, now() - STEP))).toMatchObject({ kind: 'accepted' });

    world.clock.advance(5 * STEP);
    await requestedCommand(world);
    expect(await submitCode(world.deps, 'alice', totpCode(secret, now() + STEP))).toMatchObject({ kind: 'accepted' });
  });

  it('audits a reused code as rejected with reason CodeReused, and a wrong code without a reason', async () => {
    const code = totpCode(secret, now());
    await requestedCommand(world);
    await submitCode(world.deps, 'alice', code);
    const { command } = await requestedCommand(world, 'alice', WEB);

    await submitCode(world.deps, 'alice', code);
    await submitCode(world.deps, 'alice', wrongCode(secret, now()));

    const rejections = world.audit.events.filter((e) => e.detailType === 'Code Rejected' && e.detail.commandId === command.commandId);
    expect(rejections.map((e) => e.detail)).toEqual([
      expect.objectContaining({ reason: 'CodeReused', attemptsLeft: 2, factor: 'totp' }),
      expect.not.objectContaining({ reason: expect.anything() }),
    ]);
  });

  it('accepts a time step once: the same code cannot confirm a second command (replay)', async () => {
    const code = totpCode(secret, now());
    await requestedCommand(world);
    await submitCode(world.deps, 'alice', code);
    const second = await requestedCommand(world, 'alice', WEB);

    expect(await submitCode(world.deps, 'alice', code)).toMatchObject({ kind: 'reused', attemptsLeft: 2 });
    expect(await submitCode(world.deps, 'alice', totpCode(secret, now() - STEP))).toMatchObject({ kind: 'reused', attemptsLeft: 1 });
    world.clock.advance(STEP);
    expect(await submitCode(world.deps, 'alice', totpCode(secret, now()))).toMatchObject({ kind: 'accepted' });
    expect(world.workflow.taskOutputOf(second.executionId)).toMatchObject({ factor: 'totp' });
  });

  it('counts wrong codes and cancels after the third (S5); the audit names the factor, never a code or the secret', async () => {
    const { command, executionId } = await requestedCommand(world);
    const wrong = wrongCode(secret, now());

    expect(await submitCode(world.deps, 'alice', wrong)).toMatchObject({ kind: 'rejected', attemptsLeft: 2 });
    expect(await submitCode(world.deps, 'alice', wrong)).toMatchObject({ kind: 'rejected', attemptsLeft: 1 });
    expect(await submitCode(world.deps, 'alice', wrong)).toMatchObject({ kind: 'locked-out' });

    expect(await world.workflow.describe(executionId)).toMatchObject({ status: 'FAILED', error: 'TooManyAttempts' });
    const rejected = world.audit.events.filter((e) => e.detail.commandId === command.commandId);
    expect(rejected.map((e) => [e.detailType, e.detail.factor, e.detail.attemptsLeft])).toEqual([
      ['Code Rejected', 'totp', 2],
      ['Code Rejected', 'totp', 1],
      ['Code Rejected', 'totp', 0],
    ]);
    expect(JSON.stringify(world.audit.events)).not.toContain(wrong);
    expect(JSON.stringify(world.audit.events)).not.toContain(secret);
  });

  it('limits code attempts per user across commands like code sends (S8), without touching the SMS counters', async () => {
    // Activating the app is not a confirmation attempt: all five per 15 minutes are left.
    for (let i = 0; i < 5; i++) {
      await requestedCommand(world);
      expect(await submitCode(world.deps, 'alice', wrongCode(secret, now()))).toMatchObject({ kind: 'rejected' });
    }
    await requestedCommand(world);

    expect(await submitCode(world.deps, 'alice', totpCode(secret, now()))).toEqual({ kind: 'attempt-limit', retryInMinutes: 15 });
    expect((await world.challenges.get('alice'))?.attemptsLeft).toBe(3);
    expect(await requestCommand(world.deps, ALICE, 'start', 'splunk')).toEqual({ kind: 'attempt-limit', retryInMinutes: 15 });
    expect(await world.deps.sendLimiter.check('alice')).toEqual({ allowed: true });

    world.clock.advance(15 * 60_000);
    await requestedCommand(world);
    expect(await submitCode(world.deps, 'alice', totpCode(secret, now()))).toMatchObject({ kind: 'accepted' });
  });

  it('does not use up a code on an expired command', async () => {
    await requestedCommand(world);
    world.clock.advance(world.settings.codeTtlSeconds * 1000);
    const code = totpCode(secret, now());

    expect(await submitCode(world.deps, 'alice', code)).toEqual({ kind: 'expired' });
    await requestedCommand(world);
    expect(await submitCode(world.deps, 'alice', code)).toMatchObject({ kind: 'accepted' });
  });

  describe('"send the code again" / "send the code by text"', () => {
    it('has nothing to send again: the code is in the app', async () => {
      await requestedCommand(world);

      expect(await resendCode(world.deps, 'alice')).toEqual({ kind: 'device-code', factor: 'totp' });
      expect(world.outbox.messages).toEqual([]);
    });

    it('switches to a text message where the policy accepts it', async () => {
      const { executionId } = await requestedCommand(world);
      world.codes.push('482913');

      expect(await resendCode(world.deps, 'alice', 'sms')).toMatchObject({ kind: 'sent', channel: 'sms' });
      expect(world.outbox.lastCodeTo(ALICE.phone)).toBe('482913');
      expect(await submitCode(world.deps, 'alice', '482913')).toMatchObject({ kind: 'accepted' });
      expect(world.workflow.taskOutputOf(executionId)).toMatchObject({ factor: 'sms' });
    });

    it('refuses, naming what the action needs, where the policy does not accept it', async () => {
      world.settings.factorPolicy = { ...world.settings.factorPolicy, targets: { splunk: ['totp', 'aws-mfa'] }, emailEnabled: false };
      await requestedCommand(world);

      expect(await resendCode(world.deps, 'alice', 'sms')).toEqual({ kind: 'factor-refused', accepted: ['totp', 'aws-mfa'] });
      expect(await resendCode(world.deps, 'alice', 'email')).toEqual({ kind: 'factor-refused', accepted: ['totp', 'aws-mfa'] });
      expect(world.outbox.messages).toEqual([]);
      expect((await world.challenges.get('alice'))?.factor).toBe('totp');
    });
  });
});

describe('the per-action factor policy', () => {
  let world: FakeWorld;
  beforeEach(() => {
    world = fakeWorld({ deliveryWaitMs: 5 });
    world.settings.factorPolicy = { ...world.settings.factorPolicy, targets: { splunk: ['totp', 'aws-mfa'] } };
  });

  it('refuses a command the user has no accepted factor for, audited, with no workflow and nothing sent', async () => {
    expect(await requestCommand(world.deps, ALICE, 'start', 'splunk')).toEqual({ kind: 'factor-refused', accepted: ['totp', 'aws-mfa'] });

    expect(world.outbox.messages).toEqual([]);
    expect(world.audit.events).toHaveLength(1);
    expect(world.audit.events[0]).toMatchObject({
      detailType: 'Command Denied',
      detail: { userId: 'alice', action: 'start', target: 'splunk', reason: 'no enrolled factor the policy accepts', accepts: 'totp aws-mfa' },
    });
  });

  it("uses the policy's factor over the user's preference, and the preference where the policy allows it", async () => {
    await enrolledAuthenticator(world);
    await setPreferredFactor(world.deps, 'alice', 'sms');

    await requestedCommand(world);
    expect((await world.challenges.get('alice'))?.factor).toBe('totp');
    await requestedCommand(world, 'alice', WEB);
    expect((await world.challenges.get('alice'))?.factor).toBe('sms');
  });
});

describe('confirming with an AWS MFA device', () => {
  const SERIAL = 'arn:aws:iam::123456789012:mfa/alice';
  let world: FakeWorld;
  beforeEach(async () => {
    world = fakeWorld();
    const device = { serialNumber: SERIAL, credentialsSecretId: 'voicegate/mfa/alice' };
    await linkMfaDevice(world.deps, 'alice', await smsStepUp(world), async () => ({ device }));
    await setPreferredFactor(world.deps, 'alice', 'aws-mfa');
    world.outbox.messages.splice(0); // the step-up text linking sent is not what these tests watch
  });

  it('lets AWS check the code from the device and records the factor', async () => {
    const { executionId } = await requestedCommand(world);
    world.mfaDevices.shows(SERIAL, '123456');

    expect((await world.challenges.get('alice'))?.factor).toBe('aws-mfa');
    expect(world.outbox.messages).toEqual([]);
    expect(await submitCode(world.deps, 'alice', '123456')).toMatchObject({ kind: 'accepted' });
    expect(world.mfaDevices.checked).toEqual([{ serialNumber: SERIAL, code: '123456' }]);
    expect(world.workflow.taskOutputOf(executionId)).toMatchObject({ factor: 'aws-mfa' });
  });

  it('counts a code AWS refuses as a wrong attempt, and asks AWS only about well-formed codes', async () => {
    await requestedCommand(world);

    expect(await submitCode(world.deps, 'alice', '654321')).toMatchObject({ kind: 'rejected', attemptsLeft: 2 });
    expect(await submitCode(world.deps, 'alice', 'no code')).toMatchObject({ kind: 'rejected', attemptsLeft: 1 });
    expect(world.mfaDevices.checked.map((c) => c.code)).toEqual(['654321']);
  });

  it('asks AWS once per spoken code even when the write has to be retried', async () => {
    await requestedCommand(world);
    world.mfaDevices.shows(SERIAL, '123456');
    const challenges = world.deps.challenges;
    let lose = true;
    const racing = {
      ...challenges,
      get: (userId: string) => challenges.get(userId),
      save: async (next: Parameters<typeof challenges.save>[0], version: number) => {
        if (lose) {
          lose = false;
          const current = (await challenges.get(next.userId))!;
          await challenges.save({ ...current, version: current.version + 1 }, current.version);
        }
        return challenges.save(next, version);
      },
    };

    expect(await submitCode({ ...world.deps, challenges: racing }, 'alice', '123456')).toMatchObject({ kind: 'accepted' });
    expect(world.mfaDevices.checked).toHaveLength(1);
  });
});

describe('linking an MFA device', () => {
  const device = (serialNumber: string) => async () => ({ device: { serialNumber } });
  const factorChanges = (world: FakeWorld) => world.audit.events.filter((event) => event.detailType === 'Factor Changed').map((event) => event.detail);

  it('links an MFA device only for a known user with a proved step-up, and provisions nothing otherwise', async () => {
    const world = fakeWorld();
    let provisioned = 0;
    const provision = async () => {
      provisioned++;
      return { device: { serialNumber: 'GAHT00000003' } };
    };

    expect(await linkMfaDevice(world.deps, 'carol', await smsStepUp(world), provision)).toEqual({ kind: 'unknown-user' });
    expect(await linkMfaDevice(world.deps, 'alice', undefined, provision)).toMatchObject({ kind: 'step-up-refused' });
    expect(provisioned).toBe(0);
    expect((await world.factors.get('alice'))?.mfaDevice).toBeUndefined();

    expect(await linkMfaDevice(world.deps, 'alice', await smsStepUp(world), provision)).toEqual({
      kind: 'linked',
      provisioned: { device: { serialNumber: 'GAHT00000003' } },
    });
    expect(provisioned).toBe(1);
  });

  it('audits the first device as enrolled and a later one as replacing it, each with the step-up that allowed it', async () => {
    const world = fakeWorld();

    await linkMfaDevice(world.deps, 'alice', await smsStepUp(world), device('GAHT00000001'));
    await linkMfaDevice(world.deps, 'alice', await smsStepUp(world), device('GAHT00000002'));

    expect(factorChanges(world)).toEqual([
      expect.objectContaining({ userId: 'alice', factor: 'aws-mfa', change: 'enrolled', stepUp: 'sms' }),
      expect.objectContaining({ userId: 'alice', factor: 'aws-mfa', change: 'replaced', stepUp: 'sms' }),
    ]);
    expect((await world.factors.get('alice'))?.mfaDevice).toEqual({ serialNumber: 'GAHT00000002' });
  });
});
