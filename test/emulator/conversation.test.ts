import { describeOnEmulator, CONVERSATION_TIMEOUT_MS } from './support/describe-on-emulator';

const CODE_SENT =
  /^To confirm starting splunk I (sent a 6-digit code to your phone ending in \d \d|am sending you a code)\. Say authorize and the code( when it arrives)?\.$/;

/** The synthesized stack on moto: the skill's bundle answers Alexa envelopes through Lambda's Invoke API. */
describeOnEmulator('the conversation on the emulated AWS account', (account) => {
  jest.setTimeout(CONVERSATION_TIMEOUT_MS);

  it('"list instances" names the tagged instances and their EC2 states', async () => {
    const speech = await account().say(account().seeded('alice'), 'ListInstancesIntent');

    expect(speech).toMatch(/^You have \w+ instances: .+\.$/);
    // In EC2's order; tests running beside this one tag instances of their own (box…).
    const states = Object.fromEntries([...speech.matchAll(/(\w+) is (\w+)/g)].map(([, alias, state]) => [alias, state]));
    expect(states).toMatchObject({ splunk: 'stopped', web: 'running', build: 'stopped' });
  });

  it('start splunk → SMS on the emulated phone → authorize: the instance runs, the execution succeeds, the audit log has the trail', async () => {
    const carol = await account().newPerson(['*']);
    expect(await account().say(carol, 'StartInstanceIntent', { instance: 'splunk' })).toMatch(CODE_SENT);
    const code = await account().codeTexted(carol);

    expect(await account().say(carol, 'AuthorizeIntent', { code })).toMatch(/^Code accepted\. (I have started splunk|Starting splunk is under way)\.$/);

    const [execution] = await account().executionsOf(carol.userId);
    expect(await account().executionEnds(execution!.executionArn!)).toEqual({ status: 'SUCCEEDED' });
    expect(['pending', 'running']).toContain(await account().instanceState('splunk'));
    const commandId = execution!.input.command.commandId;
    expect(await account().wholeAuditTrail(commandId)).toEqual(['Command Requested', 'Code Sent', 'Code Verified', 'Action Succeeded']);
  });

  it('three wrong codes cancel the command, and the right code no longer works', async () => {
    const dave = await account().newPerson(['*']);
    // build: the first test left splunk running, and a start of a running instance is refused before any code.
    await account().say(dave, 'StartInstanceIntent', { instance: 'build' });
    const code = await account().codeTexted(dave);
    const wrong = code === '111111' ? '222222' : '111111';

    expect(await account().say(dave, 'AuthorizeIntent', { code: wrong })).toBe("That code didn't match. You have 2 tries left.");
    expect(await account().say(dave, 'AuthorizeIntent', { code: wrong })).toBe("That code didn't match. You have 1 try left.");
    expect(await account().say(dave, 'AuthorizeIntent', { code: wrong })).toBe('Too many wrong codes. I cancelled starting build.');

    const [execution] = await account().executionsOf(dave.userId);
    expect(await account().executionEnds(execution!.executionArn!)).toEqual({ status: 'FAILED', error: 'CommandCancelled' });
    expect(await account().say(dave, 'AuthorizeIntent', { code })).toBe('There is no command waiting for a code.');
  });

  it('a resend by text and one by e-mail each deliver a new code; only the newest confirms', async () => {
    const erin = await account().newPerson(['*']);
    await account().say(erin, 'StopInstanceIntent', { instance: 'web' });
    const first = await account().codeTexted(erin);

    expect(await account().say(erin, 'SendCodeIntent', { channel: 'text' })).toMatch(/^I sent a new code to your phone ending in \d \d\.$/);
    const texted = await account().codeTexted(erin, 1);
    expect(await account().say(erin, 'SendCodeIntent', { channel: 'email' })).toBe('I sent a new code to your e-mail.');
    const emailed = await account().codeEmailed(erin.email);

    if (first !== emailed) expect(await account().say(erin, 'AuthorizeIntent', { code: first })).toMatch(/didn't match/);
    if (texted !== emailed) expect(await account().say(erin, 'AuthorizeIntent', { code: texted })).toMatch(/didn't match/);
    expect(await account().say(erin, 'AuthorizeIntent', { code: emailed })).toMatch(/^Code accepted\. (I have stopped web|Stopping web is under way)\.$/);
  });

  it('"cancel" ends the pending command without acting', async () => {
    const frank = await account().newPerson(['*']);
    // A stopped instance cannot be rebooted (refused before any code), so frank starts build instead.
    await account().say(frank, 'StartInstanceIntent', { instance: 'build' });
    const code = await account().codeTexted(frank);

    expect(await account().say(frank, 'AMAZON.CancelIntent')).toBe('Cancelled starting build.');

    const [execution] = await account().executionsOf(frank.userId);
    expect(await account().executionEnds(execution!.executionArn!)).toEqual({ status: 'FAILED', error: 'CommandCancelled' });
    expect(await account().say(frank, 'AuthorizeIntent', { code })).toBe('There is no command waiting for a code.');
  });

  it('bob may not start splunk: refused with no execution and no code', async () => {
    const bob = account().seeded('bob');
    expect(await account().say(bob, 'StartInstanceIntent', { instance: 'splunk' })).toBe('Sorry, you are not allowed to control splunk.');
  });
});
