import fc from 'fast-check';
import { buildSkill } from '../../skill/build-skill';
import { checkRequest } from '../../skill/request-guard';
import { intentRequest, launchRequest } from '../fixtures/alexa/envelopes';
import { LocalStackHarness } from '../support/local-stack-harness';

/**
 * Property-based fuzzing of POST /alexa and of the skill handlers behind it: malformed,
 * truncated, oversized and type-confused envelopes and slot values. Never a 5xx, never
 * a state change, never an echo of the access token.
 */
const INTENTS = [
  'ListInstancesIntent',
  'StartInstanceIntent',
  'StopInstanceIntent',
  'RebootInstanceIntent',
  'AuthorizeIntent',
  'SendCodeIntent',
  'DeviceCommandIntent',
  'DeviceStatusIntent',
  'AMAZON.CancelIntent',
  'AMAZON.HelpIntent',
  'AMAZON.StopIntent',
  'AMAZON.FallbackIntent',
  'NoSuchIntent',
];
const SLOT_NAMES = ['instance', 'code', 'channel', 'action', 'device'];
const REAL_TARGETS = new Set(['splunk', 'web', 'build']);
const HTTP_RUNS = 4000;
const HANDLER_RUNS = 6000;

type Json = Record<string, unknown>;

/** A slot value that is anything but one of the seeded instance names (those may legitimately act). */
const slotValue = fc
  .oneof(fc.string({ maxLength: 40 }), fc.stringMatching(/^\d{0,12}$/), fc.string({ unit: 'grapheme', maxLength: 20 }))
  .filter((value) => !REAL_TARGETS.has(value.trim().toLowerCase()));

const validEnvelope = (token: string) =>
  fc
    .record({
      intent: fc.constantFrom(...INTENTS),
      slots: fc.dictionary(fc.constantFrom(...SLOT_NAMES), fc.option(slotValue, { nil: undefined }), { maxKeys: 3 }),
    })
    .map(({ intent, slots }) => intentRequest(intent, slots, { accessToken: token }) as unknown as Json);

/** Replace, delete or retype one field somewhere in the envelope. */
function mutate(envelope: Json, path: string[], replacement: unknown, remove: boolean): Json {
  const copy = structuredClone(envelope);
  let node: Json = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) return copy;
    node = node[key] as Json;
  }
  const last = path.at(-1)!;
  if (remove) delete node[last];
  else node[last] = replacement;
  return copy;
}

const PATHS = [
  ['version'],
  ['session'],
  ['session', 'user'],
  ['session', 'user', 'accessToken'],
  ['session', 'attributes'],
  ['context'],
  ['context', 'System'],
  ['context', 'System', 'user', 'accessToken'],
  ['context', 'System', 'application', 'applicationId'],
  ['request'],
  ['request', 'type'],
  ['request', 'requestId'],
  ['request', 'timestamp'],
  ['request', 'intent'],
  ['request', 'intent', 'name'],
  ['request', 'intent', 'slots'],
  ['request', 'intent', 'slots', 'code'],
  ['request', 'intent', 'slots', 'code', 'value'],
  ['request', 'intent', 'slots', 'instance', 'value'],
  ['request', 'locale'],
];

const typeConfused = (token: string) =>
  fc
    .tuple(validEnvelope(token), fc.constantFrom(...PATHS), fc.anything({ maxDepth: 2 }), fc.boolean())
    .map(([envelope, path, replacement, remove]) => mutate(envelope, path, replacement, remove));

/** Bodies as bytes on the wire: type-confused JSON, truncated JSON, junk, and oversized bodies. */
const httpBody = (token: string) =>
  fc.oneof(
    { weight: 5, arbitrary: typeConfused(token).map((e) => JSON.stringify(e)) },
    {
      weight: 2,
      arbitrary: fc.tuple(validEnvelope(token), fc.nat()).map(([e, n]) => {
        const text = JSON.stringify(e);
        return text.slice(0, n % text.length);
      }),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.constantFrom('', 'null', '[]', '"x"', '1e999', '{"__proto__":{"polluted":1}}') },
  );

describe('fuzzing the Alexa endpoint (S15)', () => {
  let vg: LocalStackHarness;
  let token: string;
  const sawStatus = new Map<number, number>();

  beforeAll(async () => {
    vg = await LocalStackHarness.start();
    token = await vg.tokenFor('alice');
  });
  afterAll(async () => {
    await vg.close();
  });

  async function expectNoStateChange(): Promise<void> {
    expect(await vg.executions()).toEqual([]);
    expect(await vg.outbox()).toEqual([]);
    expect(await vg.audit()).toEqual([]);
    expect(await vg.stack.deps.challenges.get('alice')).toBeUndefined();
    expect(await vg.instanceState('splunk')).toBe('stopped');
  }

  it(`answers ${HTTP_RUNS} malformed HTTP bodies without a 5xx or an echo of the token`, async () => {
    await fc.assert(
      fc.asyncProperty(httpBody(token), async (body) => {
        const response = await fetch(`${vg.stack.url}/alexa`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const text = await response.text();
        sawStatus.set(response.status, (sawStatus.get(response.status) ?? 0) + 1);
        expect(response.status).toBeLessThan(500);
        expect(text).not.toContain(token);
      }),
      { numRuns: HTTP_RUNS },
    );
    await expectNoStateChange();
    expect([...sawStatus.keys()].sort()).toEqual(expect.arrayContaining([200, 400]));
  }, 120_000);

  it('refuses oversized bodies with 413 and keeps serving', async () => {
    const huge = JSON.stringify({ ...launchRequest({ accessToken: token }), padding: 'x'.repeat(300 * 1024) });
    const response = await fetch(`${vg.stack.url}/alexa`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: huge });

    expect(response.status).toBe(413);
    expect((await vg.launch('alice')).status).toBe(200);
    await expectNoStateChange();
  });

  it(`runs ${HANDLER_RUNS} type-confused envelopes through the request guard and the skill handlers without a throw`, async () => {
    const skill = buildSkill(vg.stack.deps, { skillId: vg.config.skillId, logger: vg.log });
    let reachedHandlers = 0;
    await fc.assert(
      fc.asyncProperty(typeConfused(token), async (envelope) => {
        if (!checkRequest(envelope, vg.config.skillId, Date.now()).ok) return;
        reachedHandlers++;
        const reply = JSON.stringify(await skill.invoke(envelope as never));
        expect(reply).not.toContain(token);
      }),
      { numRuns: HANDLER_RUNS },
    );
    await expectNoStateChange();
    expect(reachedHandlers).toBeGreaterThan(HANDLER_RUNS / 4);
  }, 120_000);
});
