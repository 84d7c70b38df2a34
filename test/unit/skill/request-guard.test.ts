import { DEFAULT_SKILL_ID, intentRequest } from '../../fixtures/alexa/envelopes';
import { MAX_TIMESTAMP_SKEW_MS, checkRequest } from '../../../skill/request-guard';

const SKILL = DEFAULT_SKILL_ID;
const NOW = Date.parse('2026-01-01T12:00:00.000Z');

/** A well-formed intent envelope sent at `at`, as a plain object the tests may break. */
function envelope(at = NOW): Record<string, any> {
  return structuredClone(intentRequest('ListInstancesIntent', {}, { timestamp: new Date(at).toISOString() })) as never;
}

function without(path: string): Record<string, any> {
  const body = envelope();
  const keys = path.split('.');
  const last = keys.pop()!;
  delete keys.reduce((node, key) => node[key], body)[last];
  return body;
}

describe('checkRequest (S10, S15)', () => {
  it('passes a well-formed envelope for our skill sent now', () => {
    expect(checkRequest(envelope(), SKILL, NOW)).toEqual({ ok: true });
  });

  it.each([null, undefined, 'a string', 42, true, [], [envelope()]])('refuses a body that is not a JSON object (%p) with 400', (body) => {
    expect(checkRequest(body, SKILL, NOW)).toEqual({ ok: false, status: 400, reason: 'the body is not a JSON object' });
  });

  it('refuses an envelope without a version with 400', () => {
    expect(checkRequest(without('version'), SKILL, NOW)).toEqual({ ok: false, status: 400, reason: 'missing version' });
    expect(checkRequest({ ...envelope(), version: 1 }, SKILL, NOW)).toMatchObject({ status: 400, reason: 'missing version' });
  });

  it.each(['request', 'request.type', 'request.requestId'])('refuses an envelope without %s with 400', (path) => {
    expect(checkRequest(without(path), SKILL, NOW)).toEqual({ ok: false, status: 400, reason: 'missing request type or id' });
  });

  it('refuses a request that is not an object, or whose type or id is not a string, with 400', () => {
    expect(checkRequest({ ...envelope(), request: 'LaunchRequest' }, SKILL, NOW)).toMatchObject({ status: 400 });
    const numericId = envelope();
    numericId.request.requestId = 7;
    expect(checkRequest(numericId, SKILL, NOW)).toMatchObject({ status: 400, reason: 'missing request type or id' });
  });

  it('refuses an envelope that names no application at all with 400', () => {
    const body = without('context.System.application');
    delete body.session.application;

    expect(checkRequest(body, SKILL, NOW)).toEqual({ ok: false, status: 400, reason: 'missing application id' });
  });

  it('accepts the application id in either place alone (one-shot requests have no session)', () => {
    expect(checkRequest(without('session'), SKILL, NOW)).toEqual({ ok: true });
    expect(checkRequest(without('context.System.application'), SKILL, NOW)).toEqual({ ok: true });
  });

  it.each(['context.System.application', 'session.application'])('refuses another skill id in %s with 403', (path) => {
    const body = envelope();
    path.split('.').reduce((node, key) => node[key], body).applicationId = 'amzn1.ask.skill.someone-else';

    expect(checkRequest(body, SKILL, NOW)).toEqual({ ok: false, status: 403, reason: 'wrong skill id' });
  });

  it('refuses our id in one place with another in the other with 403', () => {
    const body = envelope();
    body.session.application.applicationId = `${SKILL}-not`;

    expect(checkRequest(body, SKILL, NOW)).toMatchObject({ ok: false, status: 403 });
  });

  it.each([
    ['missing', undefined],
    ['not a date', 'yesterday-ish'],
    ['a number', 1767268800000],
  ])('refuses a timestamp that is %s with 400', (_, timestamp) => {
    const body = envelope();
    body.request.timestamp = timestamp;

    expect(checkRequest(body, SKILL, NOW)).toEqual({ ok: false, status: 400, reason: 'missing or malformed timestamp' });
  });

  it('accepts a timestamp up to 150 s off either way and refuses one a millisecond more with 403', () => {
    expect(MAX_TIMESTAMP_SKEW_MS).toBe(150_000);
    for (const at of [NOW - 150_000, NOW + 150_000]) expect(checkRequest(envelope(at), SKILL, NOW)).toEqual({ ok: true });
    for (const at of [NOW - 150_001, NOW + 150_001]) {
      expect(checkRequest(envelope(at), SKILL, NOW)).toEqual({ ok: false, status: 403, reason: 'timestamp too far from now' });
    }
  });

  it('checks the skill id before the timestamp (a foreign, stale request is a 403 for the id)', () => {
    const body = envelope(NOW - 3_600_000);
    body.context.System.application.applicationId = 'amzn1.ask.skill.other';

    expect(checkRequest(body, SKILL, NOW)).toMatchObject({ status: 403, reason: 'wrong skill id' });
  });
});
