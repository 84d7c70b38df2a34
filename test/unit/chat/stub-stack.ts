/**
 * A stand-in for the local stack's HTTP contract (POST /alexa, POST /api/dev/tokens,
 * GET /api/outbox) that records what the chat sends and answers with canned replies.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { AlexaRequestEnvelope } from '../../fixtures/alexa/envelopes';
import type { AlexaResponseEnvelope, OutboxMessage } from '../../../infra/local/chat/render';

const KNOWN_USERS = ['alice', 'bob'];

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

export interface StubStack {
  baseUrl: string;
  /** A data dir holding the stub's operator token, as `npm start` leaves one. */
  dataDir: string;
  port: number;
  requests: RecordedRequest[];
  /** What GET /api/outbox returns; tests push messages as the "phone" receives them. */
  outbox: OutboxMessage[];
  /** How POST /alexa answers: 200 and a plain speech reply unless a test says otherwise. */
  alexaStatus: number;
  answerAlexa: (envelope: AlexaRequestEnvelope) => AlexaResponseEnvelope | Promise<AlexaResponseEnvelope>;
  alexaRequests(): AlexaRequestEnvelope[];
  close(): Promise<void>;
}

interface ReplyOptions {
  sessionAttributes?: Record<string, unknown>;
  shouldEndSession?: boolean;
  card?: { type: string };
}

/** An Alexa response envelope saying `text` in SSML, as the skill would. */
export function speech(text: string, { sessionAttributes, shouldEndSession = false, card }: ReplyOptions = {}): AlexaResponseEnvelope {
  return {
    sessionAttributes,
    response: { outputSpeech: { type: 'SSML', ssml: `<speak>${text}</speak>` }, shouldEndSession, card },
  };
}

const OPERATOR_TOKEN = 'stub-operator-token';

/** Leaves the stub's operator token in `dataDir`, as `npm start` does in its own. */
export function writeOperatorToken(dataDir: string): void {
  writeFileSync(join(dataDir, 'operator-token'), `${OPERATOR_TOKEN}\n`, { mode: 0o600 });
}

export async function startStubStack(): Promise<StubStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'voicegate-stub-'));
  writeOperatorToken(dataDir);
  let issuedTokens = 0;
  const issueToken = (response: ServerResponse, body: unknown) =>
    KNOWN_USERS.includes((body as { userId?: string }).userId ?? '')
      ? send(response, 201, { accessToken: `token-${++issuedTokens}` })
      : send(response, 404, { error: 'no such user' });
  const server = createServer((request, response) => {
    void readJson(request).then(async (body) => {
      const path = request.url ?? '';
      stack.requests.push({ method: request.method ?? '', path, body });
      if (path.startsWith('/api/') && request.headers.authorization !== `Bearer ${OPERATOR_TOKEN}`)
        return send(response, 401, { error: 'operator token required' });
      if (path === '/api/dev/tokens') return issueToken(response, body);
      if (path.startsWith('/api/outbox')) return send(response, 200, { messages: stack.outbox });
      if (path === '/alexa') return send(response, stack.alexaStatus, await stack.answerAlexa(body as AlexaRequestEnvelope));
      return send(response, 404, { error: 'not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const stack: StubStack = {
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir,
    port,
    requests: [],
    outbox: [],
    alexaStatus: 200,
    answerAlexa: () => speech('OK.'),
    alexaRequests: () => stack.requests.filter(({ path }) => path === '/alexa').map(({ body }) => body as AlexaRequestEnvelope),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return stack;
}

/** A port nothing listens on: bound once, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text ? JSON.parse(text) : undefined;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
