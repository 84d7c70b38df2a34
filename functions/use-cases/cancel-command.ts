import type { CommandAction } from '../domain/command';
import { WorkflowErrors } from '../domain/errors';
import type { Deps } from './deps';
import { failTask } from './issue-challenge';

export type CancelOutcome = { kind: 'nothing-pending' } | { kind: 'cancelled'; action: CommandAction; target: string };

/** "cancel" while a code is pending: void the code and end the workflow as cancelled. */
export async function cancelCommand(deps: Pick<Deps, 'challenges' | 'workflow' | 'taskTokens'>, userId: string): Promise<CancelOutcome> {
  const challenge = await deps.challenges.get(userId);
  if (challenge?.status !== 'pending') return { kind: 'nothing-pending' };
  const next = { ...challenge, status: 'cancelled' as const, version: challenge.version + 1 };
  if (!(await deps.challenges.save(next, challenge.version))) return { kind: 'nothing-pending' };
  await failTask(deps, challenge, WorkflowErrors.cancelled, 'the user cancelled');
  return { kind: 'cancelled', action: challenge.action, target: challenge.target };
}
