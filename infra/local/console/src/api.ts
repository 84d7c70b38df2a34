/**
 * The console's client of the local JSON API (docs/local-api.md). Same-origin requests carry the
 * operator cookie that the printed start-up URL (`/?token=…`) set; the page never sees the token.
 */

/** The wire shapes are the server's own records (type-only imports: nothing of the server is bundled). */
import type { ExecutionSummaryRecord, HistoryEvent } from '../../workflow/execution-store';

export type { HistoryEvent };
export type Execution = ExecutionSummaryRecord;

export interface ExecutionDetail extends Execution {
  history?: HistoryEvent[];
}

export type AuditValue = string | number | undefined;

export interface AuditEvent {
  id: string;
  source: string;
  detailType: string;
  time: string;
  detail: Record<string, AuditValue>;
}

export interface Message {
  id: string;
  channel: 'sms' | 'email';
  to: string;
  body: string;
  sentAt: string;
}

export interface Instance {
  instanceId: string;
  alias: string;
  state: string;
}

export interface Device {
  thingName: string;
  name: string;
  owner: string;
  type: string;
  reported?: Record<string, unknown>;
  desired?: Record<string, unknown>;
  lastReportAt?: string | null;
  certificateId?: string | null;
  connected?: boolean;
}

export interface FactorEntry {
  factor: string;
  status: string;
}

export interface Factors {
  factors?: FactorEntry[];
  preferred?: string;
}

const REQUEST_TIMEOUT_MS = 4000;

export const API = {
  executions: '/api/executions',
  audit: '/api/audit',
  outbox: '/api/outbox',
  instances: '/api/instances',
  devices: '/api/devices',
  execution: (id: string) => `/api/executions/${encodeURIComponent(id)}`,
  replay: (id: string) => `/api/executions/${encodeURIComponent(id)}/replay`,
  factors: (userId: string) => `/api/users/${encodeURIComponent(userId)}/factors`,
  limits: (userId: string) => `/api/users/${encodeURIComponent(userId)}/limits`,
} as const;

/** A refusal or failure, with the server's own error text when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The operator cookie is missing or stale: only the start-up URL can fix that. */
  get needsOperatorToken(): boolean {
    return this.status === 401;
  }
}

export interface Answer {
  status: number;
  text: string;
}

async function send(path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(path, {
    credentials: 'same-origin',
    cache: 'no-store',
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    ...init,
    headers: { accept: 'application/json', ...init.headers },
  });
  return { status: response.status, text: await response.text() };
}

function refusal(answer: Answer): ApiError {
  let message = `the server answered ${answer.status}`;
  try {
    const parsed: unknown = JSON.parse(answer.text);
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { error?: unknown }).error === 'string') {
      message = (parsed as { error: string }).error;
    }
  } catch {
    // not JSON: keep the status text
  }
  return new ApiError(answer.status, message);
}

/** The answer's text: the poller compares it with the last one to skip unchanged renders. */
export async function getText(path: string, accept = 'application/json'): Promise<string> {
  const answer = await send(path, { headers: { accept } });
  if (answer.status < 200 || answer.status > 299) throw refusal(answer);
  return answer.text;
}

export async function getJson<T>(path: string): Promise<T> {
  return JSON.parse(await getText(path)) as T;
}

/** POST or DELETE with an optional JSON body; resolves with the parsed answer, or throws the server's refusal. */
export async function changeJson<T>(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  const answer = await send(path, init);
  if (answer.status < 200 || answer.status > 299) throw refusal(answer);
  return (answer.text ? JSON.parse(answer.text) : {}) as T;
}

export const postJson = <T>(path: string, body?: unknown): Promise<T> => changeJson<T>('POST', path, body);

/** A failure as one sentence for a notice. */
export function describeFailure(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return `cannot reach VoiceGate (${error instanceof Error ? error.message : String(error)})`;
}
