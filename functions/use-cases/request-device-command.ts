import { randomUUID } from 'node:crypto';
import type { DeviceCommand } from '../domain/command';
import { actionsOf, desiredStateFor, findOwnDevice, spokenDevice, type Device, type DeviceAction } from '../domain/device';
import type { User } from '../domain/user';
import type { Deps } from './deps';
import { confirmCommand, type RequestOutcome } from './request-command';

export type DeviceRequestOutcome = { kind: 'unknown-device' } | { kind: 'unsupported-action'; device: Device; supported: DeviceAction[] } | RequestOutcome;

type DeviceRequestDeps = Pick<
  Deps,
  'deviceDirectory' | 'sendLimiter' | 'attemptLimiter' | 'factors' | 'workflow' | 'challenges' | 'audit' | 'clock' | 'settings'
>;

/**
 * "unlock the front door": a desired-state update of one of the user's own things, confirmed
 * like any sensitive command. Only the user's devices are looked at, so another user's device
 * name gets the same answer as a name nobody uses, and no code is sent.
 */
export async function requestDeviceCommand(deps: DeviceRequestDeps, user: User, action: DeviceAction, spokenName: string): Promise<DeviceRequestOutcome> {
  const device = findOwnDevice(await deps.deviceDirectory.ownedBy(user.userId), spokenName);
  if (!device) return { kind: 'unknown-device' };
  if (!desiredStateFor(device.type, action)) return { kind: 'unsupported-action', device, supported: actionsOf(device.type) };
  const command: DeviceCommand = {
    kind: 'device',
    commandId: randomUUID(),
    userId: user.userId,
    action,
    target: spokenDevice(device.name),
    policyTarget: device.name,
    thingName: device.thingName,
    deviceType: device.type,
    requestedAt: new Date(deps.clock.now()).toISOString(),
  };
  return confirmCommand(deps, user, command);
}
