import type { InstanceAction } from '../domain/command';
import type { Instance, InstanceAlias } from '../domain/instance';

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
  /** Every tagged instance with its state, in instance-id order (what the user is told). */
  list(): Promise<Instance[]>;
  /**
   * The same instances, in the same order, without their state: all that checking a command
   * needs. EC2 answers it from the tags alone (DescribeTags), a fraction of DescribeInstances'
   * answer, so the workflow's checks parse less and load less of the EC2 client.
   */
  listAliases(): Promise<InstanceAlias[]>;
  /** Starts, stops or reboots; resolves with the instance's state right after the call. */
  perform(action: InstanceAction, instanceId: string): Promise<string>;
}
