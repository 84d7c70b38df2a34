import type { Device } from '../../../functions/domain/device';
import type { DeviceDirectory } from '../../../functions/ports/device-directory';
import { freshPerTest, type MakeFixture } from './fixture';

const frontDoor: Device = { thingName: 'front-door', name: 'front door', owner: 'alice', type: 'lock' };
const printer: Device = { thingName: '3d-printer', name: '3D printer', owner: 'alice', type: 'printer' };
const garage: Device = { thingName: 'bobs-garage', name: 'garage door', owner: 'bob', type: 'garage door' };

export function deviceDirectoryContract(name: string, makeDirectory: MakeFixture<DeviceDirectory>): void {
  describe(`DeviceDirectory contract: ${name}`, () => {
    const directory = freshPerTest(makeDirectory);

    it('knows no devices for a user who has none', async () => {
      expect(await directory().ownedBy('alice')).toEqual([]);
    });

    it("returns each user's own devices and never anyone else's", async () => {
      for (const device of [frontDoor, garage, printer]) expect(await directory().add(device)).toBe(true);

      expect(sorted(await directory().ownedBy('alice'))).toEqual(sorted([frontDoor, printer]));
      expect(await directory().ownedBy('bob')).toEqual([garage]);
      expect(await directory().ownedBy('mallory')).toEqual([]);
    });

    it('refuses a second device with the same thing name for its owner and keeps the first', async () => {
      await directory().add(frontDoor);

      expect(await directory().add({ ...frontDoor, name: 'back door' })).toBe(false);
      expect(await directory().ownedBy('alice')).toEqual([frontDoor]);
    });
  });
}

function sorted(devices: Device[]): Device[] {
  return [...devices].sort((a, b) => a.thingName.localeCompare(b.thingName));
}
