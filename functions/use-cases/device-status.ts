import { findOwnDevice, reportedStateOf, type Device } from '../domain/device';
import type { User } from '../domain/user';
import type { Deps } from './deps';

export type DeviceStatusOutcome = { kind: 'unknown-device' } | { kind: 'status'; device: Device; state?: string; lastReportAt?: number };

/** "what is the status of the front door": reads the shadow's reported state; read-only, so never a code. */
export async function deviceStatus(deps: Pick<Deps, 'deviceDirectory' | 'devices'>, user: User, spokenName: string): Promise<DeviceStatusOutcome> {
  const device = findOwnDevice(await deps.deviceDirectory.ownedBy(user.userId), spokenName);
  if (!device) return { kind: 'unknown-device' };
  const shadow = await deps.devices.read(device.thingName);
  const state = shadow && reportedStateOf(device.type, shadow.reported);
  return { kind: 'status', device, ...(state !== undefined && { state }), ...(shadow?.lastReportAt !== undefined && { lastReportAt: shadow.lastReportAt }) };
}
