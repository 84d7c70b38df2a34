import { isDeviceCommand, type Command, type DeviceCommand, type InstanceCommand } from '../domain/command';
import { spokenDevice } from '../domain/device';
import { sameAlias } from '../domain/instance';
import { mayControl, type User } from '../domain/user';
import type { Deps } from './deps';

export type CommandCheck = { ok: true; user: User; policyTarget: string } | { ok: false; reason: string; duplicateAlias?: number };

type VerifyDeps = Pick<Deps, 'users' | 'instances' | 'deviceDirectory'>;

/**
 * The workflow never trusts its input: anyone who can start an execution chooses it. Every
 * claim a command makes is checked against the stores: the user exists and may control the
 * target; the instance id is the one instance carrying exactly that alias tag; the thing
 * belongs to the user and is of that type; the policy target is the stores' name for it.
 */
export async function verifyCommand(deps: VerifyDeps, command: Command): Promise<CommandCheck> {
  // The target's store is read while the user is: on a cold start each read is a round trip
  // (and a client to load). Its verdict counts only once the user is known and allowed.
  const target = isDeviceCommand(command) ? verifyDevice(deps, command) : verifyInstance(deps, command);
  target.catch(() => undefined); // an early answer below leaves it unawaited
  const user = await deps.users.get(command.userId);
  if (!user) return { ok: false, reason: 'the user does not exist' };
  if (!isDeviceCommand(command) && !mayControl(user, command.target)) return { ok: false, reason: 'target not allowed by policy' };
  const check = await target;
  if (!check.ok) return check;
  if (command.policyTarget.toLowerCase() !== check.policyTarget.toLowerCase()) {
    return { ok: false, reason: 'the policy target does not name the command target' };
  }
  return { ok: true, user, policyTarget: check.policyTarget };
}

type TargetCheck = { ok: true; policyTarget: string } | { ok: false; reason: string; duplicateAlias?: number };

async function verifyInstance(deps: VerifyDeps, command: InstanceCommand): Promise<TargetCheck> {
  const namesakes = (await deps.instances.listAliases()).filter((instance) => sameAlias(instance.alias, command.target));
  if (namesakes.length > 1) return { ok: false, reason: 'duplicate alias', duplicateAlias: namesakes.length };
  const [instance] = namesakes;
  if (instance?.instanceId !== command.instanceId || instance.alias !== command.target) {
    return { ok: false, reason: 'the instance does not carry that alias' };
  }
  return { ok: true, policyTarget: instance.alias };
}

async function verifyDevice(deps: VerifyDeps, command: DeviceCommand): Promise<TargetCheck> {
  const device = (await deps.deviceDirectory.ownedBy(command.userId)).find((own) => own.thingName === command.thingName);
  if (!device || device.owner !== command.userId) return { ok: false, reason: 'the user does not own that device' };
  if (device.type !== command.deviceType || spokenDevice(device.name) !== command.target) {
    return { ok: false, reason: 'the device is not the one named' };
  }
  return { ok: true, policyTarget: device.name };
}
