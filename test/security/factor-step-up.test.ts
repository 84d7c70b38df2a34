import { totpCode } from '../../functions/domain/totp';
import { ALICE_EMAIL, ALICE_PHONE, type ApiAuditEvent, LocalStackHarness, stackPerTest } from '../support/local-stack-harness';
import { secretOf } from '../support/otpauth';

const STEP = 30_000;
const ALICE = '/api/users/alice/factors';

/** The code the app shows one step from now: later than any step already used, within the drift window. */
const nextCode = (secret: string) => totpCode(secret, Date.now() + STEP);
const otherThan = (code: string) => (code === '000000' ? '000001' : '000000');

const factorChanges = async (vg: LocalStackHarness): Promise<ApiAuditEvent[]> => (await vg.audit()).filter((e) => e.detailType === 'Factor Changed');
const factorsOf = async (vg: LocalStackHarness, userId = 'alice') => vg.get<{ factors: { factor: string; status: string }[] }>(`/api/users/${userId}/factors`);

/**
 * Issue 11 hole 3, the part the operator token alone cannot close: whoever holds the operator
 * cookie (another OS user, a page that got it) enrolled their own authenticator for alice and
 * then confirmed her commands. Changing a factor now needs a code from one she already has.
 */
describe('factor changes need a step-up from a factor the user already has', () => {
  const start = stackPerTest();

  it('a factor cannot be enrolled for a user without a step-up from an existing factor', async () => {
    const vg = await start();
    const attempts = [{}, { stepUp: { factor: 'sms', code: '123456' } }, { stepUp: { factor: 'totp', code: '123456' } }, { stepUp: 'operator' }];

    for (const body of attempts) {
      expect({ body, answer: await vg.post(`${ALICE}/totp`, body) }).toEqual({ body, answer: { status: 403, body: expect.objectContaining({ error: expect.any(String) }) } });
      expect({ body, status: (await vg.post(`${ALICE}/aws-mfa`, body)).status }).toEqual({ body, status: 403 });
    }
    const refused = await vg.post(`${ALICE}/totp`);
    expect(refused.body).toEqual({ error: expect.stringMatching(/needs a step-up/), stepUpFactors: ['sms', 'email'] });

    expect((await factorsOf(vg)).factors.map((f) => f.factor)).toEqual(['sms', 'email']);
    expect((await vg.fetch(`${ALICE}/totp/qr.svg`)).status).toBe(404);
    expect((await vg.fetch(`${ALICE}/aws-mfa/qr.svg`)).status).toBe(404);
    expect(await factorChanges(vg)).toEqual([]);
  });

  it('a factor cannot be replaced without a step-up from an existing factor, and a step-up code works once', async () => {
    const vg = await start();
    const secret = await vg.enrollAuthenticator('alice');
    const device = await vg.post(`${ALICE}/aws-mfa`, { stepUp: { factor: 'totp', code: nextCode(secret) } });
    expect(device.status).toBe(201);
    const deviceSecret = secretOf((device.body as { otpauthUri: string }).otpauthUri);
    const stepUp = await vg.smsStepUp('alice');
    expect((await vg.post(`${ALICE}/totp`, { stepUp })).status).toBe(201);

    // Replacing either one: no proof, a used text code, a code from the app it would replace that is wrong.
    for (const body of [{}, { stepUp }, { stepUp: { factor: 'totp', code: otherThan(nextCode(secret)) } }]) {
      expect({ body, status: (await vg.post(`${ALICE}/totp`, body)).status }).toEqual({ body, status: 403 });
      expect({ body, status: (await vg.post(`${ALICE}/aws-mfa`, body)).status }).toEqual({ body, status: 403 });
    }

    // The simulated device kept its secret; alice still confirms with her own app.
    expect(await vg.post(`${ALICE}/preference`, { factor: 'aws-mfa' })).toMatchObject({ status: 200 });
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    expect(await vg.say('alice', 'AuthorizeIntent', { code: totpCode(deviceSecret, Date.now()) })).toBe('Code accepted. I have started splunk.');
    expect((await factorChanges(vg)).map((e) => e.detail.factor)).toEqual(['totp', 'aws-mfa']);
  });

  it('a user with no factor can be enrolled with the operator secret only', async () => {
    const vg = await start();
    // An operator added dora to the users table before she had a phone or an inbox on file.
    await vg.stack.deps.users.create({ userId: 'dora', phone: '', email: '', targets: ['web'], preferredChannel: 'sms' });

    const enrolled = await vg.post('/api/users/dora/factors/totp');
    expect(enrolled.status).toBe(201);
    const secret = secretOf((enrolled.body as { otpauthUri: string }).otpauthUri);
    expect((await vg.post('/api/users/dora/factors/totp/activate', { code: totpCode(secret, Date.now()) })).status).toBe(200);

    expect((await factorChanges(vg)).map((e) => e.detail)).toEqual([expect.objectContaining({ userId: 'dora', factor: 'totp', change: 'enrolled', stepUp: 'operator' })]);
    // Now she has one, the operator secret alone no longer does.
    expect((await vg.post('/api/users/dora/factors/totp')).status).toBe(403);
    expect((await vg.post('/api/users/dora/factors/aws-mfa', { stepUp: { factor: 'totp', code: nextCode(secret) } })).status).toBe(201);
  });

  it('a factor change emits Factor Changed with no secret in it', async () => {
    const vg = await start();
    const stepUp = await vg.smsStepUp('alice');
    const enrolled = await vg.post(`${ALICE}/totp`, { stepUp });
    const { otpauthUri } = enrolled.body as { otpauthUri: string };
    const secret = secretOf(otpauthUri);
    const activation = totpCode(secret, Date.now());
    expect((await vg.post(`${ALICE}/totp/activate`, { code: activation })).status).toBe(200);
    const appCode = nextCode(secret);
    const linked = await vg.post(`${ALICE}/aws-mfa`, { stepUp: { factor: 'totp', code: appCode } });
    const deviceUri = (linked.body as { otpauthUri: string }).otpauthUri;
    const deviceCode = totpCode(secretOf(deviceUri), Date.now());
    expect((await vg.post(`${ALICE}/aws-mfa`, { stepUp: { factor: 'aws-mfa', code: deviceCode } })).status).toBe(201);

    expect((await factorChanges(vg)).map((e) => e.detail)).toEqual([
      expect.objectContaining({ userId: 'alice', factor: 'totp', change: 'enrolled', stepUp: 'sms', commandId: 'none' }),
      expect.objectContaining({ userId: 'alice', factor: 'aws-mfa', change: 'enrolled', stepUp: 'totp' }),
      expect.objectContaining({ userId: 'alice', factor: 'aws-mfa', change: 'replaced', stepUp: 'aws-mfa' }),
    ]);
    const audit = JSON.stringify(await vg.audit());
    for (const secretThing of [secret, otpauthUri, secretOf(deviceUri), stepUp.code, activation, appCode, deviceCode, ALICE_PHONE, ALICE_EMAIL]) {
      expect(audit).not.toContain(secretThing);
    }
  });

  it('wrong step-up codes count against the limits: three void a texted code, and app codes share the attempt limit', async () => {
    const vg = await start();
    const { code } = await vg.smsStepUp('alice');
    for (let wrong = 0; wrong < 3; wrong++) {
      expect((await vg.post(`${ALICE}/totp`, { stepUp: { factor: 'sms', code: otherThan(code) } })).status).toBe(403);
    }
    expect(await vg.post(`${ALICE}/totp`, { stepUp: { factor: 'sms', code } })).toEqual({ status: 403, body: expect.objectContaining({ error: expect.stringMatching(/no step-up code is waiting/) }) });

    const secret = await vg.enrollAuthenticator('alice');
    const wrongAppCode = { stepUp: { factor: 'totp', code: otherThan(nextCode(secret)) } };
    for (let wrong = 0; wrong < 5; wrong++) expect((await vg.post(`${ALICE}/totp`, wrongAppCode)).status).toBe(403);
    const limited = await vg.post(`${ALICE}/totp`, { stepUp: { factor: 'totp', code: nextCode(secret) } });
    expect(limited).toEqual({ status: 429, body: { error: expect.stringMatching(/too many codes tried/), retryAt: expect.any(String) } });
    // The same limit guards confirming commands with the app (S8): a guesser gets no extra tries here.
    expect(await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' })).toMatch(/too many/i);
  });
});
