import { AuditDetailTypes, auditEvent } from '../../../functions/domain/audit-event';
import { WorkflowErrors } from '../../../functions/domain/errors';
import type { LocalStackParts } from '../local-stack-parts';

/**
 * Executions still RUNNING in the store when the runner starts were cut off by a stop or
 * crash. The interpreter cannot resume mid-state, so each is ended visibly — FAILED with
 * EngineRestarted, its code voided, a "Command Cancelled" audit event — never left hanging.
 */
export async function recoverAbandonedExecutions(parts: Pick<LocalStackParts, 'deps' | 'executions'>): Promise<number> {
  const { deps, executions } = parts;
  const abandoned = (await executions.list()).filter((e) => e.status === 'RUNNING');
  for (const execution of abandoned) {
    const record = await executions.get(execution.executionId);
    if (!record) continue;
    const now = new Date(deps.clock.now());
    await deps.challenges.remove(record.userId, record.commandId);
    await executions.finish(record.executionId, {
      status: 'FAILED',
      error: WorkflowErrors.engineRestarted,
      cause: 'The local workflow runner restarted while this command waited.',
      stoppedAt: now.toISOString(),
    });
    const reason = { reason: WorkflowErrors.engineRestarted };
    await deps.audit.publish(auditEvent(AuditDetailTypes.commandCancelled, record.command, record.executionId, now, reason));
  }
  return abandoned.length;
}
