import { parsePerformActionPayload } from '../../../functions/handlers/workflow-payloads';
import { deviceStatus } from '../../../functions/use-cases/device-status';
import { performAction } from '../../../functions/use-cases/perform-action';
import { requestDeviceCommand } from '../../../functions/use-cases/request-device-command';
import { ALICE, BOB, fakeWorld, type FakeWorld } from '../../support/fakes/fake-deps';
import { PRINTER, unlockFrontDoor as aliceUnlocksFrontDoor } from '../../support/fakes/in-memory-devices';
import { storeVerifiedChallenge } from '../../support/verified-challenge';

const unlockFrontDoor = aliceUnlocksFrontDoor();

describe('device commands', () => {
  let world: FakeWorld;
  beforeEach(() => {
    world = fakeWorld({ deviceResponseWaitMs: 40 });
  });

  describe('requestDeviceCommand', () => {
    it("starts a confirmation for the user's own device, naming it as spoken", async () => {
      const outcome = await requestDeviceCommand(world.deps, ALICE, 'start', 'the 3d Printer');

      expect(outcome).toMatchObject({
        command: { kind: 'device', action: 'start', target: 'the 3D printer', thingName: PRINTER.thingName, deviceType: 'printer', userId: 'alice' },
      });
      expect(world.devices.requested).toEqual([]); // nothing happens before the code is spoken
    });

    it("does not find another user's device, sends nothing and starts nothing", async () => {
      const outcome = await requestDeviceCommand(world.deps, BOB, 'unlock', 'front door');

      expect(outcome).toEqual({ kind: 'unknown-device' });
      expect(world.outbox.messages).toEqual([]);
      expect(world.audit.events).toEqual([]);
    });

    it('refuses an action the device type does not have', async () => {
      const outcome = await requestDeviceCommand(world.deps, ALICE, 'open', 'front door');

      expect(outcome).toMatchObject({ kind: 'unsupported-action', supported: ['lock', 'unlock'] });
    });
  });

  describe('deviceStatus (read-only: never a code)', () => {
    it('reads the reported state and when it was reported', async () => {
      const outcome = await deviceStatus(world.deps, ALICE, 'front door');

      expect(outcome).toMatchObject({ kind: 'status', state: 'locked', lastReportAt: world.clock.now() });
      expect(world.outbox.messages).toEqual([]);
    });

    it("does not read another user's device", async () => {
      expect(await deviceStatus(world.deps, BOB, 'front door')).toEqual({ kind: 'unknown-device' });
    });
  });

  describe('performAction for a device', () => {
    beforeEach(async () => {
      await storeVerifiedChallenge(world.deps, unlockFrontDoor, world.clock.now());
    });

    it('sets the desired state and succeeds once the device reports it', async () => {
      const result = await performAction(world.deps, { command: unlockFrontDoor });

      expect(result).toEqual({ instanceState: 'unlocked', alreadyPerformed: false });
      expect(world.devices.requested).toEqual([{ thingName: 'front-door', property: 'lock', value: 'unlocked' }]);
      expect(await world.ledger.status('cmd-door')).toBe('performed');
    });

    it('fails as "did not respond" after the bounded wait, and withdraws the request', async () => {
      world.devices.offline.add('front-door');

      await expect(performAction(world.deps, { command: unlockFrontDoor })).rejects.toMatchObject({ name: 'DeviceDidNotRespond' });
      expect(world.devices.requested.map((request) => request.value)).toEqual(['unlocked', null]);
      expect((await world.devices.read('front-door'))?.desired).toEqual({});
      expect(await world.ledger.status('cmd-door')).toBe('failed');
    });

    it('round-trips through the workflow payload', () => {
      expect(parsePerformActionPayload({ command: unlockFrontDoor, verifiedAt: 5 }).command).toEqual(unlockFrontDoor);
      expect(() => parsePerformActionPayload({ command: { ...unlockFrontDoor, thingName: 'a/b' }, verifiedAt: 5 })).toThrow(/thingName/);
      expect(() => parsePerformActionPayload({ command: { ...unlockFrontDoor, action: 'reboot' }, verifiedAt: 5 })).toThrow(/device action/);
      expect(() => parsePerformActionPayload({ command: { ...unlockFrontDoor, deviceType: 'toaster' }, verifiedAt: 5 })).toThrow(/device type/);
    });
  });
});
