import { createHash, createHmac } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '../../functions/ports/clock';
import { taskTokenOf } from '../../functions/use-cases/issue-challenge';
import { ALICE_EMAIL, ALICE_PHONE, BOB_PHONE, stackPerTest } from '../support/local-stack-harness';
import { codeSequence, otherCode } from '../support/security-probes';

/** docs/product.md section 3, the rules about the codes themselves (S1-S8, S13), end to end over HTTP. */
describe('security rules: one-time codes', () => {
  const start = stackPerTest();

  const NOTHING_PENDING = 'There is no command waiting for a code.';

  it('S1: codes are 6 digits by default and 8 digits when codeDigits is 8', async () => {
    let vg = await start();
    expect(await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' })).toBe(
      'To confirm starting splunk I sent a 6-digit code to your phone ending in 0 1. Say authorize and the code.',
    );
    expect(await vg.lastCodeSentTo(ALICE_PHONE)).toMatch(/^\d{6}$/);
    const challenge = (await vg.stack.deps.challenges.get('alice'))!;
    expect(challenge.expiresAt - challenge.issuedAt).toBe(300_000); // S4's default lifetime

    await vg.close();
    vg = await start({}, { settings: { codeDigits: 8 } });
    expect(await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' })).toMatch(
      /^To confirm starting splunk I sent an? 8-digit code to your phone ending in 0 1\. Say authorize and the code\.$/,
    );
    const code = await vg.lastCodeSentTo(ALICE_PHONE);
    expect(code).toMatch(/^\d{8}$/);
    // Six of the eight digits are not the code.
    expect(await vg.say('alice', 'AuthorizeIntent', { code: code.slice(0, 6) })).toBe("That code didn't match. You have 2 tries left.");
    expect(await vg.say('alice', 'AuthorizeIntent', { code })).toBe('Code accepted. I have started splunk.');
    expect((await vg.latestExecution()).status).toBe('SUCCEEDED');
  });

  it('S2: the challenge store holds a keyed hash of the code, never the code or its plain hash', async () => {
    const vg = await start();
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    const code = await vg.lastCodeSentTo(ALICE_PHONE);
    const { commandId } = await vg.latestExecution();

    const stored = (await vg.stack.deps.challenges.get('alice'))!;

    expect(stored).toMatchObject({ userId: 'alice', commandId, status: 'pending', attemptsLeft: 3 });
    for (const [field, value] of Object.entries(stored)) {
      if (typeof value === 'string') expect({ field, hasCode: value.includes(code) }).toEqual({ field, hasCode: false });
      else expect({ field, value }).not.toEqual({ field, value: Number(code) });
    }
    const plainHashes = [code, `alice\n${commandId}\n${code}`].flatMap((input) =>
      (['hex', 'base64', 'base64url'] as const).map((encoding) => createHash('sha256').update(input).digest(encoding)),
    );
    expect(plainHashes).not.toContain(stored.codeHash);
    expect(stored.codeHash).not.toBe(code);
    // It is HMAC-SHA-256 under the data dir's server-side secret, bound to user and command.
    const secretPath = join(vg.config.dataDir, 'code-hash-secret');
    const secret = readFileSync(secretPath);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(secretPath).mode & 0o077).toBe(0);
    expect(stored.codeHash).toBe(createHmac('sha256', secret).update(`alice\n${commandId}\n${code}`).digest('base64url'));
  });

  it('S3: the same correct code said 20 times at once is accepted exactly once, then never again', async () => {
    const vg = await start();
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    const code = await vg.lastCodeSentTo(ALICE_PHONE);
    const { executionId, commandId } = await vg.latestExecution();
    const taskToken = await vg.pendingTaskToken('alice');
    await vg.tokenFor('alice');

    const replies = await Promise.all(Array.from({ length: 20 }, () => vg.say('alice', 'AuthorizeIntent', { code })));

    expect(replies.filter((r) => /^Code accepted\./.test(r))).toHaveLength(1);
    expect(replies.filter((r) => r === NOTHING_PENDING)).toHaveLength(19);
    const execution = await vg.settled(executionId);
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.history!.filter((e) => e.type === 'StateEntered' && e.stateName === 'Perform Action')).toHaveLength(1);
    expect(await vg.trailOf(commandId)).toEqual(['Command Requested', 'Code Sent', 'Code Verified', 'Action Succeeded']);
    expect(await vg.stack.deps.ledger.status(commandId)).toBe('performed');
    expect(await vg.stack.deps.challenges.get('alice')).toMatchObject({ status: 'verified', version: 2, attemptsLeft: 3 });
    expect(['pending', 'running']).toContain(await vg.instanceState('splunk'));

    expect(await vg.say('alice', 'AuthorizeIntent', { code })).toBe(NOTHING_PENDING);
    await expect(vg.stack.engine.sendTaskSuccess(taskToken, {})).rejects.toMatchObject({ name: 'TaskTimedOut' });
    expect(await vg.trailOf(commandId)).toEqual(['Command Requested', 'Code Sent', 'Code Verified', 'Action Succeeded']);
  });

  it('S4: a code expires: the workflow ends itself as Challenge Expired and the right code is then refused', async () => {
    const vg = await start({ settings: { codeTtlSeconds: 2 } });
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    const code = await vg.lastCodeSentTo(ALICE_PHONE);
    const { executionId, commandId } = await vg.latestExecution();
    const challenge = (await vg.stack.deps.challenges.get('alice'))!;
    expect(challenge.expiresAt - challenge.issuedAt).toBe(2000);

    // Nobody speaks to the skill: only the execution is read until it ends.
    const execution = await vg.settled(executionId, 5000);

    expect(execution).toMatchObject({ status: 'FAILED', error: 'ChallengeExpired' });
    expect(Date.parse(execution.stoppedAt!) - Date.parse(execution.startedAt)).toBeGreaterThanOrEqual(1900);
    expect(execution.history).toContainEqual(expect.objectContaining({ type: 'StateFailed', stateName: 'Send Code And Wait', error: 'States.Timeout' }));
    expect(await vg.trailOf(commandId)).toEqual(['Command Requested', 'Code Sent', 'Challenge Expired']);

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, challenge.expiresAt - Date.now())));
    expect(await vg.say('alice', 'AuthorizeIntent', { code })).toBe('That code has expired. Please ask again.');
    expect(await vg.say('alice', 'SendCodeIntent', {})).toBe(NOTHING_PENDING);

    expect(await vg.trailOf(commandId)).toEqual(['Command Requested', 'Code Sent', 'Challenge Expired']);
    expect(await vg.outbox()).toHaveLength(1);
    expect(await vg.stack.deps.ledger.status(commandId)).toBeUndefined();
    expect(await vg.instanceState('splunk')).toBe('stopped');
    await expect(vg.stack.engine.sendTaskSuccess(await taskTokenOf(vg.stack.deps, challenge), {})).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  it("S5: the third wrong code cancels the command; 'Command Cancelled' carries reason TooManyAttempts", async () => {
    const vg = await start({}, { codes: codeSequence('482913') });
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    const { executionId, commandId } = await vg.latestExecution();

    expect(await vg.say('alice', 'AuthorizeIntent', { code: '111111' })).toBe("That code didn't match. You have 2 tries left.");
    expect(await vg.say('alice', 'AuthorizeIntent', { code: '111111' })).toBe("That code didn't match. You have 1 try left.");
    expect(await vg.say('alice', 'AuthorizeIntent', { code: '111111' })).toBe('Too many wrong codes. I cancelled starting splunk.');

    expect(await vg.settled(executionId)).toMatchObject({ status: 'FAILED', error: 'CommandCancelled' });
    const events = (await vg.audit()).filter((e) => e.detail.commandId === commandId);
    expect(events.filter((e) => e.detailType === 'Code Rejected').map((e) => e.detail.attemptsLeft)).toEqual([2, 1, 0]);
    expect(events.filter((e) => e.detailType === 'Command Cancelled').map((e) => e.detail)).toEqual([
      expect.objectContaining({ reason: 'TooManyAttempts', userId: 'alice', executionId, action: 'start', target: 'splunk' }),
    ]);
    expect(await vg.stack.deps.challenges.get('alice')).toMatchObject({ status: 'cancelled', attemptsLeft: 0 });
    expect(await vg.say('alice', 'AuthorizeIntent', { code: '482913' })).toBe(NOTHING_PENDING);
    expect(await vg.instanceState('splunk')).toBe('stopped');
    expect(await vg.stack.deps.ledger.status(commandId)).toBeUndefined();
  });

  it("S6: a code verifies only its own user's command", async () => {
    const vg = await start({}, { codes: codeSequence('482913', '650174') });
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    const alices = await vg.latestExecution();
    const aliceBefore = await vg.stack.deps.challenges.get('alice');

    // bob, with nothing pending, speaks alice's code
    expect(await vg.say('bob', 'AuthorizeIntent', { code: '482913' })).toBe(NOTHING_PENDING);
    expect(await vg.stack.deps.challenges.get('alice')).toEqual(aliceBefore);
    expect(aliceBefore).toMatchObject({ attemptsLeft: 3, version: 1 });

    // carol, with a command of her own pending, speaks alice's code
    const carol = { userId: 'carol', phone: '+15555550103', email: 'carol@example.com', targets: ['build'] };
    expect(await vg.post('/api/dev/users', carol)).toEqual({ status: 201, body: { userId: 'carol', targets: ['build'] } });
    expect(await vg.post('/api/dev/users', carol)).toEqual({ status: 409, body: { error: 'user "carol" already exists' } });
    expect(await vg.say('carol', 'StartInstanceIntent', { instance: 'build' })).toMatch(/code to your phone ending in 0 3\./);
    const carols = await vg.latestExecution();
    expect(await vg.say('carol', 'AuthorizeIntent', { code: '482913' })).toBe("That code didn't match. You have 2 tries left.");
    expect(await vg.stack.deps.challenges.get('alice')).toEqual(aliceBefore);
    expect(await vg.stack.deps.challenges.get('carol')).toMatchObject({ commandId: carols.commandId, attemptsLeft: 2 });
    const rejected = (await vg.audit()).filter((e) => e.detailType === 'Code Rejected');
    expect(rejected.map((e) => [e.detail.userId, e.detail.commandId])).toEqual([['carol', carols.commandId]]);

    expect(await vg.say('alice', 'AuthorizeIntent', { code: '482913' })).toBe('Code accepted. I have started splunk.');
    expect((await vg.execution(alices.executionId)).status).toBe('SUCCEEDED');
    expect((await vg.execution(carols.executionId)).status).toBe('RUNNING');
    expect(await vg.instanceState('build')).toBe('stopped');
  });

  it('S7 + S13: a new command supersedes the pending one, and each code authorizes only its own command', async () => {
    const vg = await start({}, { codes: codeSequence('111111', '222222') });
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    const first = await vg.latestExecution();
    const firstToken = await vg.pendingTaskToken('alice');

    expect(await vg.say('alice', 'StopInstanceIntent', { instance: 'web' })).toMatch(/^I dropped starting splunk\. To confirm stopping web I sent/);
    const second = await vg.latestExecution();

    expect(await vg.settled(first.executionId)).toMatchObject({ status: 'FAILED', error: 'CommandSuperseded' });
    expect(await vg.trailOf(first.commandId)).toEqual(['Command Requested', 'Code Sent', 'Command Superseded']);
    expect((await vg.outbox()).map((m) => m.body.slice(0, 37))).toEqual(['VoiceGate code 111111 to start splunk', 'VoiceGate code 222222 to stop web. Ex']);

    expect(await vg.say('alice', 'AuthorizeIntent', { code: '111111' })).toBe("That code didn't match. You have 2 tries left.");
    expect(await vg.say('alice', 'AuthorizeIntent', { code: '222222' })).toBe('Code accepted. I have stopped web.');

    expect((await vg.settled(second.executionId)).status).toBe('SUCCEEDED');
    expect(await vg.trailOf(second.commandId)).toEqual(['Command Requested', 'Code Sent', 'Code Rejected', 'Code Verified', 'Action Succeeded']);
    expect(['stopping', 'stopped']).toContain(await vg.instanceState('web'));
    expect(await vg.instanceState('splunk')).toBe('stopped');
    expect(await vg.stack.deps.ledger.status(first.commandId)).toBeUndefined();
    await expect(vg.stack.engine.sendTaskSuccess(firstToken, {})).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  it('S8: the 6th code send in 15 minutes is refused (resends count, a channel switch does not), saying when; other users are unaffected; it reopens', async () => {
    const windowStart = Date.UTC(2026, 10, 5, 10, 0, 0);
    let now = windowStart;
    // Time stands still unless the test moves it; waits end on their outcome, in real time.
    const vg = await start({}, { clock: { now: () => now, sleep: systemClock.sleep } });
    const limit = (minutes: number) => `You have asked for too many codes. You can ask for a new code in ${minutes} minutes.`;

    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' }); // 1
    expect(await vg.say('alice', 'SendCodeIntent', {})).toBe('I sent a new code to your phone ending in 0 1.'); // 2
    expect(await vg.say('alice', 'SendCodeIntent', { channel: 'email' })).toBe('I sent a new code to your e-mail.'); // a switch: free
    await vg.say('alice', 'StopInstanceIntent', { instance: 'web' }); // 3
    const pending = await vg.latestExecution();
    expect(await vg.say('alice', 'SendCodeIntent', {})).toBe('I sent a new code to your phone ending in 0 1.'); // 4
    expect(await vg.say('alice', 'SendCodeIntent', {})).toBe('I sent a new code to your phone ending in 0 1.'); // 5
    now += 60_000;

    expect(await vg.say('alice', 'SendCodeIntent', {})).toBe(limit(14));
    expect(await vg.say('alice', 'StartInstanceIntent', { instance: 'build' })).toBe(limit(14));

    expect((await vg.outbox()).map((m) => m.to)).toEqual([ALICE_PHONE, ALICE_PHONE, ALICE_EMAIL, ALICE_PHONE, ALICE_PHONE, ALICE_PHONE]);
    expect((await vg.audit()).filter((e) => e.detailType === 'Code Sent')).toHaveLength(6);
    const denied = (await vg.audit()).filter((e) => e.detailType === 'Command Denied');
    expect(denied.map((e) => e.detail)).toEqual([
      expect.objectContaining({ userId: 'alice', action: 'start', target: 'build', reason: 'code send limit reached' }),
    ]);
    expect(await vg.executions()).toHaveLength(2);
    expect(await vg.stack.deps.challenges.get('alice')).toMatchObject({ commandId: pending.commandId, status: 'pending' });

    expect(await vg.say('bob', 'StopInstanceIntent', { instance: 'web' })).toMatch(/^To confirm stopping web I sent a 6-digit code/);
    expect((await vg.outbox()).at(-1)?.to).toBe(BOB_PHONE);

    now = windowStart + 15 * 60_000 - 1000;
    expect(await vg.say('alice', 'StartInstanceIntent', { instance: 'build' })).toBe(
      'You have asked for too many codes. You can ask for a new code in 1 minute.',
    );
    now = windowStart + 15 * 60_000;
    expect(await vg.say('alice', 'StartInstanceIntent', { instance: 'build' })).toMatch(/^To confirm starting build I sent/);
    expect((await vg.outbox()).at(-1)).toMatchObject({ to: ALICE_PHONE, body: expect.stringMatching(/ to start build\./) });
    expect((await vg.audit()).filter((e) => e.detailType === 'Command Denied')).toHaveLength(2);
    const code = await vg.lastCodeSentTo(ALICE_PHONE);
    expect(await vg.say('alice', 'AuthorizeIntent', { code: otherCode(code) })).toMatch(/didn't match/);
    expect(await vg.say('alice', 'AuthorizeIntent', { code })).toBe('Code accepted. I have started build.');
  });
});
