import { changeDevice } from '../../../functions/use-cases/change-device';
import { checkDeviceCode, codeChecker } from '../../../functions/use-cases/check-code';
import { deviceStatus } from '../../../functions/use-cases/device-status';
import { listFactors } from '../../../functions/use-cases/manage-factors';
import { resendCode } from '../../../functions/use-cases/resend-code';
import { verifyCommand } from '../../../functions/use-cases/verify-command';
import { waitUntil } from '../../../functions/use-cases/wait-until';
import { totpCode } from '../../../functions/domain/totp';
import type { DeviceGateway } from '../../../functions/ports/device-gateway';
import { enrolledAuthenticator, requestedCommand } from '../../support/fakes/device-factor-world';
import { FakeClock } from '../../support/fake-clock';
import { ALICE, SPLUNK, fakeWorld, type FakeWorld } from '../../support/fakes/fake-deps';
import { BOBS_GARAGE, FRONT_DOOR, unlockFrontDoor } from '../../support/fakes/in-memory-devices';

let world: FakeWorld;
beforeEach(() => {
  world = fakeWorld({ deviceResponseWaitMs: 40 });
});

describe('authenticator and MFA-device codes (checkDeviceCode)', () => {
  it('tells a right authenticator code, the same code again, and a wrong one apart', async () => {
    const secret = await enrolledAuthenticator(world);
    const code = totpCode(secret, world.clock.now());
    const wrong = code === '000000' ? '111111' : '000000';

    expect(await checkDeviceCode(world.deps, ALICE.userId, 'totp', code)).toBe('match');
    expect(await checkDeviceCode(world.deps, ALICE.userId, 'totp', code)).toBe('replayed');
    expect(await checkDeviceCode(world.deps, ALICE.userId, 'totp', wrong)).toBe('no-match');
  });

  it('counts an MFA-device code as wrong for a user whose factor record is gone', async () => {
    expect(await checkDeviceCode(world.deps, ALICE.userId, 'aws-mfa', '123456')).toBe('no-match');
  });

  it('counts an authenticator code as wrong for a user who never activated an app', async () => {
    expect(await checkDeviceCode(world.deps, ALICE.userId, 'totp', '123456')).toBe('no-match');
  });
});

describe('texted and e-mailed codes (codeChecker)', () => {
  it("matches the code sent for the challenge's command, and no other", async () => {
    await requestedCommand(world);
    const challenge = (await world.challenges.get(ALICE.userId))!;
    const sent = world.outbox.lastCodeTo(ALICE.phone);
    const wrong = sent === '000000' ? '111111' : '000000';

    expect(await codeChecker(world.deps, ALICE.userId, sent)(challenge)).toBe('match');
    expect(await codeChecker(world.deps, ALICE.userId, wrong)(challenge)).toBe('no-match');
    expect(await codeChecker(world.deps, ALICE.userId, undefined)(challenge)).toBe('no-match');
  });
});

describe('verifyCommand names the reason for each refusal', () => {
  const startSplunk = { commandId: 'cmd-v', userId: 'alice', action: 'start' as const, target: 'splunk', policyTarget: 'splunk', requestedAt: '' };

  it('an alias no instance carries', async () => {
    const command = { ...startSplunk, target: 'mainframe', policyTarget: 'mainframe', instanceId: SPLUNK.instanceId };

    expect(await verifyCommand(world.deps, command)).toEqual({ ok: false, reason: 'the instance does not carry that alias' });
  });

  it("another user's device, even when a directory wrongly lists it for this user (S11)", async () => {
    const deviceDirectory = { ownedBy: async () => [BOBS_GARAGE], add: async () => false };
    const command = { ...unlockFrontDoor(), action: 'open' as const, thingName: BOBS_GARAGE.thingName, deviceType: 'garage door' as const };

    expect(await verifyCommand({ ...world.deps, deviceDirectory }, { ...command, target: 'garage door', policyTarget: 'garage door' })).toEqual({
      ok: false,
      reason: 'the user does not own that device',
    });
  });

  it("accepts a user's own device even though their instance targets do not name it (devices are theirs by ownership)", async () => {
    const openBobsGarage = { ...unlockFrontDoor('bob'), action: 'open' as const, thingName: BOBS_GARAGE.thingName, deviceType: 'garage door' as const };

    expect(await verifyCommand(world.deps, { ...openBobsGarage, target: 'the garage door', policyTarget: 'garage door' })).toMatchObject({
      ok: true,
      policyTarget: 'garage door',
    });
  });

  it('a device named otherwise than the command says', async () => {
    expect(await verifyCommand(world.deps, { ...unlockFrontDoor(), target: 'the 3D printer' })).toEqual({
      ok: false,
      reason: 'the device is not the one named',
    });
  });
});

describe('deviceStatus', () => {
  it('says only which device it is when its shadow holds no report yet', async () => {
    const devices: DeviceGateway = { read: async () => undefined, setDesired: async () => undefined };

    expect(await deviceStatus({ ...world.deps, devices }, ALICE, 'front door')).toStrictEqual({ kind: 'status', device: FRONT_DOOR });
  });
});

describe('changeDevice', () => {
  it('counts a device that acted just as its request was withdrawn as done', async () => {
    world.devices.offline.add(FRONT_DOOR.thingName);
    const devices: DeviceGateway = {
      read: (thingName) => world.devices.read(thingName),
      async setDesired(thingName, property, value) {
        if (value === null) await world.devices.report(thingName, { [property]: 'unlocked' });
        await world.devices.setDesired(thingName, property, value);
      },
    };

    expect(await changeDevice({ ...world.deps, devices }, unlockFrontDoor())).toBe('unlocked');
  });
});

describe('listFactors', () => {
  it('knows nothing of an unknown user, and lists the factors of a known one', async () => {
    expect(await listFactors(world.deps, 'mallory')).toBeUndefined();
    expect(await listFactors(world.deps, ALICE.userId)).toMatchObject({ preferred: 'sms' });
  });
});

describe('resendCode', () => {
  it('sends again on the channel the code went to even when the policy no longer lists it: only a switch needs the policy', async () => {
    await requestedCommand(world);
    world.settings.factorPolicy = { ...world.settings.factorPolicy, targets: { splunk: ['email'] } };

    expect(await resendCode(world.deps, ALICE.userId)).toMatchObject({ kind: 'sent', channel: 'sms' });
  });
});

describe('waitUntil', () => {
  it('reads once more when the next read falls exactly on the deadline', async () => {
    const clock = new FakeClock(0);
    const readAt: number[] = [];

    await waitUntil(async () => void readAt.push(clock.now()), 10, { firstIntervalMs: 10, maxIntervalMs: 10 }, clock);

    expect(readAt).toEqual([0, 10]);
  });
});
