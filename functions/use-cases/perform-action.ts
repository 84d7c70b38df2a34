import type { Command } from '../domain/command';
import { WorkflowError, WorkflowErrors } from '../domain/errors';
import { InstanceThrottledError } from '../ports/instance-gateway';
import type { Deps } from './deps';

export interface PerformActionRequest {
  command: Command;
  /** When the code was verified (epoch ms), from the workflow's state. */
  verifiedAt: number;
}

export interface PerformActionResult {
  instanceState: string;
  alreadyPerformed: boolean;
}

type PerformDeps = Pick<Deps, 'instances' | 'ledger' | 'clock' | 'settings'>;

/**
 * The workflow's "perform action" step. S14: at most once per command (a redrive finds
 * it performed), never on a confirmation older than the configured age. Throttling is
 * thrown as ActionThrottled for the workflow's Retry; anything else as ActionFailed.
 */
export async function performAction(deps: PerformDeps, request: PerformActionRequest): Promise<PerformActionResult> {
  const { command, verifiedAt } = request;
  const now = deps.clock.now();
  if (!(now - verifiedAt <= deps.settings.maxConfirmationAgeMs)) {
    throw new WorkflowError(WorkflowErrors.actionFailed, 'the confirmation is too old');
  }
  if (!(await deps.ledger.claim(command.commandId, now))) {
    if ((await deps.ledger.status(command.commandId)) === 'performed') {
      return { instanceState: 'unchanged', alreadyPerformed: true };
    }
    throw new WorkflowError(WorkflowErrors.actionFailed, 'another attempt holds this action');
  }
  try {
    const instanceState = await deps.instances.perform(command.action, command.instanceId);
    await deps.ledger.settle(command.commandId, 'performed');
    return { instanceState, alreadyPerformed: false };
  } catch (error) {
    const throttled = error instanceof InstanceThrottledError;
    await deps.ledger.settle(command.commandId, throttled ? 'released' : 'failed');
    if (throttled) throw new WorkflowError(WorkflowErrors.actionThrottled, 'the provider is throttling');
    throw new WorkflowError(WorkflowErrors.actionFailed, 'the instance could not be changed');
  }
}
