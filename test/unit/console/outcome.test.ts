import type { AuditEvent, Execution } from '../../../infra/local/console/src/api';
import { outcomeOf, rootCause } from '../../../infra/local/console/src/outcome';
import { refusedUsers } from '../../../infra/local/console/src/refusals';

const run = (fields: Partial<Execution> = {}): Execution => ({
  executionId: 'exec-1',
  status: 'FAILED',
  commandId: 'cmd-1',
  userId: 'alice',
  action: 'start',
  target: 'splunk',
  startedAt: '2026-11-30T10:00:00.000Z',
  stoppedAt: '2026-11-30T10:00:01.000Z',
  ...fields,
});

let lastId = 0;
const audit = (detailType: string, detail: Record<string, string> = {}, executionId = 'exec-1'): AuditEvent => {
  const id = ++lastId;
  return {
    id: String(id),
    source: 'voicegate',
    detailType,
    time: `2026-11-30T10:00:0${id % 10}.000Z`,
    detail: { commandId: 'cmd-1', executionId, userId: 'alice', action: 'start', target: 'splunk', ...detail },
  };
};

describe('what became of an execution, in the operator console', () => {
  it.each([
    ['ChallengeExpired', 'Expired'],
    ['CommandCancelled', 'Cancelled'],
    ['CommandSuperseded', 'Superseded'],
    ['DeliveryFailed', 'Delivery failed'],
    ['ActionFailed', 'Action failed'],
  ])('names a run that failed with %s "%s", not just FAILED', (error, label) => {
    expect(outcomeOf(run({ error, cause: 'The fixed cause.' }), []).label).toBe(label);
  });

  it('calls a run cancelled after too many wrong codes Denied, with that cause', () => {
    const outcome = outcomeOf(run({ error: 'CommandCancelled' }), [audit('Command Cancelled', { reason: 'TooManyAttempts' })]);

    expect(outcome).toEqual({ label: 'Denied', tone: 'bad', cause: 'too many wrong codes were spoken' });
  });

  it('prefers the history root cause over reason codes and the Fail state fixed text, so a replay at the limit says why', () => {
    const failed = run({ error: 'DeliveryFailed', cause: 'The code could not be delivered.' });
    const events = [audit('Delivery Failed', { reason: 'DeliveryFailed' })];

    expect(outcomeOf(failed, events).cause).toBe('the code could not be delivered');
    expect(outcomeOf(failed, events, 'code send limit reached').cause).toBe('code send limit reached');
  });

  it('says an action failure reason code in words until the history is read', () => {
    const failed = run({ error: 'ActionFailed', cause: 'IncorrectInstanceState' });

    expect(outcomeOf(failed, [audit('Action Failed', { reason: 'IncorrectInstanceState' })]).cause).toBe('the target changed state since it was asked for');
    expect(outcomeOf(failed, []).cause).toBe('the target changed state since it was asked for');
    expect(outcomeOf(run({ error: 'ActionFailed', cause: 'SomeNewCode' }), []).cause).toBe('');
  });

  it('reads the audit reason as words: a restart while the code was pending', () => {
    expect(outcomeOf(run({ error: 'CommandCancelled' }), [audit('Command Cancelled', { reason: 'EngineRestarted' })]).cause).toBe(
      'VoiceGate restarted while the code was pending',
    );
  });

  it('ignores audit events of other executions', () => {
    const outcome = outcomeOf(run({ error: 'CommandCancelled' }), [audit('Command Cancelled', { reason: 'TooManyAttempts' }, 'exec-2')]);

    expect(outcome.label).toBe('Cancelled');
  });

  it('tells the state a succeeded run left its target in, and that a running one waits for its code', () => {
    expect(outcomeOf(run({ status: 'SUCCEEDED' }), [audit('Action Succeeded', { instanceState: 'locked' })]).cause).toBe('now locked');
    expect(outcomeOf(run({ status: 'RUNNING', stoppedAt: null }), []).label).toBe('Waiting for code');
    expect(outcomeOf(run({ status: 'TIMED_OUT' }), []).label).toBe('Expired');
  });

  it('finds the root cause in a history: the first failed step, not the execution-level failure', () => {
    const history = [
      { id: 1, timestamp: '', type: 'StateFailed', stateName: 'Send Code And Wait', error: 'DeliveryFailed', cause: 'code send limit reached' },
      { id: 2, timestamp: '', type: 'ExecutionFailed', error: 'DeliveryFailed', cause: 'The code could not be delivered.' },
    ];

    expect(rootCause(history)).toBe('code send limit reached');
    expect(rootCause(history.slice(1))).toBe('');
  });
});

describe('users held back by a limit', () => {
  it('lists a user refused by a limit until a Limit Reset for them, the latest refusal first', () => {
    const refusedAlice = audit('Command Denied', { reason: 'code send limit reached' }, 'none');
    const refusedBob = {
      ...audit('Command Denied', { reason: 'code attempt limit reached' }, 'none'),
      detail: { userId: 'bob', reason: 'code attempt limit reached' },
    };
    const otherDenial = {
      ...audit('Command Denied', { reason: 'target not allowed by policy' }, 'none'),
      detail: { userId: 'carol', reason: 'target not allowed by policy' },
    };

    expect(refusedUsers([refusedAlice, refusedBob, otherDenial]).map((r) => r.userId)).toEqual(['bob', 'alice']);
    expect(refusedUsers([refusedAlice, refusedBob, audit('Limit Reset')]).map((r) => r.userId)).toEqual(['bob']);
    expect(refusedUsers([audit('Limit Reset'), refusedAlice])[0]).toMatchObject({ userId: 'alice', reason: 'code send limit reached' });
  });
});
