import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { startLocalStack, type LocalStack } from '../../infra/local/app';
import { CapturedLog } from '../support/captured-log';
import { LOCAL_DEFAULTS } from '../../infra/local/config';

/** What the console polls, and the list field it reads from each answer (LOCAL-API.md). */
const POLLED_ENDPOINTS = [
  { path: '/api/executions', field: 'executions' },
  { path: '/api/audit', field: 'events' },
  { path: '/api/outbox', field: 'messages' },
  { path: '/api/instances', field: 'instances' },
  { path: '/api/devices', field: 'devices' },
] as const;

/** The operator console at GET /: one self-contained page over the local JSON API. */
describe('the operator console', () => {
  let dataDir: string;
  let stack: LocalStack;
  let page: { status: number; contentType: string; html: string };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'voicegate-console-'));
    stack = await startLocalStack({ ...LOCAL_DEFAULTS, port: 0, mqttPort: 0, dataDir }, { logger: new CapturedLog() });
    const response = await fetch(`${stack.url}/`);
    page = { status: response.status, contentType: response.headers.get('content-type') ?? '', html: await response.text() };
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

  it('references every API path it needs, replay included', () => {
    for (const { path } of POLLED_ENDPOINTS) expect(page.html).toContain(`'${path}'`);
    expect(page.html).toContain('/replay');
    expect(page.html).toMatch(/method: 'POST'/);
  });

  it('loads nothing from outside: no external URL, no external script, style or image', () => {
    expect(page.html).not.toMatch(/https?:\/\//i);
    expect(page.html).not.toMatch(/(src|href)\s*=\s*["']?\/\//i);
    expect(page.html).not.toMatch(/<script[^>]+src=/i);
    expect(page.html).not.toMatch(/<link[^>]+rel=["']?stylesheet/i);
    expect(page.html).toMatch(/Content-Security-Policy" content="default-src 'none';[^"]*connect-src 'self'/);
  });

  it('builds the DOM from API data with text, never with HTML strings', () => {
    expect(page.html).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    expect(page.html).toContain('textContent');
  });

  it('carries one inline script that compiles', () => {
    const scripts = [...page.html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1] ?? '');

    expect(scripts).toHaveLength(1);
    expect(() => new Script(scripts[0]!, { filename: 'console-inline.js' })).not.toThrow();
  });

  it('polls endpoints that answer JSON with the lists it renders', async () => {
    for (const { path, field } of POLLED_ENDPOINTS) {
      const response = await fetch(`${stack.url}${path}`);

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(Array.isArray(((await response.json()) as Record<string, unknown>)[field])).toBe(true);
    }
  });

  it('has an Authenticator panel over the factors API, showing QR codes as data: images (the CSP allows no other)', async () => {
    expect(page.html).toContain('<h2 id="factors-title">Authenticator</h2>');
    expect(page.html).toContain('/api/users/${encodeURIComponent(userId)}/factors');
    for (const path of ['/totp/activate', '/preference', '/qr.svg']) expect(page.html).toContain(path);
    expect(page.html).toContain('data:image/svg+xml;base64,');
    expect(page.html).toMatch(/img-src data:;/);
  });

  it('has a Devices panel: each thing with its owner, reported state, last report and certificate id', async () => {
    expect(page.html).toContain('<h2 id="devices-title">Devices</h2>');
    for (const field of ['device.owner', 'device.reported', 'device.lastReportAt', 'device.certificateId', 'device.connected']) expect(page.html).toContain(field);
  });

  it('gets an error text to show when a replay is refused', async () => {
    const response = await fetch(`${stack.url}/api/executions/no-such-execution/replay`, { method: 'POST' });

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: expect.any(String) });
  });
});
