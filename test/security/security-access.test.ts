import { intentRequest, type EnvelopeOptions, type SlotValues } from '../fixtures/alexa/envelopes';
import { ALICE_PHONE, BOB_PHONE, speechOf, stackPerTest } from '../support/local-stack-harness';
import { tokenSignedByOtherKey, tokenSignedByStack, unsignedToken, worldState } from '../support/security-probes';

/** docs/product.md section 3, the rules about who may ask and what a request must look like (S9-S11, S15). */
describe('security rules: access and input', () => {
  const start = stackPerTest();

  const LINK_ACCOUNT = 'Please link your account in the Alexa app.';
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  it('S9: a missing, forged, expired, never-expiring, ID, future, misaddressed or unsigned token, or an unknown user, gets the LinkAccount card and changes nothing', async () => {
    const vg = await start();
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    const code = await vg.lastCodeSentTo(ALICE_PHONE);
    // The forging helpers make tokens the stack accepts when nothing is wrong with them.
    const control = await tokenSignedByStack(vg, {});
    expect(speechOf(await vg.alexa(intentRequest('ListInstancesIntent', {}, { accessToken: control })))).toMatch(/^You have three instances/);
    const before = await worldState(vg);
    const challengeBefore = await vg.stack.deps.challenges.get('alice');

    const badTokens: [string, string | undefined][] = [
      ['no token', undefined],
      ['signed by another key', await tokenSignedByOtherKey(vg)],
      ['expired', await tokenSignedByStack(vg, { exp: nowSeconds() - 60 })],
      ['without an expiry', await tokenSignedByStack(vg, { exp: null })],
      ['an ID token, not an access token', await tokenSignedByStack(vg, { token_use: 'id' })],
      ['issued an hour from now', await tokenSignedByStack(vg, { iat: nowSeconds() + 3600 })],
      ['wrong issuer', await tokenSignedByStack(vg, { iss: 'https://issuer.example.com' })],
      ['wrong audience', await tokenSignedByStack(vg, { aud: 'some-other-skill' })],
      ['alg none', unsignedToken(vg)],
      ['garbage', 'this-is-not-a-token'],
      ['valid token of a user that does not exist', await vg.stack.issuer.issue('mallory')],
    ];
    const intents: [string, SlotValues][] = [
      ['StartInstanceIntent', { instance: 'web' }],
      ['AuthorizeIntent', { code }],
      ['SendCodeIntent', { channel: 'email' }],
      ['ListInstancesIntent', {}],
    ];
    for (const [label, accessToken] of badTokens) {
      for (const [intent, slots] of intents) {
        const reply = await vg.alexa(intentRequest(intent, slots, accessToken === undefined ? {} : { accessToken }));
        expect({ label, intent, status: reply.status, speech: speechOf(reply), card: reply.body.response?.card?.type }).toEqual({
          label,
          intent,
          status: 200,
          speech: LINK_ACCOUNT,
          card: 'LinkAccount',
        });
      }
    }

    expect(await worldState(vg)).toEqual(before);
    expect(await vg.stack.deps.challenges.get('alice')).toEqual(challengeBefore);
    expect(await vg.stack.deps.challenges.get('mallory')).toBeUndefined();
    expect(await vg.say('alice', 'AuthorizeIntent', { code })).toBe('Code accepted. I have started splunk.');
  });

  it('S10: a wrong skill id or a timestamp more than 150 s off gets 403 and changes nothing; 149 s is accepted', async () => {
    const vg = await start();
    const accessToken = await vg.tokenFor('alice');
    const startSplunk = (options: EnvelopeOptions) => intentRequest('StartInstanceIntent', { instance: 'splunk' }, { accessToken, ...options });
    const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
    const before = await worldState(vg);

    const mixedSession = startSplunk({});
    mixedSession.session.application.applicationId = 'amzn1.ask.skill.someone-else';
    const mixedContext = startSplunk({});
    mixedContext.context.System.application.applicationId = 'amzn1.ask.skill.someone-else';
    const refused: [string, unknown, string][] = [
      ['wrong skill id', startSplunk({ skillId: 'amzn1.ask.skill.someone-else' }), 'wrong skill id'],
      ['session skill id differs', mixedSession, 'wrong skill id'],
      ['context skill id differs', mixedContext, 'wrong skill id'],
      ['151 s in the past', startSplunk({ timestamp: at(-151_000) }), 'timestamp too far from now'],
      ['151 s in the future', startSplunk({ timestamp: at(151_000) }), 'timestamp too far from now'],
    ];
    for (const [label, envelope, error] of refused) {
      const reply = await vg.alexa(envelope);
      expect({ label, status: reply.status, body: reply.body }).toEqual({ label, status: 403, body: { error } });
    }
    expect(await worldState(vg)).toEqual(before);
    expect(await vg.stack.deps.challenges.get('alice')).toBeUndefined();

    const past = await vg.alexa(startSplunk({ timestamp: at(-149_000) }));
    expect([past.status, speechOf(past)]).toEqual([200, expect.stringMatching(/^To confirm starting splunk I sent/)]);
    const future = await vg.alexa(intentRequest('StopInstanceIntent', { instance: 'web' }, { accessToken, timestamp: at(149_000) }));
    expect([future.status, speechOf(future)]).toEqual([200, expect.stringMatching(/^I dropped starting splunk\. To confirm stopping web I sent/)]);
    expect((await vg.executions()).map((e) => `${e.action} ${e.target}`)).toEqual(['stop web', 'start splunk']);
  });

  it('S11: bob may not start splunk (denied, audited, no code, no workflow), and his own "stop web" works end to end', async () => {
    const vg = await start();

    expect(await vg.say('bob', 'StartInstanceIntent', { instance: 'splunk' })).toBe('Sorry, you are not allowed to control splunk.');
    expect(await vg.say('bob', 'RebootInstanceIntent', { instance: 'build' })).toBe('Sorry, you are not allowed to control build.');

    const audit = await vg.audit();
    expect(audit.map((e) => [e.detailType, e.detail])).toEqual([
      ['Command Denied', expect.objectContaining({ userId: 'bob', action: 'start', target: 'splunk', reason: 'target not allowed by policy' })],
      ['Command Denied', expect.objectContaining({ userId: 'bob', action: 'reboot', target: 'build', reason: 'target not allowed by policy' })],
    ]);
    expect(await vg.outbox()).toEqual([]);
    expect(await vg.executions()).toEqual([]);
    expect(await vg.stack.deps.challenges.get('bob')).toBeUndefined();
    expect(await vg.instanceState('splunk')).toBe('stopped');

    expect(await vg.say('bob', 'StopInstanceIntent', { instance: 'web' })).toBe(
      'To confirm stopping web I sent a 6-digit code to your phone ending in 0 2. Say authorize and the code.',
    );
    const code = await vg.lastCodeSentTo(BOB_PHONE);
    expect(await vg.say('bob', 'AuthorizeIntent', { code })).toBe('Code accepted. I have stopped web.');
    const execution = await vg.latestExecution();
    expect(execution).toMatchObject({ status: 'SUCCEEDED', userId: 'bob', action: 'stop', target: 'web' });
    expect(await vg.trailOf(execution.commandId)).toEqual(['Command Requested', 'Code Sent', 'Code Verified', 'Action Succeeded']);
    expect(['stopping', 'stopped']).toContain(await vg.instanceState('web'));
  });

  it('S15: bad bodies on POST /alexa get a clear 400/413/415 and change nothing; valid JSON under any content-type works', async () => {
    const vg = await start();
    const accessToken = await vg.tokenFor('alice');
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    const code = await vg.lastCodeSentTo(ALICE_PHONE);
    const before = await worldState(vg);
    const challengeBefore = await vg.stack.deps.challenges.get('alice');
    const envelope = () => intentRequest('StartInstanceIntent', { instance: 'web' }, { accessToken });
    const withoutType = envelope() as { request: { type?: string } };
    delete withoutType.request.type;
    const oversized = envelope();
    oversized.session.attributes = { padding: 'x'.repeat(300 * 1024) };

    const refused: [string, string, string, number, string][] = [
      ['malformed JSON', '{"version": "1.0", "request": ', 'application/json', 400, 'malformed JSON body'],
      ['empty body', '', 'application/json', 400, 'missing version'],
      ['a JSON string', '"hello"', 'application/json', 400, 'malformed JSON body'],
      ['a JSON array', '[]', 'application/json', 400, 'the body is not a JSON object'],
      ['an array of envelopes', JSON.stringify([envelope()]), 'application/json', 400, 'the body is not a JSON object'],
      ['an object that is no envelope', '{"hello":"world"}', 'application/json', 400, 'missing version'],
      ['no request.type', JSON.stringify(withoutType), 'application/json', 400, 'missing request type or id'],
      ['over 256 KiB', JSON.stringify(oversized), 'application/json', 413, 'request body too large'],
      ['a charset JSON cannot be', JSON.stringify(envelope()), 'application/json; charset=latin1', 415, expect.stringMatching(/charset/) as never],
    ];
    for (const [label, body, contentType, status, error] of refused) {
      const reply = await vg.postRaw('/alexa', body, contentType);
      expect({ label, status: reply.status, body: reply.body }).toEqual({ label, status, body: { error } });
    }
    expect(await worldState(vg)).toEqual(before);
    expect(await vg.stack.deps.challenges.get('alice')).toEqual(challengeBefore);

    // Still answering; Alexa's own content-type, others and a large-but-allowed body all work.
    const list = intentRequest('ListInstancesIntent', {}, { accessToken });
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      const reply = await vg.postRaw('/alexa', JSON.stringify(list), contentType);
      expect([contentType, reply.status, speechOf(reply)]).toEqual([contentType, 200, expect.stringMatching(/^You have three instances/)]);
    }
    const large = intentRequest('ListInstancesIntent', {}, { accessToken });
    large.session.attributes = { padding: 'x'.repeat(250 * 1024) };
    expect((await vg.postRaw('/alexa', JSON.stringify(large))).status).toBe(200);
    const authorize = intentRequest('AuthorizeIntent', { code }, { accessToken });
    const reply = await vg.postRaw('/alexa', JSON.stringify(authorize), 'application/json; charset=utf-8');
    expect(speechOf(reply)).toBe('Code accepted. I have started splunk.');
    expect((await vg.latestExecution()).status).toBe('SUCCEEDED');
  });

  it('S15: POST /api/dev/users refuses bad bodies with a clear 400 and creates nothing', async () => {
    const vg = await start();
    const good = { userId: 'carol', phone: '+15555550103', email: 'carol@example.com', targets: ['web'] };
    const before = await worldState(vg);

    const refused: [string, string, number, RegExp][] = [
      ['bad phone', JSON.stringify({ ...good, userId: 'dave', phone: '555-0103' }), 400, /^phone must be an E\.164 number/],
      ['bad e-mail', JSON.stringify({ ...good, userId: 'dave', email: 'dave at example' }), 400, /^email must be an e-mail address/],
      ['targets not a list', JSON.stringify({ ...good, userId: 'dave', targets: 'web' }), 400, /^targets must be a list/],
      ['a target not a string', JSON.stringify({ ...good, userId: 'dave', targets: [5] }), 400, /^targets must be a list/],
      ['bad user id', JSON.stringify({ ...good, userId: 'dave/../../x' }), 400, /^userId must be/],
      ['no fields', '{}', 400, /^userId must be/],
      ['a JSON array', '[]', 400, /^userId must be/],
      ['malformed JSON', '{"userId": "dave",', 400, /^malformed JSON body$/],
      ['over 64 KiB', JSON.stringify({ ...good, userId: 'dave', padding: 'x'.repeat(70 * 1024) }), 413, /^request body too large$/],
    ];
    for (const [label, body, status, error] of refused) {
      const reply = (await vg.postRaw('/api/dev/users', body)) as { status: number; body: { error?: string } };
      expect({ label, status: reply.status, error: reply.body.error }).toEqual({ label, status, error: expect.stringMatching(error) });
    }
    expect(await vg.post('/api/dev/tokens', { userId: 'dave' })).toMatchObject({ status: 404 });
    expect(await worldState(vg)).toEqual(before);

    expect(await vg.post('/api/dev/users', good)).toEqual({ status: 201, body: { userId: 'carol', targets: ['web'] } });
    expect(await vg.post('/api/dev/users', { ...good, targets: ['*'] })).toMatchObject({ status: 409 });
    expect(await vg.say('carol', 'StartInstanceIntent', { instance: 'splunk' })).toBe('Sorry, you are not allowed to control splunk.');
    expect(await vg.say('carol', 'StopInstanceIntent', { instance: 'web' })).toMatch(/code to your phone ending in 0 3\./);
  });
});
