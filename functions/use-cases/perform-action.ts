import { confirmationAge, verifiesCommand } from '../domain/challenge';
import { isDeviceCommand, resourceOf, type Command } from '../domain/command';
import { ActionFailureReasons, WorkflowError, WorkflowErrors } from '../domain/errors';
import { DeviceThrottledError } from '../ports/device-gateway';
import { InstanceStateError, InstanceThrottledError } from '../ports/instance-gateway';
import { changeDevice, DeviceDidNotRespondError } from './change-device';
import type { Deps } from './deps';
import { verifyCommand } from './verify-command';

export interface PerformActionRequest {
  /** The execution's command: a claim, checked against the stores before anything happens. */
  command: Command;
}

export interface PerformActionResult {
  /** The target's state after the action: EC2's state name, or the state the device reported. */
  instanceState: string;
  alreadyPerformed: boolean;
}

export type PerformActionDeps = Pick<Deps, 'users' | 'challenges' | 'instances' | 'devices' | 'deviceDirectory' | 'ledger' | 'clock' | 'settings'>;

/**
 * The workflow's "perform action" step, for instances and devices alike. It acts only on a
 * verification VoiceGate recorded for exactly this user, command and target, and only on what
 * the stores say the user may control (CommandRefused otherwise: nothing is touched). S14: at
 * most once per command (a redrive finds it performed), never on a confirmation older than
 * the configured age, timed by the stored verification. Throttling is thrown as
 * ActionThrottled for the workflow's Retry; anything else as one of ActionFailureReasons.
 */
export async function performAction(deps: PerformActionDeps, request: PerformActionRequest): Promise<PerformActionResult> {
  const { command } = request;
  // Both checks read at once (a round trip fewer on a cold start); they answer in this order.
  const verification = storedVerificationTime(deps, command);
  const commandCheck = verifyCommand(deps, command);
  commandCheck.catch(() => undefined); // a missing verification below leaves it unawaited
  const verifiedAt = await verification;
  const check = await commandCheck;
  if (!check.ok) throw new WorkflowError(WorkflowErrors.commandRefused, check.reason);
  const now = deps.clock.now();
  const age = confirmationAge(verifiedAt, now);
  if (age === undefined || age > deps.settings.maxConfirmationAgeMs) {
    throw new WorkflowError(ActionFailureReasons.confirmationTooOld, 'the confirmation is too old');
  }
  if (!(await deps.ledger.claim(command.commandId, now))) {
    if ((await deps.ledger.status(command.commandId)) === 'performed') {
      return { instanceState: 'unchanged', alreadyPerformed: true };
    }
    throw new WorkflowError(ActionFailureReasons.inProgress, 'another attempt holds this action');
  }
  try {
    const instanceState = isDeviceCommand(command) ? await changeDevice(deps, command) : await deps.instances.perform(command.action, command.instanceId);
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

/** When the user's code was verified for exactly this command, from the challenge store. */
async function storedVerificationTime(deps: Pick<Deps, 'challenges'>, command: Command): Promise<number> {
  const challenge = await deps.challenges.get(command.userId);
  if (!verifiesCommand(challenge, { ...command, resource: resourceOf(command) })) {
    throw new WorkflowError(WorkflowErrors.commandRefused, 'no verified code for this command');
  }
  return challenge.verifiedAt;
}
