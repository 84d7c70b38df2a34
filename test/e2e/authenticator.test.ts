import { totpCode } from '../../functions/domain/totp';
import { ALICE_PHONE, BOB_PHONE, type LocalStackHarness, stackPerTest } from '../support/local-stack-harness';
import { secretOf } from '../support/otpauth';

const STEP = 30_000;
const PATH = '/api/users/alice/factors';

/** The code the app shows one step from now: later than any step already used, within the drift window. */
const nextCode = (secret: string) => totpCode(secret, Date.now() + STEP);

async function getRaw(vg: LocalStackHarness, path: string): Promise<{ status: number; type: string; text: string }> {
  const response = await vg.fetch(path);
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** Issue 7 end to end, over HTTP: enrollment through the API, confirmation through Alexa envelopes. */
describe('authenticator apps and MFA devices', () => {
  const start = stackPerTest();

  it('enrolls an authenticator: an otpauth URI and its QR code, activated only by a valid first code', async () => {
    const vg = await start();

    const enrolled = await vg.post(`${PATH}/totp`, { stepUp: await vg.smsStepUp('alice') });
    expect(enrolled.status).toBe(201);
    const { otpauthUri } = enrolled.body as { otpauthUri: string };
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/VoiceGate:alice\?secret=[A-Z2-7]+&issuer=VoiceGate$/);
    const qr = await getRaw(vg, `${PATH}/totp/qr.svg`);
    expect(qr).toMatchObject({ status: 200, type: expect.stringMatching(/^image\/svg\+xml/) });
    expect(qr.text).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(await vg.get(PATH)).toMatchObject({ factors: expect.arrayContaining([{ factor: 'totp', status: 'pending' }]), preferred: 'sms' });

    const secret = secretOf(otpauthUri);
    const now = totpCode(secret, Date.now());
    const wrong = await vg.post(`${PATH}/totp/activate`, { code: now === '000000' ? '000001' : '000000' });
    expect(wrong).toEqual({ status: 400, body: { error: expect.stringMatching(/not the code the authenticator app shows/) } });
    expect((await vg.post(`${PATH}/totp/activate`, {})).status).toBe(400);

    expect(await vg.post(`${PATH}/totp/activate`, { code: now })).toEqual({ status: 200, body: { factor: 'totp', status: 'active' } });
    expect(await vg.get(PATH)).toEqual({
      factors: [
        { factor: 'sms', status: 'active' },
        { factor: 'email', status: 'active' },
        { factor: 'totp', status: 'active' },
      ],
      preferred: 'totp',
    });
    expect((await getRaw(vg, `${PATH}/totp/qr.svg`)).status).toBe(404);
    expect(JSON.stringify(await vg.get(PATH))).not.toContain(secret);
  });

  it('answers 404 for an unknown user and 400 for nothing to activate', async () => {
    const vg = await start();

    expect((await vg.post('/api/users/carol/factors/totp')).status).toBe(404);
    expect((await vg.post('/api/users/carol/factors/totp/activate', { code: '123456' })).status).toBe(404);
    expect(await vg.post(`${PATH}/totp/activate`, { code: '123456' })).toEqual({
      status: 400,
      body: { error: expect.stringMatching(/no authenticator enrollment is waiting/) },
    });
    expect((await getRaw(vg, '/api/users/carol/factors')).status).toBe(404);
  });

  it('"start splunk" asks for the code from the app, sends nothing, and the app\'s code performs it', async () => {
    const vg = await start();
    const secret = await vg.enrollAuthenticator();
    const stepUpText = await vg.outbox();

    expect(await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' })).toBe(
      'To confirm starting splunk, say the code from your authenticator app.',
    );
    expect(await vg.outbox()).toEqual(stepUpText);
    const code = nextCode(secret);

    expect(await vg.say('alice', 'AuthorizeIntent', { code })).toBe('Code accepted. I have started splunk.');

    const execution = await vg.settled((await vg.latestExecution()).executionId);
    expect(execution.status).toBe('SUCCEEDED');
    expect(await vg.trailOf(execution.commandId)).toEqual(['Command Requested', 'Code Verified', 'Action Succeeded']);
    const verified = (await vg.audit()).find((e) => e.detailType === 'Code Verified');
    expect(verified?.detail.factor).toBe('totp');
    const audit = JSON.stringify(await vg.audit());
    expect(audit).not.toContain(code);
    expect(audit).not.toContain(secret);
    expect(await vg.outbox()).toEqual(stepUpText);

    // The same code (its time step) never confirms again.
    await vg.say('alice', 'RebootInstanceIntent', { instance: 'web' });
    expect(await vg.say('alice', 'AuthorizeIntent', { code })).toBe('That code was already used; wait for the next one.');
  });

  it('"send the code again" has nothing to send; "send the code by text" switches to SMS where the policy allows', async () => {
    const vg = await start();
    await vg.enrollAuthenticator();
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });

    expect(await vg.say('alice', 'SendCodeIntent', {})).toBe('There is nothing to send: say authorize and the code from your authenticator app.');
    expect(await vg.say('alice', 'SendCodeIntent', { channel: 'text' })).toBe('I sent a new code to your phone ending in 0 1.');
    expect(await vg.say('alice', 'AuthorizeIntent', { code: await vg.lastCodeSentTo(ALICE_PHONE) })).toBe('Code accepted. I have started splunk.');
    const verified = (await vg.audit()).find((e) => e.detailType === 'Code Verified');
    expect(verified?.detail.factor).toBe('sms');
  });

  it('refuses a command whose policy needs an authenticator the user lacks, and anything but the app on it', async () => {
    const vg = await start({ settings: { factorPolicy: { default: ['totp', 'sms'], actions: {}, targets: { splunk: ['totp'] }, emailEnabled: false } } });

    expect(await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' })).toBe('Sorry, this action needs your authenticator app.');
    expect(await vg.executions()).toEqual([]);
    expect(await vg.outbox()).toEqual([]);
    expect((await vg.audit()).map((e) => [e.detailType, e.detail.reason])).toEqual([['Command Denied', 'no enrolled factor the policy accepts']]);

    const secret = await vg.enrollAuthenticator();
    const stepUpText = await vg.outbox();
    expect(await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' })).toBe('To confirm starting splunk, say the code from your authenticator app.');
    expect(await vg.say('alice', 'SendCodeIntent', { channel: 'text' })).toBe('Sorry, this action needs your authenticator app.');
    expect(await vg.say('alice', 'SendCodeIntent', { channel: 'email' })).toBe('Sorry, this action needs your authenticator app.');
    expect(await vg.outbox()).toEqual(stepUpText);
    expect(await vg.say('alice', 'AuthorizeIntent', { code: nextCode(secret) })).toBe('Code accepted. I have started splunk.');

    // Other targets still take the user's preference, and an SMS user is untouched.
    await vg.say('bob', 'RebootInstanceIntent', { instance: 'web' });
    expect(await vg.say('bob', 'AuthorizeIntent', { code: await vg.lastCodeSentTo(BOB_PHONE) })).toBe('Code accepted. I have rebooted web.');
  });

  it('confirms with a simulated AWS MFA device shown in the console', async () => {
    const vg = await start();
    const created = await vg.post(`${PATH}/aws-mfa`, { stepUp: await vg.smsStepUp('alice') });
    expect(created.status).toBe(201);
    const stepUpText = await vg.outbox();
    const { serialNumber, otpauthUri } = created.body as { serialNumber: string; otpauthUri: string };
    expect(serialNumber).toBe('arn:aws:iam::000000000000:mfa/voicegate-alice');
    expect((await getRaw(vg, `${PATH}/aws-mfa/qr.svg`)).type).toMatch(/^image\/svg\+xml/);
    expect(await vg.post(`${PATH}/preference`, { factor: 'aws-mfa' })).toEqual({ status: 200, body: { preferred: 'aws-mfa' } });

    expect(await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' })).toBe('To confirm starting splunk, say the code from your MFA device.');
    expect(await vg.say('alice', 'AuthorizeIntent', { code: totpCode(secretOf(otpauthUri), Date.now()) })).toBe(
      'Code accepted. I have started splunk.',
    );
    expect((await vg.audit()).find((e) => e.detailType === 'Code Verified')?.detail.factor).toBe('aws-mfa');
    expect(await vg.outbox()).toEqual(stepUpText);
  });

  it('sets the preferred factor only to an active one', async () => {
    const vg = await start();

    expect(await vg.post(`${PATH}/preference`, { factor: 'email' })).toEqual({ status: 200, body: { preferred: 'email' } });
    expect(await vg.post(`${PATH}/preference`, { factor: 'totp' })).toEqual({ status: 400, body: { error: 'this user has no active totp factor' } });
    expect((await vg.post(`${PATH}/preference`, { factor: 'carrier pigeon' })).status).toBe(400);
    expect((await vg.post('/api/users/carol/factors/preference', { factor: 'sms' })).status).toBe(404);
    expect(await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' })).toMatch(/I sent a 6-digit code to your e-mail/);
  });
});
