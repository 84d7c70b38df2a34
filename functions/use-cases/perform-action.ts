import { isDeviceCommand, type Command } from '../domain/command';
import { ActionFailureReasons, WorkflowError, WorkflowErrors } from '../domain/errors';
import { DeviceThrottledError } from '../ports/device-gateway';
import { InstanceStateError, InstanceThrottledError } from '../ports/instance-gateway';
import { changeDevice, DeviceDidNotRespondError } from './change-device';
import type { Deps } from './deps';

export interface PerformActionRequest {
  command: Command;
  /** When the code was verified (epoch ms), from the workflow's state. */
  verifiedAt: number;
}

export interface PerformActionResult {
  /** The target's state after the action: EC2's state name, or the state the device reported. */
  instanceState: string;
  alreadyPerformed: boolean;
}

export type PerformActionDeps = Pick<Deps, 'instances' | 'devices' | 'ledger' | 'clock' | 'settings'>;

/**
 * The workflow's "perform action" step, for instances and devices alike. S14: at most once
 * per command (a redrive finds it performed), never on a confirmation older than the
 * configured age. Throttling is thrown as ActionThrottled for the workflow's Retry;
 * anything else as one of ActionFailureReasons.
 */
export async function performAction(deps: PerformActionDeps, request: PerformActionRequest): Promise<PerformActionResult> {
  const { command, verifiedAt } = request;
  const now = deps.clock.now();
  if (!(now - verifiedAt <= deps.settings.maxConfirmationAgeMs)) {
    throw new WorkflowError(ActionFailureReasons.confirmationTooOld, 'the confirmation is too old');
  }
  if (!(await deps.ledger.claim(command.commandId, now))) {
    if ((await deps.ledger.status(command.commandId)) === 'performed') {
      return { instanceState: 'unchanged', alreadyPerformed: true };
    }
    throw new WorkflowError(ActionFailureReasons.inProgress, 'another attempt holds this action');
  }
  try {
    const instanceState = isDeviceCommand(command)
      ? await changeDevice(deps, command)
      : await deps.instances.perform(command.action, command.instanceId);
    await deps.ledger.settle(command.commandId, 'performed');
    return { instanceState, alreadyPerformed: false };
  } catch (error) {
    const throttled = error instanceof InstanceThrottledError || error instanceof DeviceThrottledError;
    await deps.ledger.settle(command.commandId, throttled ? 'released' : 'failed');
    if (throttled) throw new WorkflowError(WorkflowErrors.actionThrottled, 'the provider is throttling');
    if (error instanceof DeviceDidNotRespondError) throw new WorkflowError(ActionFailureReasons.deviceSilent, error.message);
    if (error instanceof InstanceStateError) throw new WorkflowError(ActionFailureReasons.stateChanged, `${command.target} changed state`);
    throw new WorkflowError(ActionFailureReasons.providerRefused, `${command.target} could not be changed`);
  }
}
