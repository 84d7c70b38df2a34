import { DEVICE_CATALOGUE, type Device } from '../../../functions/domain/device';
import type { LocalThingRegistry } from './registry/thing-registry';
import type { ShadowService } from './shadow/shadow-service';

/** docs/local-api.md's seeded devices: alice's front door (a lock, locked) and 3D printer (idle). */
export const SEED_DEVICES: Device[] = [
  { thingName: 'front-door', name: 'front door', owner: 'alice', type: 'lock' },
  { thingName: '3d-printer', name: '3D printer', owner: 'alice', type: 'printer' },
];

/** Creates the seeded things that are missing, each with its initial reported state. */
export async function seedDevices(registry: LocalThingRegistry, shadows: ShadowService): Promise<void> {
  for (const device of SEED_DEVICES) {
    if (!(await registry.add(device))) continue;
    const { property, initial } = DEVICE_CATALOGUE[device.type];
    await shadows.update(device.thingName, JSON.stringify({ state: { reported: { [property]: initial } } }));
  }
}
