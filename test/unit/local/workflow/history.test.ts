import { toHistoryEvent, type LibraryEvent } from '../../../../infra/local/workflow/history';

const TOKEN = 'T'.repeat(64);
const AT = Date.UTC(2026, 0, 1, 12, 30);

describe('toHistoryEvent', () => {
  it("keeps the id, the time as ISO text, the type and the state's name, input and output", () => {
    const event: LibraryEvent = { type: 'StateExited', timestamp: AT, state: { name: 'Perform Action', input: { a: 1 }, output: { b: 2 } } };

    expect(toHistoryEvent(event, 7, TOKEN)).toEqual({
      id: 7,
      timestamp: '2026-01-01T12:30:00.000Z',
      type: 'StateExited',
      stateName: 'Perform Action',
      input: { a: 1 },
      output: { b: 2 },
    });
  });

  it("takes the execution's own input and output when the event belongs to no state", () => {
    const event: LibraryEvent = { type: 'ExecutionSucceeded', timestamp: AT, input: { in: true }, output: { out: true } };

    expect(toHistoryEvent(event, 1, TOKEN)).toEqual({
      id: 1,
      timestamp: '2026-01-01T12:30:00.000Z',
      type: 'ExecutionSucceeded',
      input: { in: true },
      output: { out: true },
    });
  });

  it("prefers the state's input and output over the event's", () => {
    const event: LibraryEvent = {
      type: 'StateExited',
      timestamp: AT,
      state: { name: 'S', input: 'state in', output: 'state out' },
      input: 'event in',
      output: 'event out',
    };

    expect(toHistoryEvent(event, 1, TOKEN)).toMatchObject({ input: 'state in', output: 'state out' });
  });

  it('has no input, output, error or cause keys when the event has none', () => {
    const entry = toHistoryEvent({ type: 'ExecutionStarted', timestamp: AT }, 1, TOKEN);

    expect(Object.keys(entry).sort()).toEqual(['id', 'timestamp', 'type']);
  });

  it('records an error with its cause: an Error by its message, anything else as text, none as empty', () => {
    const failed = (Cause: unknown) => toHistoryEvent({ type: 'ExecutionFailed', timestamp: AT, Error: 'ChallengeExpired', Cause }, 1, TOKEN);

    expect(failed(new Error('the code expired'))).toMatchObject({ error: 'ChallengeExpired', cause: 'the code expired' });
    expect(failed('plain words')).toMatchObject({ error: 'ChallengeExpired', cause: 'plain words' });
    expect(failed(undefined)).toMatchObject({ error: 'ChallengeExpired', cause: '' });
  });

  it('scrubs every copy of the task token out of the entry (S12)', () => {
    const event: LibraryEvent = {
      type: 'TaskScheduled',
      timestamp: AT,
      state: { name: 'Send Code And Wait', input: { taskToken: TOKEN, nested: [`token=${TOKEN}`] } },
      Error: `bad ${TOKEN}`,
      Cause: new Error(`cause ${TOKEN}`),
    };

    const entry = toHistoryEvent(event, 3, TOKEN);

    expect(JSON.stringify(entry)).not.toContain(TOKEN);
    expect(entry).toMatchObject({
      input: { taskToken: '[task token]', nested: ['token=[task token]'] },
      error: 'bad [task token]',
      cause: 'cause [task token]',
    });
  });
});
