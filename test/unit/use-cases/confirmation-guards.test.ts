/** Guards that only a race or an odd input would show: each test pins one. */
import type { Challenge } from '../../../functions/domain/challenge';
import { TaskTokenError } from '../../../functions/domain/errors';
import { emptyFactorRecord, usableFactors } from '../../../functions/domain/factor-enrollment';
import { parseFactorPolicy } from '../../../functions/domain/factor-policy';
import { totpCode } from '../../../functions/domain/totp';
import { codeChecker } from '../../../functions/use-cases/check-code';
import { activateTotp, startTotpEnrollment } from '../../../functions/use-cases/enroll-totp';
import { failTask, issueChallenge } from '../../../functions/use-cases/issue-challenge';
import { linkMfaDevice, setPreferredFactor } from '../../../functions/use-cases/manage-factors';
import { submitCode } from '../../../functions/use-cases/submit-code';
import { takeOutcomeNotice } from '../../../functions/use-cases/take-outcome-notice';
import { requestedCommand, smsStepUp } from '../../support/fakes/device-factor-world';
import { ALICE, fakeWorld, type FakeWorld } from '../../support/fakes/fake-deps';
import { secretOf } from '../../support/otpauth';

const SERIAL = 'arn:aws:iam::123456789012:mfa/alice';

async function withMfaDevice(world: FakeWorld): Promise<void> {
  const device = { serialNumber: SERIAL, credentialsSecretId: 'voicegate/mfa/alice' };
  await linkMfaDevice(world.deps, 'alice', await smsStepUp(world), async () => ({ device }));
  await setPreferredFactor(world.deps, 'alice', 'aws-mfa');
}

describe('codeChecker', () => {
  it("checks a device code again for a command that replaced the one it matched (no verdict borrowed across commands)", async () => {
    const world = fakeWorld();
    await withMfaDevice(world);
    await requestedCommand(world);
    const first = (await world.challenges.get('alice'))!;
    const replacing: Challenge = { ...first, commandId: 'cmd-replacing' };
    world.mfaDevices.shows(SERIAL, '123456');
    const check = codeChecker(world.deps, 'alice', '123456');

    expect(await check(first)).toBe('match');
    expect(await check(replacing)).toBe('no-match');
    expect(world.mfaDevices.checked).toHaveLength(2);
  });
});

describe('activateTotp', () => {
  it('does not activate an enrollment started after the one the code proved', async () => {
    const world = fakeWorld();
    const started = await startTotpEnrollment(world.deps, 'alice', await smsStepUp(world));
    if (started.kind !== 'pending') throw new Error('no enrollment');
    const code = totpCode(secretOf(started.otpauthUri), world.clock.now());
    // A second enrollment lands while the first one's code is being checked.
    const claim = world.factors.claimTotpStep.bind(world.factors);
    world.factors.claimTotpStep = async (ownerId, step) => {
      await startTotpEnrollment(world.deps, 'alice', await smsStepUp(world));
      return claim(ownerId, step);
    };

    expect(await activateTotp(world.deps, 'alice', code)).toBe('nothing-pending');
    const record = await world.factors.get('alice');
    expect(record?.totp).toBeUndefined();
    expect(record?.pendingTotp).toBeDefined();
  });
});

describe('parseFactorPolicy', () => {
  it.each([['"totp"', 'totp'], ['null', null], ['a number', 7]])('refuses a policy that is not an object (%s) instead of falling back to the default', (_name, value) => {
    expect(() => parseFactorPolicy(value)).toThrow(/factor policy must be an object/);
  });
});

describe('usableFactors', () => {
  it('counts SMS and e-mail only for a user who has a phone number and an address', () => {
    expect(usableFactors({ phone: '', email: '' }, undefined)).toEqual([]);
    expect(usableFactors({ phone: '+15555550101', email: '' }, emptyFactorRecord('alice'))).toEqual(['sms']);
    expect(usableFactors({ phone: '', email: 'alice@example.com' }, undefined)).toEqual(['email']);
  });
});

describe('issueChallenge', () => {
  it('a retried send-code step for the same command does not fail its own workflow', async () => {
    const world = fakeWorld();
    const command = { commandId: 'cmd-retried', userId: 'alice', action: 'start' as const, target: 'splunk', policyTarget: 'splunk', instanceId: 'i-0123456789abcdef0', requestedAt: '2026-01-01T00:00:00.000Z' };
    const { executionId } = await world.workflow.start({ command });
    const request = { command, executionId, taskToken: world.workflow.tokenOf(executionId) };

    await issueChallenge(world.deps, request);
    await issueChallenge(world.deps, request);

    expect(await world.workflow.describe(executionId)).toEqual({ executionId, status: 'RUNNING' });
  });
});

describe('failTask', () => {
  it('ignores a token that already finished, but lets any other failure through', async () => {
    const world = fakeWorld();
    await requestedCommand(world);
    const challenge = (await world.challenges.get('alice'))!;
    const outage = Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
    world.workflow.sendTaskFailure = async () => {
      throw new TaskTokenError('TaskTimedOut', 'Task Timed Out');
    };
    await expect(failTask(world.deps, challenge, 'CommandSuperseded', 'x')).resolves.toBeUndefined();

    world.workflow.sendTaskFailure = async () => {
      throw outage;
    };
    await expect(failTask(world.deps, challenge, 'CommandSuperseded', 'x')).rejects.toBe(outage);
  });
});

describe('submitCode', () => {
  it('passes on a workflow outage after a right code instead of calling the command expired', async () => {
    const world = fakeWorld();
    world.codes.push('482913');
    await requestedCommand(world);
    const outage = Object.assign(new Error('service unavailable'), { name: 'ServiceUnavailable' });
    world.workflow.sendTaskSuccess = async () => {
      throw outage;
    };

    await expect(submitCode(world.deps, 'alice', '482913')).rejects.toBe(outage);
  });

  it('does not check (nor use up) a device code once the command was already verified', async () => {
    const world = fakeWorld();
    await withMfaDevice(world);
    await requestedCommand(world);
    world.mfaDevices.shows(SERIAL, '123456');
    expect(await submitCode(world.deps, 'alice', '123456')).toMatchObject({ kind: 'accepted' });

    expect(await submitCode(world.deps, 'alice', '654321')).toEqual({ kind: 'nothing-pending' });
    expect(world.mfaDevices.checked).toHaveLength(1);
  });
});

describe('takeOutcomeNotice', () => {
  async function verifiedUnderWay(world: FakeWorld) {
    world.codes.push('482913');
    const { executionId } = await requestedCommand(world);
    const challenge = (await world.challenges.get('alice'))!;
    await world.challenges.save({ ...challenge, status: 'verified', awaitingOutcome: true, version: challenge.version + 1 }, challenge.version);
    return { executionId, token: world.workflow.tokenOf(executionId) };
  }

  it('tells nothing while the action is still under way, then its outcome once', async () => {
    const world = fakeWorld();
    const { token } = await verifiedUnderWay(world);

    expect(await takeOutcomeNotice(world.deps, 'alice')).toBeUndefined();
    await world.workflow.sendTaskSuccess(token, {});

    expect(await takeOutcomeNotice(world.deps, 'alice')).toEqual({ action: 'start', target: 'splunk', succeeded: true });
    expect(await takeOutcomeNotice(world.deps, 'alice')).toBeUndefined();
  });

  it('tells a failed action as failed', async () => {
    const world = fakeWorld();
    const { token } = await verifiedUnderWay(world);
    await world.workflow.sendTaskFailure(token, 'ActionFailed');

    expect(await takeOutcomeNotice(world.deps, 'alice')).toEqual({ action: 'start', target: 'splunk', succeeded: false });
  });

  it('tells nothing when no outcome is awaited', async () => {
    const world = fakeWorld();
    await requestedCommand(world);

    expect(await takeOutcomeNotice(world.deps, ALICE.userId)).toBeUndefined();
  });
});
