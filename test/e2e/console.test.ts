import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { startLocalStack, type LocalStack } from '../../infra/local/app';
import { CapturedLog } from '../support/captured-log';
import { LOCAL_DEFAULTS } from '../../infra/local/config';

/** What the console polls, and the list field it reads from each answer (docs/local-api.md). */
const POLLED_ENDPOINTS = [
  { path: '/api/executions', field: 'executions' },
  { path: '/api/audit', field: 'events' },
  { path: '/api/outbox', field: 'messages' },
  { path: '/api/instances', field: 'instances' },
  { path: '/api/devices', field: 'devices' },
] as const;

/** The operator console at GET / and its script at /console.js, over the local JSON API (behaviour: test/console). */
describe('the operator console', () => {
  let dataDir: string;
  let stack: LocalStack;
  let page: { status: number; contentType: string; html: string };
  /** The console's requests carry the cookie the printed start-up URL set, as a browser's would. */
  let cookie: string;
  const asConsole = (path: string, init: RequestInit = {}) => fetch(`${stack.url}${path}`, { ...init, headers: { cookie } });
  let script: { status: number; contentType: string; text: string };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'voicegate-console-'));
    stack = await startLocalStack({ ...LOCAL_DEFAULTS, port: 0, mqttPort: 0, dataDir }, { logger: new CapturedLog() });
    const login = await fetch(stack.consoleUrl, { redirect: 'manual' });
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const response = await asConsole('/');
    page = { status: response.status, contentType: response.headers.get('content-type') ?? '', html: await response.text() };
    const bundle = await fetch(`${stack.url}/console.js`);
    script = { status: bundle.status, contentType: bundle.headers.get('content-type') ?? '', text: await bundle.text() };
  });

  afterAll(async () => {
    await stack.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is served as an HTML document', () => {
    expect(page.status).toBe(200);
    expect(page.contentType).toMatch(/^text\/html/);
    expect(page.html).toMatch(/^<!doctype html>/i);
    expect(page.html).toContain('<title>VoiceGate');
  });

  it('loads its one script, bundled at start, from its own origin', () => {
    expect([...page.html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0])).toEqual(['<script src="/console.js" defer>']);
    expect(page.html).toMatch(/script-src 'self';/);
    expect(script.status).toBe(200);
    expect(script.contentType).toMatch(/^application\/javascript/);
    expect(() => new Script(script.text, { filename: 'console.js' })).not.toThrow();
  });

  it('references every API path it needs, replay and limit reset included', () => {
    for (const { path } of POLLED_ENDPOINTS) expect(script.text).toContain(`"${path}"`);
    expect(script.text).toContain('/replay');
    expect(script.text).toContain('/limits`');
    expect(script.text).toMatch(/"POST"/);
    expect(script.text).toMatch(/"DELETE"/);
  });

  it('loads nothing from outside: no external URL, no external script, style or image', () => {
    for (const text of [page.html, script.text]) expect(text).not.toMatch(/https?:\/\//i);
    expect(page.html).not.toMatch(/(src|href)\s*=\s*["']?\/\//i);
    expect(page.html).not.toMatch(/<link[^>]+rel=["']?stylesheet/i);
    expect(page.html).toMatch(/Content-Security-Policy" content="default-src 'none';[^"]*connect-src 'self'/);
  });

  it('builds the DOM from API data with text, never with HTML strings', () => {
    expect(script.text).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    expect(script.text).toContain('textContent');
  });

  it('polls endpoints that answer JSON with the lists it renders', async () => {
    for (const { path, field } of POLLED_ENDPOINTS) {
      const response = await asConsole(path);

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(Array.isArray(((await response.json()) as Record<string, unknown>)[field])).toBe(true);
    }
  });

  it('has an Authenticator panel over the factors API, showing QR codes as data: images (the CSP allows no other)', async () => {
    expect(page.html).toContain('<h2 id="factors-title">Authenticator</h2>');
    expect(script.text).toContain('/api/users/${encodeURIComponent(userId)}/factors');
    for (const path of ['/totp/activate', '/preference', '/qr.svg']) expect(script.text).toContain(path);
    expect(script.text).toContain('data:image/svg+xml;base64,');
    expect(page.html).toMatch(/img-src data:;/);
  });

  it('has a Devices panel: each thing with its owner, reported state, last report and certificate id', async () => {
    expect(page.html).toContain('<h2 id="devices-title">Devices</h2>');
    for (const field of ['device.owner', 'device.reported', 'device.lastReportAt', 'device.certificateId', 'device.connected'])
      expect(script.text).toContain(field);
  });

  it('gets an error text to show when a replay is refused', async () => {
    const response = await asConsole('/api/executions/no-such-execution/replay', { method: 'POST' });

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: expect.any(String) });
  });
});
