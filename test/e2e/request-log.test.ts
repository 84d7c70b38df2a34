/** The skill's one structured line per request, and the cause of each failure, as the local stack logs them. */
import { ALICE_PHONE, LocalStackHarness } from '../support/local-stack-harness';
import { intentRequest, launchRequest } from '../fixtures/alexa/envelopes';

describe('request log', () => {
  let vg: LocalStackHarness;
  beforeEach(async () => (vg = await LocalStackHarness.start()));
  afterEach(async () => vg.close());

  it('writes one line per request with request type, intent, user, outcome and duration, and never a code or contact', async () => {
    await vg.launch('alice');
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    const code = await vg.lastCodeSentTo(ALICE_PHONE);
    await vg.say('alice', 'AuthorizeIntent', { code });
    await vg.say('bob', 'StartInstanceIntent', { instance: 'splunk' });

    const lines = vg.log.entries.filter((entry) => entry.message === 'request');
    expect(lines.map(({ fields }) => ({ ...fields, durationMs: typeof fields.durationMs }))).toEqual([
      { requestType: 'LaunchRequest', intent: undefined, userId: 'alice', outcome: 'answered', durationMs: 'number' },
      { requestType: 'IntentRequest', intent: 'StartInstanceIntent', userId: 'alice', outcome: 'code-sent', durationMs: 'number' },
      { requestType: 'IntentRequest', intent: 'AuthorizeIntent', userId: 'alice', outcome: 'accepted-succeeded', durationMs: 'number' },
      { requestType: 'IntentRequest', intent: 'StartInstanceIntent', userId: 'bob', outcome: 'not-allowed', durationMs: 'number' },
    ]);
    const text = vg.log.text();
    expect(text).not.toMatch(new RegExp(`(?<!\\d)${code}(?!\\d)`));
    expect(text).not.toContain(ALICE_PHONE);
    expect(text).not.toContain(await vg.tokenFor('alice'));
  });

  it('an unlinked request is logged with its outcome and no user', async () => {
    await vg.alexa(launchRequest({}));
    await vg.alexa(intentRequest('ListInstancesIntent', {}, { accessToken: 'not-a-token' }));

    expect(vg.log.entries.map(({ fields }) => [fields.intent ?? fields.requestType, fields.userId, fields.outcome])).toEqual([
      ['LaunchRequest', undefined, 'answered'],
      ['ListInstancesIntent', undefined, 'link-account'],
    ]);
  });

  it('a request no handler takes logs what it was, not only the SDK dispatcher error', async () => {
    const reply = await vg.alexa(intentRequest('OrderPizzaIntent', {}, { accessToken: await vg.tokenFor('alice') }));

    expect(reply.status).toBe(200);
    expect(vg.log.errors()).toEqual([
      {
        level: 'error',
        message: 'request failed',
        fields: expect.objectContaining({
          requestType: 'IntentRequest',
          intent: 'OrderPizzaIntent',
          outcome: 'error',
          cause: 'no handler for intent OrderPizzaIntent',
        }),
      },
    ]);
  });
});
