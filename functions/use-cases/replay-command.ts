import { randomUUID } from 'node:crypto';
import { replayOfCommand, type Command } from '../domain/command';
import type { Deps } from './deps';
import { startConfirmation } from './request-command';
import { verifyCommand } from './verify-command';

export type ReplayOutcome = { kind: 'refused'; reason: string } | { kind: 'started'; executionId: string };

/**
 * An operator's replay of a stored execution: the stored command is copied (never an edited
 * input) under a new command id, checked against the stores as the workflow will check it,
 * and confirmed afresh by its user.
 */
export async function replayCommand(
  deps: Pick<Deps, 'users' | 'instances' | 'deviceDirectory' | 'workflow' | 'challenges' | 'clock' | 'settings'>,
  stored: Command,
  originalExecutionId: string,
): Promise<ReplayOutcome> {
  const check = await verifyCommand(deps, stored);
  if (!check.ok) return { kind: 'refused', reason: check.reason };
  const command = replayOfCommand(stored, randomUUID(), new Date(deps.clock.now()).toISOString(), originalExecutionId);
  const { executionId } = await startConfirmation(deps, command);
  return { kind: 'started', executionId };
}
