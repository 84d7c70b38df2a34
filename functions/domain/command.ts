/** A sensitive command a user asked for by voice, and the words used to talk about it. */
export const INSTANCE_ACTIONS = ['start', 'stop', 'reboot'] as const;
export type InstanceAction = (typeof INSTANCE_ACTIONS)[number];

export interface Command {
  commandId: string;
  userId: string;
  action: InstanceAction;
  /** The alias the user spoke ("splunk"). */
  target: string;
  instanceId: string;
  requestedAt: string;
  /** Set when an operator replays an earlier execution. */
  replayOf?: string;
}

const PROGRESSIVE: Record<InstanceAction, string> = { start: 'starting', stop: 'stopping', reboot: 'rebooting' };
const PAST: Record<InstanceAction, string> = { start: 'started', stop: 'stopped', reboot: 'rebooted' };

/** "starting splunk" */
export function describeInProgress(action: InstanceAction, target: string): string {
  return `${PROGRESSIVE[action]} ${target}`;
}

/** "started splunk" */
export function describeDone(action: InstanceAction, target: string): string {
  return `${PAST[action]} ${target}`;
}

export function isInstanceAction(value: string): value is InstanceAction {
  return (INSTANCE_ACTIONS as readonly string[]).includes(value);
}
