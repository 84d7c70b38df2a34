/**
 * In-memory devices for use-case tests: a directory of who owns what, and shadows whose
 * devices answer a desired change (or stay silent when `offline`).
 */
import type { DeviceCommand } from '../../../functions/domain/command';
import { DEVICE_CATALOGUE, type Device } from '../../../functions/domain/device';
import type { DeviceDirectory } from '../../../functions/ports/device-directory';
import type { DeviceGateway, DeviceShadow } from '../../../functions/ports/device-gateway';
import type { Clock } from '../../../functions/ports/clock';
import { tick } from './in-memory-stores';

export const FRONT_DOOR: Device = { thingName: 'front-door', name: 'front door', owner: 'alice', type: 'lock' };
export const PRINTER: Device = { thingName: '3d-printer', name: '3D printer', owner: 'alice', type: 'printer' };
export const BOBS_GARAGE: Device = { thingName: 'bobs-garage', name: 'garage door', owner: 'bob', type: 'garage door' };

/** "unlock the front door" as the workflow carries it; `userId` other than alice makes it a forgery. */
export function unlockFrontDoor(userId = 'alice', commandId = 'cmd-door'): DeviceCommand {
  return {
    kind: 'device',
    commandId,
    userId,
    action: 'unlock',
    target: 'the front door',
    policyTarget: 'front door',
    thingName: FRONT_DOOR.thingName,
    deviceType: 'lock',
    requestedAt: '2026-01-01T00:00:00.000Z',
  };
}

export class InMemoryDevices implements DeviceGateway, DeviceDirectory {
  private readonly devices: Device[] = [];
  private readonly shadows = new Map<string, DeviceShadow>();
  /** Things whose device never reports. */
  readonly offline = new Set<string>();
  /** Every desired change asked for, in order. */
  readonly requested: { thingName: string; property: string; value: string | null }[] = [];

  constructor(
    private readonly clock: Clock,
    devices: Device[] = [],
  ) {
    for (const device of devices) this.register(device);
  }

  /** A device that reported its type's initial state. */
  register(device: Device): void {
    this.devices.push(device);
    const { property, initial } = DEVICE_CATALOGUE[device.type];
    this.shadows.set(device.thingName, { desired: {}, reported: { [property]: initial }, lastReportAt: this.clock.now(), version: 1 });
  }

  async ownedBy(userId: string): Promise<Device[]> {
    await tick();
    return this.devices.filter((device) => device.owner === userId).map((device) => ({ ...device }));
  }

  async add(device: Device): Promise<boolean> {
    await tick();
    if (this.devices.some((known) => known.owner === device.owner && known.thingName === device.thingName)) return false;
    this.register(device);
    return true;
  }

  async setDesired(thingName: string, property: string, value: string | null): Promise<void> {
    await tick();
    this.requested.push({ thingName, property, value });
    const shadow = this.shadows.get(thingName) ?? { desired: {}, reported: {}, version: 0 };
    const desired = { ...shadow.desired };
    if (value === null) delete desired[property];
    else desired[property] = value;
    const answered = value !== null && !this.offline.has(thingName);
    this.shadows.set(thingName, {
      desired,
      reported: answered ? { ...shadow.reported, [property]: value } : shadow.reported,
      version: shadow.version + (answered ? 2 : 1),
      ...((answered || shadow.lastReportAt) && { lastReportAt: answered ? this.clock.now() : shadow.lastReportAt }),
    });
  }

  /** The device's own report (`{ state: { reported } }`): merged into what it reported before. */
  async report(thingName: string, reported: Record<string, unknown>): Promise<void> {
    await tick();
    const shadow = this.shadows.get(thingName) ?? { desired: {}, reported: {}, version: 0 };
    this.shadows.set(thingName, { ...shadow, reported: { ...shadow.reported, ...reported }, lastReportAt: this.clock.now(), version: shadow.version + 1 });
  }

  async read(thingName: string): Promise<DeviceShadow | undefined> {
    await tick();
    const shadow = this.shadows.get(thingName);
    return shadow && structuredClone(shadow);
  }
}
