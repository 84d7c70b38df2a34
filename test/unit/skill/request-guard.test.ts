import { DEFAULT_SKILL_ID, intentRequest, launchRequest } from '../../fixtures/alexa/envelopes';
import { MAX_TIMESTAMP_SKEW_MS, checkRequest } from '../../../skill/request-guard';

const SKILL = DEFAULT_SKILL_ID;
const NOW = Date.parse('2026-01-01T12:00:00.000Z');

// biome-ignore lint/suspicious/noExplicitAny: the tests break envelopes at any dotted path, whatever the type there
type BreakableEnvelope = Record<string, any>;

/** A well-formed intent envelope sent at `at`, as a plain object the tests may break. */
function envelope(at = NOW): BreakableEnvelope {
  const built = intentRequest('AuthorizeIntent', { code: '482913' }, { timestamp: new Date(at).toISOString() });
  return structuredClone(built) as never;
}

/** The envelope with the value at a dotted path replaced (or removed, for undefined). */
function withValue(path: string, value: unknown): BreakableEnvelope {
  const body = envelope();
  const keys = path.split('.');
  const last = keys.pop()!;
  const parent = keys.reduce((node, key) => node[key], body);
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return body;
}

const refused = (status: 400 | 403, reason: string) => ({ ok: false, status, reason });

describe('checkRequest (S10, S15)', () => {
  it('passes a well-formed intent or launch envelope for our skill sent now', () => {
    expect(checkRequest(envelope(), SKILL, NOW)).toEqual({ ok: true });
    const launch = launchRequest({ timestamp: new Date(NOW).toISOString() });
    expect(checkRequest(structuredClone(launch), SKILL, NOW)).toEqual({ ok: true });
  });

  it('passes a one-shot request with no session', () => {
    expect(checkRequest(withValue('session', undefined), SKILL, NOW)).toEqual({ ok: true });
  });

  it.each([null, undefined, 'a string', 42, true, [], [{}]])('refuses a body that is not a JSON object (%p) with 400', (body) => {
    expect(checkRequest(body, SKILL, NOW)).toEqual(refused(400, 'the body is not a JSON object'));
  });

  it.each([undefined, 1, null])('refuses a version of %p with 400', (version) => {
    expect(checkRequest(withValue('version', version), SKILL, NOW)).toEqual(refused(400, 'missing version'));
  });

  it.each(['context', 'context.System', 'context.System.application', 'context.System.application.applicationId'])(
    'refuses an envelope without %s with 400 (Alexa always sends it)',
    (path) => {
      expect(checkRequest(withValue(path, undefined), SKILL, NOW)).toEqual(refused(400, 'missing context.System.application.applicationId'));
    },
  );

  it('refuses a non-string application id with 400', () => {
    expect(checkRequest(withValue('context.System.application.applicationId', 7), SKILL, NOW)).toMatchObject({ status: 400 });
  });

  it('refuses a context user that is not an object with 400', () => {
    expect(checkRequest(withValue('context.System.user', 'alice'), SKILL, NOW)).toEqual(refused(400, 'malformed context.System.user'));
  });

  it.each([
    ['session', 'yes'],
    ['session.application', 'app'],
    ['session.user', []],
    ['session.attributes', 3],
  ])('refuses a malformed %s with 400', (path, value) => {
    expect(checkRequest(withValue(path, value), SKILL, NOW)).toEqual(refused(400, 'malformed session'));
  });

  it.each([
    ['request', undefined],
    ['request', 'IntentRequest'],
    ['request.type', undefined],
    ['request.type', 5],
    ['request.requestId', undefined],
    ['request.requestId', 7],
  ])('refuses %s = %p with 400', (path, value) => {
    expect(checkRequest(withValue(path, value), SKILL, NOW)).toEqual(refused(400, 'missing request type or id'));
  });

  it.each([undefined, 1767268800000, null])('refuses a timestamp of %p with 400 as missing', (timestamp) => {
    expect(checkRequest(withValue('request.timestamp', timestamp), SKILL, NOW)).toEqual(refused(400, 'missing timestamp'));
  });

  it('refuses a timestamp that is not a date with 400', () => {
    expect(checkRequest(withValue('request.timestamp', 'yesterday-ish'), SKILL, NOW)).toEqual(refused(400, 'malformed timestamp'));
  });

  it.each([
    ['request.intent', undefined],
    ['request.intent', 'AuthorizeIntent'],
    ['request.intent.name', 3],
    ['request.intent.slots', []],
    ['request.intent.slots.code', 'value'],
    ['request.intent.slots.code.value', 482913],
  ])('refuses an IntentRequest with %s = %p with 400', (path, value) => {
    expect(checkRequest(withValue(path, value), SKILL, NOW)).toEqual(refused(400, 'malformed intent'));
  });

  it('accepts an intent without slots and a slot without a value (an unfilled slot)', () => {
    expect(checkRequest(withValue('request.intent.slots', undefined), SKILL, NOW)).toEqual({ ok: true });
    expect(checkRequest(withValue('request.intent.slots.code.value', undefined), SKILL, NOW)).toEqual({ ok: true });
  });

  it.each(['context.System.application.applicationId', 'session.application.applicationId'])('refuses another skill id in %s with 403', (path) => {
    expect(checkRequest(withValue(path, 'amzn1.ask.skill.someone-else'), SKILL, NOW)).toEqual(refused(403, 'wrong skill id'));
  });

  it('refuses an id that only starts like ours with 403', () => {
    expect(checkRequest(withValue('context.System.application.applicationId', `${SKILL}-not`), SKILL, NOW)).toMatchObject({
      status: 403,
    });
  });

  it.each(['context.System.user', 'session.user', 'session.attributes'])('accepts an envelope without %s (each is optional in the envelope)', (path) => {
    expect(checkRequest(withValue(path, undefined), SKILL, NOW)).toEqual({ ok: true });
  });

  it('refuses an intent when any one of its slots is malformed, even if another is well formed', () => {
    const body = envelope();
    body.request.intent.slots.spare = { name: 'spare', value: 7 };
    expect(checkRequest(body, SKILL, NOW)).toEqual(refused(400, 'malformed intent'));
  });

  it('accepts a session that names no application (the context names ours)', () => {
    expect(checkRequest(withValue('session.application', undefined), SKILL, NOW)).toEqual({ ok: true });
  });

  it('accepts a timestamp up to 150 s off either way and refuses one a millisecond more with 403', () => {
    expect(MAX_TIMESTAMP_SKEW_MS).toBe(150_000);
    for (const at of [NOW - 150_000, NOW + 150_000]) expect(checkRequest(envelope(at), SKILL, NOW)).toEqual({ ok: true });
    for (const at of [NOW - 150_001, NOW + 150_001]) {
      expect(checkRequest(envelope(at), SKILL, NOW)).toEqual(refused(403, 'timestamp too far from now'));
    }
  });

  it('checks the shape first, then the skill id, then the time', () => {
    const foreignAndStale = envelope(NOW - 3_600_000);
    foreignAndStale.context.System.application.applicationId = 'amzn1.ask.skill.other';
    expect(checkRequest(foreignAndStale, SKILL, NOW)).toEqual(refused(403, 'wrong skill id'));

    foreignAndStale.request.requestId = undefined;
    expect(checkRequest(foreignAndStale, SKILL, NOW)).toEqual(refused(400, 'missing request type or id'));
  });
});
