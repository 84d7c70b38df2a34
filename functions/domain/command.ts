/** A sensitive command a user asked for by voice, and the words used to talk about it. */
import type { DeviceAction, DeviceType } from './device';

export const INSTANCE_ACTIONS = ['start', 'stop', 'reboot'] as const;
export type InstanceAction = (typeof INSTANCE_ACTIONS)[number];
export type CommandAction = InstanceAction | DeviceAction;

interface CommandBase {
  commandId: string;
  userId: string;
  /** What the user spoke, as speech names it: the alias ("splunk") or the device ("the front door"). */
  target: string;
  /**
   * The name the factor policy is keyed by ("splunk", "front door"): the one target used to
   * choose the factor at request, send and resend. The workflow checks it against the stores.
   */
  policyTarget: string;
  requestedAt: string;
  /** Set when an operator replays an earlier execution. */
  replayOf?: string;
}

/** An EC2 action. `kind` is absent on commands made before devices existed. */
export interface InstanceCommand extends CommandBase {
  kind?: 'instance';
  action: InstanceAction;
  instanceId: string;
}

/** A desired-state update of the user's own IoT thing. */
export interface DeviceCommand extends CommandBase {
  kind: 'device';
  action: DeviceAction;
  thingName: string;
  deviceType: DeviceType;
}

export type Command = InstanceCommand | DeviceCommand;

export function isDeviceCommand(command: Command): command is DeviceCommand {
  return command.kind === 'device';
}

/**
 * An operator's replay: a copy of the stored command under a new id, so it needs a fresh
 * code and a fresh spoken confirmation; an old code can never act on it (S14).
 */
export function replayOfCommand(stored: Command, commandId: string, requestedAt: string, originalExecutionId: string): Command {
  return { ...stored, commandId, requestedAt, replayOf: originalExecutionId };
}

/** What the command acts on, as the provider names it: the instance id or the thing name. */
export function resourceOf(command: Command): string {
  return isDeviceCommand(command) ? command.thingName : command.instanceId;
}

const PROGRESSIVE: Record<CommandAction, string> = {
  start: 'starting',
  stop: 'stopping',
  reboot: 'rebooting',
  lock: 'locking',
  unlock: 'unlocking',
  open: 'opening',
  close: 'closing',
};
const PAST: Record<CommandAction, string> = {
  start: 'started',
  stop: 'stopped',
  reboot: 'rebooted',
  lock: 'locked',
  unlock: 'unlocked',
  open: 'opened',
  close: 'closed',
};
/** Actions that leave their target in a state worth naming ("the front door is unlocked"). */
const RESULTING_STATE: Partial<Record<CommandAction, string>> = { lock: 'locked', unlock: 'unlocked', open: 'open', close: 'closed' };

/** "starting splunk" */
export function describeInProgress(action: CommandAction, target: string): string {
  return `${PROGRESSIVE[action]} ${target}`;
}

/** "rebooted", as in "it can't be rebooted" */
export function pastParticiple(action: CommandAction): string {
  return PAST[action];
}

/** "started splunk" */
export function describeDone(action: CommandAction, target: string): string {
  return `${PAST[action]} ${target}`;
}

/** "I have started splunk", or for a door "the front door is unlocked". */
export function describeOutcome(action: CommandAction, target: string): string {
  const state = RESULTING_STATE[action];
  return state ? `${target} is ${state}` : `I have ${describeDone(action, target)}`;
}

export function isInstanceAction(value: string): value is InstanceAction {
  return (INSTANCE_ACTIONS as readonly string[]).includes(value);
}
