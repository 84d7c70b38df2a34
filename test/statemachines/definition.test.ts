import { readFileSync } from 'node:fs';
import { AuditDetailTypes } from '../../functions/domain/audit-event';
import { CONFIRM_COMMAND_ASL, loadDefinition } from '../../infra/local/workflow/asl-definition';
import { LOCAL_FUNCTION_NAMES } from '../../infra/local/workflow/local-functions';
import { ALICE_PHONE, LocalStackHarness } from '../support/local-stack-harness';

/** The parts of ASL these checks read. */
interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
}
interface Catcher {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
}
interface AslState {
  Type: string;
  Resource?: string;
  Next?: string;
  End?: boolean;
  TimeoutSeconds?: number;
  Retry?: Retrier[];
  Catch?: Catcher[];
  Parameters?: Record<string, unknown>;
  Error?: string;
}
interface Asl {
  StartAt: string;
  States: Record<string, AslState>;
}
interface PutEventsEntry {
  EventBusName: string;
  Source: string;
  DetailType: string;
  Detail: Record<string, string>;
}

const RAW = readFileSync(CONFIRM_COMMAND_ASL, 'utf8');
const SUBSTITUTIONS = { ...LOCAL_FUNCTION_NAMES, AuditBusName: 'voicegate-audit-bus', CodeTtlSeconds: 300 };
const load = (overrides: Record<string, string | number> = {}) => loadDefinition(CONFIRM_COMMAND_ASL, { ...SUBSTITUTIONS, ...overrides }) as unknown as Asl;
const asl = load();
const states = Object.entries(asl.States);
const tasks = states.filter(([, s]) => s.Type === 'Task');
const PUT_EVENTS = 'arn:aws:states:::events:putEvents';
const SEND_CODE = 'Send Code And Wait';
const PERFORM = 'Perform Action';

/** docs/product.md section 2: the detail-types the workflow's own steps emit. */
const WORKFLOW_AUDIT_TYPES = [
  'Command Requested',
  'Code Verified',
  'Action Succeeded',
  'Action Failed',
  'Challenge Expired',
  'Command Cancelled',
  'Command Superseded',
  'Delivery Failed',
];

function state(name: string): AslState {
  const found = asl.States[name];
  if (!found) throw new Error(`no state "${name}"`);
  return found;
}

function entryOf(s: AslState): PutEventsEntry {
  const entries = (s.Parameters as { Entries: PutEventsEntry[] }).Entries;
  expect(entries).toHaveLength(1);
  return entries[0]!;
}

/** The catcher Step Functions would pick for `error`: the first whose ErrorEquals matches. */
function catcherFor(s: AslState, error: string): Catcher | undefined {
  return s.Catch?.find((c) => c.ErrorEquals.includes(error) || c.ErrorEquals.includes('States.ALL'));
}

function retrierFor(s: AslState, error: string): Retrier | undefined {
  return s.Retry?.find((r) => r.ErrorEquals.includes(error) || r.ErrorEquals.includes('States.ALL'));
}

/** Where an error leads: the audit step it records and the Fail state's error name. */
function pathOf(from: string, error: string): { audit: string; fail: string } | undefined {
  const catcher = catcherFor(state(from), error);
  if (!catcher) return undefined;
  const record = state(catcher.Next);
  expect(record.Resource).toBe(PUT_EVENTS);
  const end = state(record.Next!);
  expect(end.Type).toBe('Fail');
  return { audit: entryOf(record).DetailType, fail: end.Error! };
}

describe('the definition file', () => {
  it('has ${placeholders} only for values the local runtime substitutes', () => {
    const placeholders = [...new Set([...RAW.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]!))].sort();

    expect(placeholders.length).toBeGreaterThan(0);
    expect(Object.keys(SUBSTITUTIONS)).toEqual(expect.arrayContaining(placeholders));
  });

  it('loads with every placeholder substituted into valid JSON', () => {
    const text = JSON.stringify(asl);

    expect(text).not.toMatch(/\$\{/);
    expect(text).toContain(LOCAL_FUNCTION_NAMES.IssueChallengeFunctionArn);
    expect(text).toContain(LOCAL_FUNCTION_NAMES.PerformActionFunctionArn);
    expect(text).toContain('voicegate-audit-bus');
  });

  it('refuses to load with any placeholder left without a value', () => {
    for (const name of Object.keys(SUBSTITUTIONS)) {
      const partial: Record<string, string | number> = { ...SUBSTITUTIONS };
      delete partial[name];
      expect(() => loadDefinition(CONFIRM_COMMAND_ASL, partial)).toThrow(name);
    }
  });

  it('points every Next and Catch at a state that exists, and reaches every state from StartAt', () => {
    const reached = new Set<string>();
    const visit = (name: string): void => {
      if (reached.has(name)) return;
      reached.add(name);
      const s = state(name);
      if (s.Type === 'Succeed' || s.Type === 'Fail') return;
      expect(Boolean(s.Next) !== Boolean(s.End)).toBe(true);
      if (s.Next) visit(s.Next);
      for (const c of s.Catch ?? []) visit(c.Next);
    };
    visit(asl.StartAt);

    expect([...reached].sort()).toEqual(Object.keys(asl.States).sort());
  });

  it('gives every Task a TimeoutSeconds (the local interpreter would default to 60 s, AWS to none)', () => {
    expect(tasks.length).toBeGreaterThan(0);
    for (const [name, s] of tasks) {
      expect({ name, timeout: Number.isInteger(s.TimeoutSeconds) && s.TimeoutSeconds! > 0 }).toEqual({ name, timeout: true });
    }
  });

  it('waits for the spoken code in one .waitForTaskToken task that times out with the code', () => {
    const waiting = tasks.filter(([, s]) => s.Resource!.endsWith('.waitForTaskToken')).map(([name]) => name);
    expect(waiting).toEqual([SEND_CODE]);

    expect(state(SEND_CODE).TimeoutSeconds).toBe(300);
    expect(load({ CodeTtlSeconds: 7 }).States[SEND_CODE]!.TimeoutSeconds).toBe(7);
    expect(JSON.stringify(state(SEND_CODE).Parameters)).toContain('$$.Task.Token');
  });

  it('audits with events:putEvents, source voicegate, the contract detail-types and the required detail fields', () => {
    const audits = tasks.filter(([, s]) => s.Resource === PUT_EVENTS);

    expect(audits.map(([, s]) => entryOf(s).DetailType).sort()).toEqual([...WORKFLOW_AUDIT_TYPES].sort());
    for (const [, s] of audits) {
      const entry = entryOf(s);
      expect(entry.Source).toBe('voicegate');
      expect(entry.EventBusName).toBe('voicegate-audit-bus');
      expect(Object.values(AuditDetailTypes)).toContain(entry.DetailType);
      for (const field of ['commandId', 'executionId', 'userId', 'action', 'target', 'time']) {
        expect(entry.Detail).toHaveProperty([`${field}.$`]);
      }
    }
  });

  it('never puts the task token or the verification into an audit event, only the name of the verifying factor (S12)', () => {
    for (const [, s] of tasks.filter(([, t]) => t.Resource === PUT_EVENTS)) {
      const detail = JSON.stringify(entryOf(s).Detail);
      expect(detail).not.toMatch(/Task\.Token|\$\.verification(?!\.reported\.factor")/);
    }
    expect(entryOf(state('Record Code Verified')).Detail['factor.$']).toBe('$.verification.reported.factor');
  });

  it('has a Catch path, with its own audit step, for every way the wait can end badly', () => {
    expect(pathOf(SEND_CODE, 'States.Timeout')).toEqual({ audit: 'Challenge Expired', fail: 'ChallengeExpired' });
    expect(pathOf(SEND_CODE, 'CommandCancelled')).toEqual({ audit: 'Command Cancelled', fail: 'CommandCancelled' });
    expect(pathOf(SEND_CODE, 'TooManyAttempts')).toEqual({ audit: 'Command Cancelled', fail: 'CommandCancelled' });
    expect(pathOf(SEND_CODE, 'EngineRestarted')).toEqual({ audit: 'Command Cancelled', fail: 'CommandCancelled' });
    expect(pathOf(SEND_CODE, 'CommandSuperseded')).toEqual({ audit: 'Command Superseded', fail: 'CommandSuperseded' });
    expect(pathOf(SEND_CODE, 'DeliveryFailed')).toEqual({ audit: 'Delivery Failed', fail: 'DeliveryFailed' });
    expect(pathOf(SEND_CODE, 'Lambda.ServiceException')).toEqual({ audit: 'Delivery Failed', fail: 'DeliveryFailed' });
  });

  it('catches any failure of the action as "Action Failed"', () => {
    expect(pathOf(PERFORM, 'ActionFailed')).toEqual({ audit: 'Action Failed', fail: 'ActionFailed' });
    expect(pathOf(PERFORM, 'ActionThrottled')).toEqual({ audit: 'Action Failed', fail: 'ActionFailed' });
    expect(pathOf(PERFORM, 'States.Timeout')).toEqual({ audit: 'Action Failed', fail: 'ActionFailed' });
  });

  it('lists States.ALL last and alone wherever it is caught (an ASL rule)', () => {
    for (const [, s] of states) {
      for (const [i, c] of (s.Catch ?? []).entries()) {
        if (c.ErrorEquals.includes('States.ALL')) {
          expect(c.ErrorEquals).toEqual(['States.ALL']);
          expect(i).toBe(s.Catch!.length - 1);
        }
      }
    }
  });

  it('retries a throttled action with exponential backoff, and never a failed one', () => {
    const throttled = retrierFor(state(PERFORM), 'ActionThrottled');

    expect(throttled).toBeDefined();
    expect(throttled!.BackoffRate).toBeGreaterThan(1);
    expect(throttled!.MaxAttempts).toBeGreaterThanOrEqual(2);
    expect(throttled!.IntervalSeconds).toBeGreaterThanOrEqual(1);
    expect(retrierFor(state(PERFORM), 'ActionFailed')).toBeUndefined();
  });

  it.each([SEND_CODE, PERFORM])('"%s" retries the transient Lambda errors with backoff', (name) => {
    for (const error of ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException']) {
      const retrier = retrierFor(state(name), error);
      expect({ error, retried: retrier !== undefined && retrier.BackoffRate! > 1 && retrier.MaxAttempts! >= 2 }).toEqual({ error, retried: true });
    }
  });

  it('never retries the wait on an outcome the user caused (that would send another code)', () => {
    for (const error of ['States.Timeout', 'CommandCancelled', 'TooManyAttempts', 'CommandSuperseded', 'DeliveryFailed']) {
      expect(retrierFor(state(SEND_CODE), error)).toBeUndefined();
    }
  });
});

describe('a confirmed command, executed', () => {
  let vg: LocalStackHarness;
  beforeAll(async () => {
    vg = await LocalStackHarness.start();
  });
  afterAll(async () => {
    await vg.close();
  });

  it('takes at most 8 state transitions, through the happy path in order', async () => {
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    expect(await vg.say('alice', 'AuthorizeIntent', { code: await vg.lastCodeSentTo(ALICE_PHONE) })).toBe('Code accepted. I have started splunk.');

    const { history = [], status } = await vg.settled((await vg.latestExecution()).executionId);
    const entered = history.filter((e) => e.type === 'StateEntered').map((e) => e.stateName);

    expect(status).toBe('SUCCEEDED');
    expect(entered.length).toBeLessThanOrEqual(8);
    expect(entered).toEqual(['Record Command Requested', SEND_CODE, 'Record Code Verified', PERFORM, 'Record Action Succeeded', 'Action Succeeded']);
    const verified = (await vg.audit()).filter((e) => e.detailType === 'Code Verified');
    expect(verified.map((e) => e.detail.factor)).toEqual(['sms']);
  });

  it('records the verifying factor as "unrecorded" when the skill does not name it, and still performs the action', async () => {
    await vg.say('alice', 'RebootInstanceIntent', { instance: 'web' });
    const { executionId, commandId } = (await vg.stack.deps.challenges.get('alice'))!;
    await vg.markVerified('alice');

    await vg.stack.engine.sendTaskSuccess(await vg.pendingTaskToken('alice'), {});

    expect((await vg.settled(executionId)).status).toBe('SUCCEEDED');
    const verified = (await vg.audit()).filter((e) => e.detailType === 'Code Verified' && e.detail.commandId === commandId);
    expect(verified.map((e) => e.detail.factor)).toEqual(['unrecorded']);
  });
});
