import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack, type LocalStack, type LocalStackOverrides } from '../../infra/local/app';
import { totpCode } from '../../functions/domain/totp';
import { taskTokenOf } from '../../functions/use-cases/issue-challenge';
import { LOCAL_DEFAULTS, type LocalConfig } from '../../infra/local/config';
import type { Settings } from '../../functions/use-cases/settings';
import { readOperatorToken } from '../../infra/local/identity/operator-token';
import type { ExecutionSummaryRecord, HistoryEvent } from '../../infra/local/workflow/execution-store';
import { CapturedLog } from './captured-log';
import { secretOf } from './otpauth';
import { intentRequest, launchRequest, type EnvelopeOptions, type SlotValues } from '../fixtures/alexa/envelopes';

export interface AlexaReply {
  status: number;
  body: {
    response?: {
      outputSpeech?: { type: string; ssml?: string; text?: string };
      card?: { type: string };
      shouldEndSession?: boolean;
    };
    error?: string;
  };
}

export interface ApiMessage {
  id: string;
  channel: 'sms' | 'email';
  to: string;
  body: string;
  sentAt: string;
}

/** GET /api/executions[/{id}] rows, as the local stack stores them. */
export type ApiExecution = ExecutionSummaryRecord & { history?: HistoryEvent[] };

export interface ApiAuditEvent {
  id: string;
  source: string;
  detailType: string;
  time: string;
  detail: Record<string, string | number>;
}

/** The local defaults, on free ports and a fresh data dir, with whatever a test changes. */
export type HarnessConfig = Partial<Omit<LocalConfig, 'settings'>> & { settings?: Partial<Settings> };

/**
 * The real local stack on a free port and a fresh data dir, driven over HTTP with
 * Alexa-shaped envelopes — as Alexa, the chat and the console drive it.
 */
export class LocalStackHarness {
  private readonly tokens = new Map<string, string>();

  /** Read from the data dir, as every client of the stack does (docs/local-api.md "Operator access"). */
  readonly operatorToken: string;

  private constructor(
    readonly stack: LocalStack,
    readonly config: LocalConfig,
    /** What the stack logged: captured, so expected errors are asserted rather than printed. */
    readonly log: CapturedLog,
  ) {
    this.operatorToken = readOperatorToken(config.dataDir);
  }

  static async start(config: HarnessConfig = {}, overrides: LocalStackOverrides = {}): Promise<LocalStackHarness> {
    const dataDir = config.dataDir ?? mkdtempSync(join(tmpdir(), 'voicegate-test-'));
    const full: LocalConfig = { ...LOCAL_DEFAULTS, port: 0, mqttPort: 0, ...config, dataDir, settings: { ...LOCAL_DEFAULTS.settings, ...config.settings } };
    const log = new CapturedLog();
    return new LocalStackHarness(await startLocalStack(full, { logger: log, ...overrides }), full, log);
  }

  /** Stops the stack; the data dir is removed unless `keepData` (restart tests). */
  async close(keepData = false): Promise<void> {
    await this.stack.close();
    if (!keepData) rmSync(this.config.dataDir, { recursive: true, force: true });
  }

  async tokenFor(userId: string): Promise<string> {
    const cached = this.tokens.get(userId);
    if (cached) return cached;
    const { status, body } = await this.post('/api/dev/tokens', { userId });
    if (status !== 201) throw new Error(`token for ${userId}: ${status}`);
    const token = (body as { accessToken: string }).accessToken;
    this.tokens.set(userId, token);
    return token;
  }

  /** One intent as the linked user (or unlinked when userId is undefined); returns the reply. */
  async intent(userId: string | undefined, name: string, slots: SlotValues = {}, options: EnvelopeOptions = {}): Promise<AlexaReply> {
    const accessToken = userId === undefined ? undefined : await this.tokenFor(userId);
    return this.alexa(intentRequest(name, slots, { accessToken, ...options }));
  }

  /** The spoken text of one intent's answer. */
  async say(userId: string | undefined, name: string, slots: SlotValues = {}): Promise<string> {
    return speechOf(await this.intent(userId, name, slots));
  }

  async launch(userId?: string): Promise<AlexaReply> {
    const accessToken = userId === undefined ? undefined : await this.tokenFor(userId);
    return this.alexa(launchRequest({ accessToken }));
  }

  async alexa(envelope: unknown): Promise<AlexaReply> {
    return this.postRaw('/alexa', JSON.stringify(envelope)) as Promise<AlexaReply>;
  }

  /** fetch on the stack as the operator: the bearer token rides along. */
  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${this.operatorToken}`);
    return fetch(this.stack.url + path, { ...init, headers });
  }

  async postRaw(path: string, body: string, contentType = 'application/json'): Promise<{ status: number; body: never }> {
    const response = await this.fetch(path, { method: 'POST', headers: { 'content-type': contentType }, body });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as never };
  }

  post(path: string, body: unknown = {}): Promise<{ status: number; body: unknown }> {
    return this.postRaw(path, JSON.stringify(body));
  }

  async delete(path: string): Promise<{ status: number; body: unknown }> {
    const response = await this.fetch(path, { method: 'DELETE' });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  async get<T>(path: string): Promise<T> {
    const response = await this.fetch(path);
    if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
    return (await response.json()) as T;
  }

  async outbox(): Promise<ApiMessage[]> {
    return (await this.get<{ messages: ApiMessage[] }>('/api/outbox')).messages;
  }

  async audit(): Promise<ApiAuditEvent[]> {
    return (await this.get<{ events: ApiAuditEvent[] }>('/api/audit')).events;
  }

  async executions(): Promise<ApiExecution[]> {
    return (await this.get<{ executions: ApiExecution[] }>('/api/executions')).executions;
  }

  async execution(executionId: string): Promise<ApiExecution> {
    return this.get<ApiExecution>(`/api/executions/${executionId}`);
  }

  async instanceState(alias: string): Promise<string | undefined> {
    const { instances } = await this.get<{ instances: { alias: string; state: string }[] }>('/api/instances');
    return instances.find((i) => i.alias === alias)?.state;
  }

  /** The code in the newest message sent to `to`. */
  async lastCodeSentTo(to: string): Promise<string> {
    const message = (await this.outbox()).filter((m) => m.to === to).at(-1);
    const code = message?.body.match(/code (\d+)/)?.[1];
    if (!code) throw new Error(`no code was sent to ${to}`);
    return code;
  }

  /** A step-up by text: asks for a code for the user's phone and reads it off the simulated phone. */
  async smsStepUp(userId: string): Promise<{ factor: 'sms'; code: string }> {
    const sent = await this.post(`/api/users/${userId}/factors/step-up`, { factor: 'sms' });
    const user = await this.stack.deps.users.get(userId);
    if (sent.status !== 201 || !user) throw new Error(`no step-up code for ${userId}: ${sent.status}`);
    return { factor: 'sms', code: await this.lastCodeSentTo(user.phone) };
  }

  /** Enrolls (stepping up by text) and activates an authenticator app for the user; returns its secret. */
  async enrollAuthenticator(userId = 'alice'): Promise<string> {
    const enrolled = await this.post(`/api/users/${userId}/factors/totp`, { stepUp: await this.smsStepUp(userId) });
    if (enrolled.status !== 201) throw new Error(`enrolling ${userId}: ${enrolled.status}`);
    const secret = secretOf((enrolled.body as { otpauthUri: string }).otpauthUri);
    const activated = await this.post(`/api/users/${userId}/factors/totp/activate`, { code: totpCode(secret, Date.now()) });
    if (activated.status !== 200) throw new Error(`activating for ${userId}: ${activated.status}`);
    return secret;
  }

  /** Audit detail-types of one command, in order. */
  async trailOf(commandId: string): Promise<string[]> {
    return (await this.audit()).filter((e) => e.detail.commandId === commandId).map((e) => e.detailType);
  }

  /** Polls until the execution leaves RUNNING (the runner works asynchronously). */
  async settled(executionId: string, timeoutMs = 5000): Promise<ApiExecution> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const execution = await this.execution(executionId);
      if (execution.status !== 'RUNNING' || Date.now() > deadline) return execution;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** The user's pending workflow task token, unsealed as the skill unseals it to complete the task. */
  async pendingTaskToken(userId: string): Promise<string> {
    const challenge = await this.stack.deps.challenges.get(userId);
    if (!challenge) throw new Error(`no challenge is stored for ${userId}`);
    return taskTokenOf(this.stack.deps, challenge);
  }

  /**
   * Records the user's pending code as verified at `verifiedAt`, as speaking the right code
   * would, without completing the workflow task (tests of the engine's token calls do that).
   */
  async markVerified(userId: string, verifiedAt = Date.now()): Promise<void> {
    const challenge = await this.stack.deps.challenges.get(userId);
    if (!challenge) throw new Error(`no challenge is stored for ${userId}`);
    const verified = { ...challenge, status: 'verified' as const, verifiedAt, version: challenge.version + 1 };
    if (!(await this.stack.deps.challenges.save(verified, challenge.version))) throw new Error('the challenge changed meanwhile');
  }

  async latestExecution(): Promise<ApiExecution> {
    const [latest] = await this.executions();
    if (!latest) throw new Error('no execution yet');
    return latest;
  }
}

export function speechOf(reply: AlexaReply): string {
  const speech = reply.body.response?.outputSpeech;
  return (speech?.text ?? speech?.ssml ?? '').replace(/<[^>]+>/g, '').trim();
}

export const ALICE_PHONE = '+15555550101';
export const ALICE_EMAIL = 'alice@example.com';
export const BOB_PHONE = '+15555550102';

/**
 * For a describe block whose tests each start their own stack: returns the starter and
 * closes whichever stack is open after every test.
 */
export function stackPerTest(): (config?: HarnessConfig, overrides?: LocalStackOverrides) => Promise<LocalStackHarness> {
  let current: LocalStackHarness | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (config = {}, overrides = {}) => {
    current = await LocalStackHarness.start(config, overrides);
    return current;
  };
}
