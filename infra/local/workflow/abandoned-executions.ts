import { AuditDetailTypes, auditEvent, TERMINAL_DETAIL_TYPES, type AuditEvent } from '../../../functions/domain/audit-event';
import { isExpired } from '../../../functions/domain/challenge';
import { WorkflowErrors } from '../../../functions/domain/errors';
import { taskTokenOf } from '../../../functions/use-cases/issue-challenge';
import type { LocalAuditLog } from '../adapters/local-audit-log';
import type { LocalStackParts } from '../local-stack-parts';
import type { ExecutionRecord, ExecutionStore } from './execution-store';
import type { LocalWorkflowEngine } from './local-workflow-engine';

/** What recovery needs of the stack (the interleaving suites give it a model engine). */
export interface RecoveryParts {
  deps: LocalStackParts['deps'];
  executions: Pick<ExecutionStore, 'list' | 'get' | 'finish'>;
  engine: Pick<LocalWorkflowEngine, 'resume'>;
  /** The audit trail: an execution whose end is already recorded there must not be ended again. */
  auditLog: Pick<LocalAuditLog, 'list'>;
}

export interface RecoveryReport {
  /** Still waiting for their code, on the same token and deadline. */
  resumed: number;
  /** Cut off anywhere else: ended FAILED with EngineRestarted and audited. */
  ended: number;
}

/**
 * Executions still RUNNING in the store when the runner starts were cut off by a stop or
 * crash. One that was waiting for a code that is still pending and unexpired waits again
 * until its original deadline; one whose code expired meanwhile ends as expiry does
 * (ChallengeExpired, "Challenge Expired"); any other is ended visibly — FAILED with
 * EngineRestarted, its code voided, a "Command Cancelled" audit event — never left hanging.
 * One stopped after its "Record …" state published its terminal event, but before the end
 * was stored, is only marked ended: every execution ends with exactly one terminal event.
 */
export async function recoverAbandonedExecutions(parts: RecoveryParts): Promise<RecoveryReport> {
  const report: RecoveryReport = { resumed: 0, ended: 0 };
  const running = (await parts.executions.list()).filter((e) => e.status === 'RUNNING');
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent for → true and `>=` — with nothing running the audit log is read and never used; only a read is saved (→ false is killed by the recorded-end tests)
  const recordedEnds = running.length > 0 ? terminalEventsByExecution(await parts.auditLog.list()) : new Map<string, AuditEvent>();
  for (const { executionId } of running) {
    const record = await parts.executions.get(executionId);
    if (!record) continue;
    const recordedEnd = recordedEnds.get(executionId);
    if (recordedEnd) await finishAsRecorded(parts, record, recordedEnd);
    else if (await resumeIfWaiting(parts, record)) {
      report.resumed++;
      continue;
    } else await endVisibly(parts, record);
    report.ended++;
  }
  return report;
}

function terminalEventsByExecution(events: AuditEvent[]): Map<string, AuditEvent> {
  return new Map(events.filter((e) => TERMINAL_DETAIL_TYPES.has(e.detailType)).map((e) => [e.detail.executionId, e]));
}

/** The end the workflow recorded, stored as its end state would have (Error named after the event, as the ASL's Fail states are). */
async function finishAsRecorded(parts: Pick<RecoveryParts, 'executions'>, record: ExecutionRecord, recorded: AuditEvent): Promise<void> {
  const succeeded = recorded.detailType === AuditDetailTypes.actionSucceeded;
  await parts.executions.finish(record.executionId, {
    status: succeeded ? 'SUCCEEDED' : 'FAILED',
    ...(!succeeded && { error: recorded.detailType.replaceAll(' ', ''), cause: 'The local workflow runner restarted after recording this end.' }),
    stoppedAt: recorded.time,
  });
}

async function resumeIfWaiting(parts: Pick<RecoveryParts, 'deps' | 'engine'>, record: ExecutionRecord): Promise<boolean> {
  const challenge = await parts.deps.challenges.get(record.userId);
  if (challenge?.commandId !== record.commandId || challenge.status !== 'pending') return false;
  const remainingSeconds = Math.floor((challenge.expiresAt - parts.deps.clock.now()) / 1000);
  // A token that does not open (stored before tokens were sealed) cannot resume: the command ends visibly.
  const token = await taskTokenOf(parts.deps, challenge).catch(() => undefined);
  return token !== undefined && parts.engine.resume(record, token, remainingSeconds);
}

async function endVisibly(parts: Pick<RecoveryParts, 'deps' | 'executions'>, record: ExecutionRecord): Promise<void> {
  const { deps, executions } = parts;
  const now = new Date(deps.clock.now());
  const challenge = await deps.challenges.get(record.userId);
  // A code that ran out while the stack was down ended as it would have while up.
  const expired = challenge?.commandId === record.commandId && challenge.status === 'pending' && isExpired(challenge, now.getTime());
  await deps.challenges.remove(record.userId, record.commandId);
  const ending = expired ? EXPIRED : RESTARTED;
  await executions.finish(record.executionId, { status: 'FAILED', error: ending.error, cause: ending.cause, stoppedAt: now.toISOString() });
  await deps.audit.publish(auditEvent(ending.detailType, record.command, record.executionId, now, ending.extras));
}

/** The same Fail states' error, cause and audit event as the workflow's own paths. */
const EXPIRED = {
  error: 'ChallengeExpired',
  cause: 'No valid code was spoken before the code expired.',
  detailType: AuditDetailTypes.challengeExpired,
  extras: {},
};
const RESTARTED = {
  error: WorkflowErrors.engineRestarted,
  cause: 'The local workflow runner restarted while this command was in progress.',
  detailType: AuditDetailTypes.commandCancelled,
  extras: { reason: WorkflowErrors.engineRestarted },
};
