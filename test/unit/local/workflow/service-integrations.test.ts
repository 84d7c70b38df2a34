import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { assertSupported, taskHandlers, type IntegrationTargets } from '../../../../infra/local/workflow/service-integrations';
import { InMemoryAuditBus } from '../../../support/fakes/in-memory-world';

const definition = (states: Record<string, unknown>) => ({ StartAt: Object.keys(states)[0], States: states }) as unknown as StateMachineDefinition;
const task = (Resource: string) => ({ Type: 'Task', Resource, End: true });
const PUT_EVENTS = 'arn:aws:states:::events:putEvents';
const INVOKE = 'arn:aws:states:::lambda:invoke';
const WAIT_FOR_TOKEN = 'arn:aws:states:::lambda:invoke.waitForTaskToken';

describe('the local service integrations', () => {
  let audit: InMemoryAuditBus;
  let calls: unknown[];
  let targets: IntegrationTargets;
  beforeEach(() => {
    audit = new InMemoryAuditBus();
    calls = [];
    targets = {
      audit,
      functions: {
        echo: async (payload) => {
          calls.push(payload);
          return { echoed: payload };
        },
      },
    };
  });
  const noToken = () => Promise.reject(new Error('no token wait expected'));

  it('accepts a definition of supported Task resources next to states that are not Tasks', () => {
    const states = { Record: task(PUT_EVENTS), Invoke: task(INVOKE), Wait: task(WAIT_FOR_TOKEN), Done: { Type: 'Succeed' }, Pass: { Type: 'Pass', End: true } };

    expect(() => assertSupported(definition(states))).not.toThrow();
    expect(Object.keys(taskHandlers(definition(states), targets, noToken)).sort()).toEqual(['Invoke', 'Record', 'Wait']);
  });

  it('refuses at start-up a Task resource it cannot run, naming the state and the resource', () => {
    const states = { Ok: task(PUT_EVENTS), Queue: task('arn:aws:states:::sqs:sendMessage') };

    expect(() => assertSupported(definition(states))).toThrow('state "Queue": the local runtime does not support arn:aws:states:::sqs:sendMessage');
    expect(() => taskHandlers(definition(states), targets, noToken)).toThrow(/state "Queue"/);
  });

  it('publishes each putEvents entry as an audit event and answers with one event id per entry', async () => {
    const { Record } = taskHandlers(definition({ Record: task(PUT_EVENTS) }), targets, noToken);
    const detail = (commandId: string) => ({ commandId, time: '2026-01-01T00:00:00.000Z' });

    const answer = (await Record!({
      Entries: [
        { Source: 'voicegate', DetailType: 'Command Requested', Detail: detail('c-1') },
        { Source: 'voicegate', DetailType: 'Code Sent', Detail: detail('c-2') },
      ],
    })) as { Entries: { EventId: string }[]; FailedEntryCount: number };

    expect(audit.events).toEqual([
      { source: 'voicegate', detailType: 'Command Requested', time: '2026-01-01T00:00:00.000Z', detail: detail('c-1') },
      { source: 'voicegate', detailType: 'Code Sent', time: '2026-01-01T00:00:00.000Z', detail: detail('c-2') },
    ]);
    expect(answer.FailedEntryCount).toBe(0);
    expect(answer.Entries).toHaveLength(2);
    for (const entry of answer.Entries) expect(entry.EventId).toEqual(expect.any(String));
  });

  it('invokes the named function with its payload and answers as Lambda does (StatusCode 200, Payload)', async () => {
    const { Invoke } = taskHandlers(definition({ Invoke: task(INVOKE) }), targets, noToken);

    expect(await Invoke!({ FunctionName: 'echo', Payload: { x: 1 } })).toEqual({ StatusCode: 200, Payload: { echoed: { x: 1 } } });
    expect(calls).toEqual([{ x: 1 }]);
  });

  it('fails an invocation of an unknown function as Lambda.ResourceNotFoundException, calling nothing', async () => {
    const { Invoke, Wait } = taskHandlers(definition({ Invoke: task(INVOKE), Wait: task(WAIT_FOR_TOKEN) }), targets, () => new Promise(() => undefined));

    for (const handler of [Invoke!, Wait!]) {
      await expect(handler({ FunctionName: 'missing', Payload: {} })).rejects.toMatchObject({
        name: 'Lambda.ResourceNotFoundException',
        message: 'Function not found: missing',
      });
    }
    expect(calls).toEqual([]);
  });

  it('waits for the token after invoking the function, listening before the function runs, and answers with what completed it', async () => {
    const order: string[] = [];
    let complete: (output: unknown) => void = () => undefined;
    const waitForToken = () => {
      order.push('listening');
      return new Promise((resolve) => {
        complete = resolve;
      });
    };
    targets.functions.echo = async (payload) => {
      order.push('invoked');
      calls.push(payload);
    };
    const { Wait } = taskHandlers(definition({ Wait: task(WAIT_FOR_TOKEN) }), targets, waitForToken);

    const answer = Wait!({ FunctionName: 'echo', Payload: { taskToken: 't' } });
    await new Promise((resolve) => setImmediate(resolve));
    complete({ factor: 'sms' });

    expect(await answer).toEqual({ factor: 'sms' });
    expect(order).toEqual(['listening', 'invoked']);
    expect(calls).toEqual([{ taskToken: 't' }]);
  });
  it("fails with the function's error when the function fails, and the wait it left behind, abandoned later by a stop, raises nothing unhandled", async () => {
    let abandon: (error: Error) => void = () => undefined;
    const waitForToken = () =>
      new Promise((_, reject) => {
        abandon = reject;
      });
    targets.functions.echo = async () => {
      throw Object.assign(new Error('Lambda was busy'), { name: 'Lambda.ServiceException' });
    };
    const { Wait } = taskHandlers(definition({ Wait: task(WAIT_FOR_TOKEN) }), targets, waitForToken);

    await expect(Wait!({ FunctionName: 'echo', Payload: {} })).rejects.toMatchObject({ name: 'Lambda.ServiceException' });
    // Jest fails the test on an unhandled rejection, which would crash the local stack as it stops.
    abandon(Object.assign(new Error('the local runner stopped'), { name: 'States.Runtime' }));
    await new Promise((resolve) => setImmediate(resolve));
  });
});
