/**
 * What became of an execution, in the operator's words: Step Functions says only FAILED; the
 * error name of the workflow's Fail state and the audit events of the run say why.
 */
import type { AuditEvent, Execution, HistoryEvent } from './api';

export type Tone = 'info' | 'good' | 'warn' | 'bad' | 'neutral';

export const OUTCOME_LABELS = [
  'Waiting for code',
  'Succeeded',
  'Expired',
  'Cancelled',
  'Superseded',
  'Denied',
  'Delivery failed',
  'Action failed',
  'Failed',
] as const;
export type OutcomeLabel = (typeof OUTCOME_LABELS)[number];

export interface Outcome {
  label: OutcomeLabel;
  tone: Tone;
  /** Why, in words: the most specific cause the audit trail or the execution carries ('' when none). */
  cause: string;
}

/** The Fail states' error names (statemachines/confirm-command.asl.json) and what the console calls them. */
const BY_ERROR: Record<string, Pick<Outcome, 'label' | 'tone'>> = {
  ChallengeExpired: { label: 'Expired', tone: 'warn' },
  CommandCancelled: { label: 'Cancelled', tone: 'neutral' },
  CommandSuperseded: { label: 'Superseded', tone: 'neutral' },
  DeliveryFailed: { label: 'Delivery failed', tone: 'bad' },
  ActionFailed: { label: 'Action failed', tone: 'bad' },
};

/** Reason codes the workflow records in audit details, said for a person. */
const REASON_TEXT: Record<string, string> = {
  TooManyAttempts: 'too many wrong codes were spoken',
  EngineRestarted: 'VoiceGate restarted while the code was pending',
  CommandCancelled: 'the user cancelled',
  CommandSuperseded: 'a newer command replaced this one',
  'States.Timeout': 'no valid code was spoken before it expired',
  DeliveryFailed: 'the code could not be delivered',
  IncorrectInstanceState: 'the target changed state since it was asked for',
  DeviceDidNotRespond: 'the device did not respond',
  ConfirmationTooOld: 'the confirmation came too late to act on',
  ActionInProgress: 'the same command was already being carried out',
  ActionThrottled: 'AWS was too busy',
  ActionFailed: 'the provider refused the change',
};

/** A reason code in words; words stay as they are; an unknown code says nothing. */
function inWords(reason: unknown): string {
  if (typeof reason !== 'string') return '';
  return REASON_TEXT[reason] ?? (/^[A-Z][\w.]+$/.test(reason) ? '' : reason);
}

/** The audit events that speak about one execution's end, newest last. */
function endingEvents(execution: Execution, audit: readonly AuditEvent[]): AuditEvent[] {
  return audit.filter((event) => event.detail.executionId === execution.executionId && event.detailType !== 'Command Requested');
}

function auditCause(events: readonly AuditEvent[]): string {
  for (const event of [...events].reverse()) {
    const words = [inWords(event.detail.reason), inWords(event.detail.cause)].filter((part) => part !== '');
    if (words.length > 0) return [...new Set(words)].join(': ');
  }
  return '';
}

/** Succeeded runs name the state they left the target in ("now running", "now locked"). */
function resultingState(events: readonly AuditEvent[]): string {
  const succeeded = events.find((event) => event.detailType === 'Action Succeeded');
  const state = succeeded?.detail.instanceState;
  return typeof state === 'string' && state !== 'unchanged' ? `now ${state}` : '';
}

/** `historyCause`: the history's root cause (see rootCause), once the console has fetched it. */
export function outcomeOf(execution: Execution, audit: readonly AuditEvent[], historyCause = ''): Outcome {
  const events = endingEvents(execution, audit);
  switch (execution.status) {
    case 'RUNNING':
      return { label: 'Waiting for code', tone: 'info', cause: 'the code must be spoken to confirm (or it expires)' };
    case 'SUCCEEDED':
      return { label: 'Succeeded', tone: 'good', cause: resultingState(events) };
    case 'TIMED_OUT':
      return { label: 'Expired', tone: 'warn', cause: 'the execution timed out' };
    case 'ABORTED':
      return { label: 'Cancelled', tone: 'neutral', cause: 'the execution was stopped' };
    case 'FAILED':
      return failedOutcome(execution, events, historyCause);
  }
}

function failedOutcome(execution: Execution, events: readonly AuditEvent[], historyCause: string): Outcome {
  // The failing step's own message ("code send limit reached") is the most specific; then the audit's reason.
  const cause = sentence(historyCause || auditCause(events) || inWords(execution.cause));
  // Too many wrong codes ends the run as cancelled; for the operator that is a denial.
  if (events.some((event) => event.detail.reason === 'TooManyAttempts')) return { label: 'Denied', tone: 'bad', cause };
  const known = BY_ERROR[execution.error ?? ''];
  return known ? { ...known, cause } : { label: 'Failed', tone: 'bad', cause: cause || execution.error || '' };
}

/** Causes are shown inside other sentences: no capital, no full stop. */
function sentence(cause: string): string {
  return cause.replace(/\.$/, '').replace(/^[A-Z](?=[a-z]*\s)/, (first) => first.toLowerCase());
}

/** The first failure in a history that is more specific than the Fail state's fixed cause (e.g. "code send limit reached"). */
export function rootCause(history: readonly HistoryEvent[]): string {
  return history.find((event) => event.cause && !event.type.startsWith('Execution'))?.cause ?? '';
}
