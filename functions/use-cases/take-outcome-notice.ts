import type { CommandAction } from '../domain/command';
import type { Deps } from './deps';

export interface OutcomeNotice {
  action: CommandAction;
  target: string;
  succeeded: boolean;
}

/**
 * The outcome of a confirmed command that was still under way when the user was answered,
 * once it is known — handed out once, so the user hears it on their next request.
 */
export async function takeOutcomeNotice(deps: Pick<Deps, 'challenges' | 'workflow'>, userId: string): Promise<OutcomeNotice | undefined> {
  const challenge = await deps.challenges.get(userId);
  if (!challenge?.awaitingOutcome) return undefined;
  const execution = await deps.workflow.describe(challenge.executionId);
  if (execution?.status === 'RUNNING') return undefined;
  const told = { ...challenge, awaitingOutcome: false, version: challenge.version + 1 };
  if (!(await deps.challenges.save(told, challenge.version))) return undefined;
  return { action: challenge.action, target: challenge.target, succeeded: execution?.status === 'SUCCEEDED' };
}
