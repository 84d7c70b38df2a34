import { statSync } from 'node:fs';
import { join } from 'node:path';
import { intentRequest } from '../fixtures/alexa/envelopes';
import { LocalStackHarness, speechOf } from '../support/local-stack-harness';
import { rawRequest } from '../support/raw-http';
import { worldState } from '../support/security-probes';

/** Every operator route of docs/local-api.md, with a body that would change something if it were served. */
const OPERATOR_ROUTES: [method: string, path: string, body?: unknown][] = [
  ['GET', '/'],
  ['GET', '/api/outbox'],
  ['GET', '/api/audit'],
  ['GET', '/api/executions'],
  ['GET', '/api/instances'],
  ['GET', '/api/devices'],
  ['GET', '/api/users/alice/factors'],
  ['POST', '/api/dev/tokens', { userId: 'alice' }],
  ['POST', '/api/dev/users', { userId: 'mallory', phone: '+15555550199', email: 'm@example.com', targets: ['*'] }],
  ['POST', '/api/users/alice/factors/step-up', { factor: 'sms' }],
  ['POST', '/api/users/alice/factors/totp'],
  ['POST', '/api/users/alice/factors/totp/activate', { code: '123456' }],
  ['POST', '/api/users/alice/factors/aws-mfa'],
  ['POST', '/api/users/alice/factors/preference', { factor: 'email' }],
  ['POST', '/api/executions/00000000-0000-4000-8000-000000000000/replay'],
];

/** docs/local-api.md "Operator access": reaching 127.0.0.1 is not being the operator. */
describe('operator access to the local stack', () => {
  let vg: LocalStackHarness;
  let base: string;
  let host: string;

  beforeAll(async () => {
    vg = await LocalStackHarness.start();
    base = vg.stack.url;
    host = new URL(base).host;
  });
  afterAll(() => vg.close());

  const send = (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
    rawRequest(base + path, { method, headers: { host, ...headers }, ...(body !== undefined && { body: JSON.stringify(body) }) });

  it('writes a random operator token of at least 128 bits to the data dir on first start, owner-only', () => {
    const path = join(vg.config.dataDir, 'operator-token');

    expect(vg.operatorToken).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(vg.config.dataDir).mode & 0o777).toBe(0o700);
    expect(vg.stack.consoleUrl).toBe(`${base}/?token=${vg.operatorToken}`);
  });

  it('a request without the operator token, or with a wrong one, gets 401 on every operator route and changes nothing', async () => {
    const before = await worldState(vg);
    const wrongBearer = `Bearer ${'0'.repeat(64)}`;
    const wrongCookie = `voicegate_operator_${new URL(base).port}=${'0'.repeat(64)}`;

    for (const [method, path, body] of OPERATOR_ROUTES) {
      for (const headers of [{}, { authorization: wrongBearer }, { cookie: wrongCookie }, { authorization: vg.operatorToken }] as Record<string, string>[]) {
        const answer = await send(method, path, headers, body);
        expect({ method, path, headers, status: answer.status }).toEqual({ method, path, headers, status: 401 });
      }
    }

    expect(await worldState(vg)).toEqual(before);
    expect(await vg.stack.deps.users.get('mallory')).toBeUndefined();
    expect(await vg.stack.deps.factors.get('alice')).toBeUndefined();
  });

  it('the printed console URL sets an HttpOnly SameSite=Strict cookie and redirects to /, and the cookie opens the console and the API', async () => {
    const login = await send('GET', `/?token=${vg.operatorToken}`);
    const setCookie = String(login.headers['set-cookie']);
    const cookie = setCookie.split(';')[0]!;

    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/');
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Strict/);
    expect((await send('GET', '/', { cookie })).status).toBe(200);
    expect((await send('GET', '/api/outbox', { cookie })).status).toBe(200);
  });

  it('a wrong token in the console URL sets no cookie', async () => {
    const login = await send('GET', `/?token=${'f'.repeat(64)}`);

    expect(login.status).toBe(401);
    expect(login.headers['set-cookie']).toBeUndefined();
  });

  it('a request with a foreign Host is refused, even with the operator token (DNS rebinding)', async () => {
    const port = new URL(base).port;
    for (const foreign of [`evil.example:${port}`, 'evil.example', `127.0.0.1:${Number(port) + 1}`, `localhost`]) {
      for (const [method, path, body] of [['GET', '/api/outbox'], ['GET', '/'], ['POST', '/api/dev/tokens', { userId: 'alice' }]] as const) {
        const answer = await rawRequest(base + path, {
          method,
          headers: { host: foreign, authorization: `Bearer ${vg.operatorToken}` },
          ...(body && { body: JSON.stringify(body) }),
        });
        expect({ foreign, path, status: answer.status }).toEqual({ foreign, path, status: 403 });
      }
    }
    expect((await send('GET', '/api/outbox', { host: `localhost:${port}`, authorization: `Bearer ${vg.operatorToken}` })).status).toBe(200);
  });

  it('a page on another origin cannot change state, even when the browser sends the operator cookie', async () => {
    const before = await worldState(vg);
    const cookie = String((await send('GET', `/?token=${vg.operatorToken}`)).headers['set-cookie']).split(';')[0]!;
    const mallory = { userId: 'mallory', phone: '+15555550199', email: 'm@example.com', targets: ['*'] };
    // Another port on 127.0.0.1 is the same site, so SameSite alone would let the cookie through.
    for (const origin of ['http://evil.example', 'http://127.0.0.1:1', 'null', `https://${host}`]) {
      const answer = await send('POST', '/api/dev/users', { cookie, origin }, mallory);
      expect({ origin, status: answer.status }).toEqual({ origin, status: 403 });
    }

    expect(await vg.stack.deps.users.get('mallory')).toBeUndefined();
    expect(await worldState(vg)).toEqual(before);
    const sameOrigin = await send('POST', '/api/dev/users', { cookie, origin: base }, mallory);
    expect(sameOrigin.status).toBe(201);
  });

  it('POST /alexa does not take the operator token: Alexa requests are served without it', async () => {
    const accessToken = await vg.tokenFor('alice');
    const answer = await send('POST', '/alexa', {}, intentRequest('ListInstancesIntent', {}, { accessToken }));

    expect(answer.status).toBe(200);
    expect(speechOf({ status: answer.status, body: JSON.parse(answer.body) })).toMatch(/^You have three instances/);
  });
});
