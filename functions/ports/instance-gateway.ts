import type { InstanceAction } from '../domain/command';
import type { Instance } from '../domain/instance';

/** Thrown by adapters when the provider asks us to slow down; the workflow retries it. */
export class InstanceThrottledError extends Error {
  override name = 'InstanceThrottledError';
}

/** The instance's state does not allow the action (EC2's IncorrectInstanceState): it changed since the command. */
export class InstanceStateError extends Error {
  override name = 'IncorrectInstanceState';
}

/** The EC2 fleet VoiceGate may touch: only instances carrying the alias tag. */
export interface InstanceGateway {
  list(): Promise<Instance[]>;
  /** Starts, stops or reboots; resolves with the instance's state right after the call. */
  perform(action: InstanceAction, instanceId: string): Promise<string>;
}
