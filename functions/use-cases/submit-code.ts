import { AuditDetailTypes, auditEvent } from '../domain/audit-event';
import { factorOf, isExpired, judgeAttempt, type Challenge } from '../domain/challenge';
import type { CommandAction } from '../domain/command';
import { ActionFailureReasons, WorkflowErrors, isTaskTokenError } from '../domain/errors';
import type { ActionOutcomes } from '../ports/action-ledger';
import { minutesUntil } from '../domain/send-limits';
import { codeChecker, type CheckDeps } from './check-code';
import type { Deps } from './deps';
import { failTask, taskTokenOf } from './issue-challenge';
import { waitUntil } from './wait-until';

interface Subject {
  action: CommandAction;
  target: string;
}

export type SubmitOutcome =
  | { kind: 'nothing-pending' }
  | { kind: 'expired' }
  /** Every try lost a race with another change to the pending command; nothing was counted. */
  | { kind: 'kept-changing' }
  | { kind: 'attempt-limit'; retryInMinutes: number }
  | ({ kind: 'rejected'; attemptsLeft: number } & Subject)
  | ({ kind: 'locked-out' } & Subject)
  | ({ kind: 'reused'; attemptsLeft: number } & Subject)
  | ({ kind: 'accepted'; result: 'succeeded' | 'under-way' } & Subject)
  | ({ kind: 'accepted'; result: 'failed'; reason: string } & Subject);

type SubmitDeps = Pick<Deps, 'challenges' | 'workflow' | 'audit' | 'taskTokens'> & { ledger: ActionOutcomes } & CheckDeps;

/** Conditional writes can lose a race; a few re-reads settle it. */
const MAX_CONFLICT_RETRIES = 5;

/** "authorize 482913": verify the code against the user's own pending command (S3-S7), by its factor. */
export async function submitCode(deps: SubmitDeps, userId: string, spokenCode: string | undefined): Promise<SubmitOutcome> {
  const check = codeChecker(deps, userId, spokenCode);
  for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
    const challenge = await deps.challenges.get(userId);
    if (challenge?.status !== 'pending') return { kind: 'nothing-pending' };
    const now = deps.clock.now();
    // Checked before the code: an authenticator code must not be used up on an expired command.
    if (isExpired(challenge, now)) return { kind: 'expired' };
    const verdict = await check(challenge);
    if (typeof verdict === 'object') return { kind: 'attempt-limit', retryInMinutes: minutesUntil(verdict.retryAt, now) };
    const outcome = judgeAttempt(challenge, now, verdict === 'match');
    // Stryker disable next-line ConditionalExpression,StringLiteral: unreachable — isExpired(challenge, now) was checked above with the same `now`; the line only narrows the type
    if (outcome.kind === 'expired') return outcome;
    // Stryker disable next-line ConditionalExpression,StringLiteral,ObjectLiteral: unreachable — the status was checked 'pending' above; the line only narrows the type
    if (outcome.kind === 'not-pending') return { kind: 'nothing-pending' };
    if (!(await deps.challenges.save(outcome.next, challenge.version))) continue;
    const subject = { action: challenge.action, target: challenge.target };
    if (outcome.kind === 'accepted') {
      const result = await resumeWorkflow(deps, outcome.next);
      if ('kind' in result) return result;
      return { kind: 'accepted', ...result, ...subject };
    }
    await recordRejection(deps, challenge, outcome.next.attemptsLeft, verdict === 'replayed');
    if (outcome.kind === 'rejected') return { kind: verdict === 'replayed' ? 'reused' : 'rejected', attemptsLeft: outcome.attemptsLeft, ...subject };
    await failTask(deps, challenge, WorkflowErrors.tooManyAttempts, 'too many wrong codes');
    return { kind: 'locked-out', ...subject };
  }
  return { kind: 'kept-changing' };
}

async function recordRejection(deps: SubmitDeps, challenge: Challenge, attemptsLeft: number, reused: boolean): Promise<void> {
  const at = new Date(deps.clock.now());
  const extras = { attemptsLeft, factor: factorOf(challenge), ...(reused && { reason: 'CodeReused' }) };
  await deps.audit.publish(auditEvent(AuditDetailTypes.codeRejected, challenge, challenge.executionId, at, extras));
}

/**
 * Hands the verification to the workflow and waits briefly for the action's outcome; when
 * it is still under way, the user is told the outcome on their next request. While the action
 * ledger shows the action claimed (EC2 or the device at work, most of the wait) the workflow
 * is not asked at all: on AWS each DescribeExecution is throttled per account and costs a KMS
 * decrypt of the history.
 */
type ResumeResult = { kind: 'expired' } | { result: 'succeeded' | 'under-way' } | { result: 'failed'; reason: string };

async function resumeWorkflow(deps: SubmitDeps, challenge: Challenge): Promise<ResumeResult> {
  try {
    // The workflow's "Code Verified" audit records which factor verified (never the code).
    // Perform-action reads the verification time from the challenge, never from this output.
    await deps.workflow.sendTaskSuccess(await taskTokenOf(deps, challenge), { factor: factorOf(challenge) });
  } catch (error) {
    // The workflow's wait ended first (its timeout starts a moment before the code's).
    if (isTaskTokenError(error)) return { kind: 'expired' };
    throw error;
  }
  const finished = await waitUntil(() => actionOutcome(deps, challenge), deps.settings.authorizeWaitMs, deps.settings.pollPace, deps.clock);
  if (!finished) {
    await deps.challenges.save({ ...challenge, awaitingOutcome: true, version: challenge.version + 1 }, challenge.version);
    return { result: 'under-way' };
  }
  return finished;
}

/** The action's outcome once the workflow has ended, undefined while it has not. */
async function actionOutcome(deps: SubmitDeps, challenge: Challenge): Promise<{ result: 'succeeded' } | { result: 'failed'; reason: string } | undefined> {
  if ((await deps.ledger.status(challenge.commandId)) === 'acting') return undefined;
  const execution = await deps.workflow.describe(challenge.executionId);
  if (!execution || execution.status === 'RUNNING') return undefined;
  if (execution.status === 'SUCCEEDED') return { result: 'succeeded' };
  return { result: 'failed', reason: execution.cause ?? execution.error ?? ActionFailureReasons.providerRefused };
}
