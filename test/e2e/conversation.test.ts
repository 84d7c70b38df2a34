import { ALICE_EMAIL, ALICE_PHONE, LocalStackHarness, speechOf } from '../support/local-stack-harness';

/** Every row of docs/product.md's conversation table, over HTTP with Alexa envelopes. */
describe('the conversation', () => {
  let vg: LocalStackHarness;

  beforeEach(async () => {
    vg = await LocalStackHarness.start();
  });
  afterEach(async () => {
    await vg.close();
  });

  it('opening the skill welcomes and names two things to try, touching nothing', async () => {
    const reply = await vg.launch('alice');

    expect(reply.status).toBe(200);
    expect(speechOf(reply)).toMatch(/list instances.*start splunk/i);
    expect(await vg.executions()).toHaveLength(0);
  });

  it('"list instances" names the user\'s instances and their states, without a code', async () => {
    expect(await vg.say('alice', 'ListInstancesIntent')).toBe('You have three instances: splunk is stopped, web is running, build is stopped.');
    expect(await vg.say('bob', 'ListInstancesIntent')).toBe('You have one instance: web is running.');
    expect(await vg.outbox()).toHaveLength(0);
  });

  it('"start splunk" starts a workflow and sends a code naming the action to the phone', async () => {
    const speech = await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });

    expect(speech).toBe('To confirm starting splunk I sent a 6-digit code to your phone ending in 0 1. Say authorize and the code.');
    const [message] = await vg.outbox();
    expect(message).toMatchObject({ channel: 'sms', to: ALICE_PHONE });
    expect(message!.body).toMatch(/^VoiceGate code \d{6} to start splunk\. Expires in 5 minutes\. Didn't ask\? Ignore this message\.$/);
    const execution = await vg.latestExecution();
    expect(execution).toMatchObject({ status: 'RUNNING', userId: 'alice', action: 'start', target: 'splunk' });
    expect(await vg.trailOf(execution.commandId)).toEqual(['Command Requested', 'Code Sent']);
    expect(await vg.instanceState('splunk')).toBe('stopped');
  });

  it.each(['authorize', 'authenticate', 'the code is'])('"%s <code>" performs the action', async () => {
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    const code = await vg.lastCodeSentTo(ALICE_PHONE);

    expect(await vg.say('alice', 'AuthorizeIntent', { code })).toBe('Code accepted. I have started splunk.');

    const execution = await vg.latestExecution();
    expect(execution.status).toBe('SUCCEEDED');
    expect(['pending', 'running']).toContain(await vg.instanceState('splunk'));
    expect(await vg.trailOf(execution.commandId)).toEqual(['Command Requested', 'Code Sent', 'Code Verified', 'Action Succeeded']);
  });

  it('stop and reboot work the same way', async () => {
    await vg.say('alice', 'StopInstanceIntent', { instance: 'web' });
    expect(await vg.say('alice', 'AuthorizeIntent', { code: await vg.lastCodeSentTo(ALICE_PHONE) })).toBe('Code accepted. I have stopped web.');
    expect(['stopping', 'stopped']).toContain(await vg.instanceState('web'));

    await vg.say('alice', 'StartInstanceIntent', { instance: 'build' });
    await vg.say('alice', 'AuthorizeIntent', { code: await vg.lastCodeSentTo(ALICE_PHONE) });
    await vg.stack.fleet.list(); // settle
    expect((await vg.executions()).map((e) => e.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
  });

  it('a wrong code counts an attempt and says how many are left', async () => {
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    const code = await vg.lastCodeSentTo(ALICE_PHONE);
    const wrong = code === '111111' ? '222222' : '111111';

    expect(await vg.say('alice', 'AuthorizeIntent', { code: wrong })).toBe("That code didn't match. You have 2 tries left.");
    expect(await vg.say('alice', 'AuthorizeIntent', { code: wrong })).toBe("That code didn't match. You have 1 try left.");

    const rejected = (await vg.audit()).filter((e) => e.detailType === 'Code Rejected');
    expect(rejected.map((e) => e.detail.attemptsLeft)).toEqual([2, 1]);
    expect((await vg.latestExecution()).status).toBe('RUNNING');
  });

  it('the third wrong code cancels the command (S5)', async () => {
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    const code = await vg.lastCodeSentTo(ALICE_PHONE);
    const wrong = code === '111111' ? '222222' : '111111';
    await vg.say('alice', 'AuthorizeIntent', { code: wrong });
    await vg.say('alice', 'AuthorizeIntent', { code: wrong });

    expect(await vg.say('alice', 'AuthorizeIntent', { code: wrong })).toBe('Too many wrong codes. I cancelled starting splunk.');

    const execution = await vg.settled((await vg.latestExecution()).executionId);
    expect(execution.status).toBe('FAILED');
    expect(await vg.trailOf(execution.commandId)).toEqual([
      'Command Requested',
      'Code Sent',
      'Code Rejected',
      'Code Rejected',
      'Code Rejected',
      'Command Cancelled',
    ]);
    expect(await vg.say('alice', 'AuthorizeIntent', { code })).toBe('There is no command waiting for a code.');
    expect(await vg.instanceState('splunk')).toBe('stopped');
  });

  it('"send the code by email" voids the old code and sends a new one to the inbox', async () => {
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    const oldCode = await vg.lastCodeSentTo(ALICE_PHONE);

    expect(await vg.say('alice', 'SendCodeIntent', { channel: 'email' })).toBe('I sent a new code to your e-mail.');

    const newCode = await vg.lastCodeSentTo(ALICE_EMAIL);
    const [, email] = await vg.outbox();
    expect(email).toMatchObject({ channel: 'email', to: ALICE_EMAIL });
    if (oldCode !== newCode) {
      expect(await vg.say('alice', 'AuthorizeIntent', { code: oldCode })).toMatch(/didn't match/);
    }
    expect(await vg.say('alice', 'AuthorizeIntent', { code: newCode })).toBe('Code accepted. I have started splunk.');
    const sent = (await vg.audit()).filter((e) => e.detailType === 'Code Sent').map((e) => e.detail.channel);
    expect(sent).toEqual(['sms', 'email']);
  });

  it('"authenticate text" and "send the code again" resend by text', async () => {
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });

    expect(await vg.say('alice', 'SendCodeIntent', { channel: 'text' })).toBe('I sent a new code to your phone ending in 0 1.');
    expect(await vg.say('alice', 'SendCodeIntent', {})).toBe('I sent a new code to your phone ending in 0 1.');

    expect((await vg.outbox()).map((m) => m.channel)).toEqual(['sms', 'sms', 'sms']);
  });

  it('"cancel" while a code is pending cancels the command', async () => {
    await vg.say('alice', 'RebootInstanceIntent', { instance: 'web' });
    const code = await vg.lastCodeSentTo(ALICE_PHONE);

    expect(await vg.say('alice', 'AMAZON.CancelIntent')).toBe('Cancelled rebooting web.');

    const execution = await vg.settled((await vg.latestExecution()).executionId);
    expect(execution.status).toBe('FAILED');
    expect((await vg.trailOf(execution.commandId)).at(-1)).toBe('Command Cancelled');
    expect(await vg.say('alice', 'AuthorizeIntent', { code })).toBe('There is no command waiting for a code.');
  });

  it('any command with no linked account asks to link it, with a LinkAccount card, and does nothing else', async () => {
    for (const [intent, slots] of [
      ['ListInstancesIntent', {}],
      ['StartInstanceIntent', { instance: 'splunk' }],
      ['AuthorizeIntent', { code: '123456' }],
      ['SendCodeIntent', { channel: 'email' }],
    ] as const) {
      const reply = await vg.intent(undefined, intent, slots);
      expect(speechOf(reply)).toBe('Please link your account in the Alexa app.');
      expect(reply.body.response?.card?.type).toBe('LinkAccount');
    }
    expect(await vg.executions()).toHaveLength(0);
    expect(await vg.outbox()).toHaveLength(0);
  });

  it('a one-shot "authorize" in a new session finds the pending command by the linked user', async () => {
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    const code = await vg.lastCodeSentTo(ALICE_PHONE);

    const reply = await vg.intent('alice', 'AuthorizeIntent', { code }, { sessionNew: true, sessionId: 'amzn1.echo-api.session.other' });

    expect(speechOf(reply)).toBe('Code accepted. I have started splunk.');
  });

  it('a code that lost its leading zeros in the number slot still matches', async () => {
    const codes = ['004217'];
    await vg.close();
    vg = await LocalStackHarness.start({}, { codes: { generate: () => codes.shift() ?? '999999' } });
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });

    expect(await vg.say('alice', 'AuthorizeIntent', { code: '4217' })).toBe('Code accepted. I have started splunk.');
  });

  it('unknown instances and unfilled slots get a clear answer and start nothing', async () => {
    expect(await vg.say('alice', 'StartInstanceIntent', { instance: 'database' })).toBe("I can't find an instance called database.");
    expect(await vg.say('alice', 'StartInstanceIntent', { instance: undefined })).toMatch(/Which instance/);
    expect(await vg.say('alice', 'AuthorizeIntent', { code: undefined })).toMatch(/say authorize and the code/i);
    expect(await vg.executions()).toHaveLength(0);
  });
});
