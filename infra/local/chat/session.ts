/**
 * One person talking to the skill through a simulated Echo: keeps the Alexa session (id,
 * attributes) across turns, posts each utterance to the local stack as Alexa would, and
 * prints the answer plus whatever the user's own simulated phone and inbox received meanwhile.
 */
import { intentRequest, launchRequest, newSessionId, sessionEndedRequest, type AlexaRequestEnvelope, type EnvelopeOptions } from './envelope';
import { outboxLine, responseLines, type AlexaResponseEnvelope, type OutboxMessage } from './render';
import type { MatchedRequest, UtteranceMatcher } from './utterance-matcher';

export interface ChatSessionOptions {
  /** e.g. "http://127.0.0.1:3000" */
  baseUrl: string;
  /** The stack's operator token (from the data dir): minting linking tokens and reading the outbox are operator calls. */
  operatorToken: string;
  /** The local account to link, e.g. "alice". */
  userId: string;
  skillId?: string;
  matcher: UtteranceMatcher;
  print(line: string): void;
}

/** Nothing answered at all: the local stack is not running there. */
export class ServerUnreachableError extends Error {}

interface AlexaSession {
  id: string;
  isNew: boolean;
  attributes: Record<string, unknown>;
  accessToken: string;
}

export class ChatSession {
  /** Undefined between Alexa sessions: the next utterance opens a new one. */
  private session: AlexaSession | undefined;
  private readonly shownMessageIds = new Set<string>();

  constructor(private readonly options: ChatSessionOptions) {}

  /**
   * Checks the stack answers and knows the user, before the first utterance. Messages
   * already in the outbox belong to earlier chats: they are never shown.
   */
  async connect(): Promise<void> {
    for (const message of await this.outbox()) this.shownMessageIds.add(message.id);
    this.session = await this.openSession();
  }

  async say(utterance: string): Promise<void> {
    const session = this.session ?? (await this.openSession());
    const envelope = this.envelopeFor(this.options.matcher(utterance), session);
    const response = await this.post<AlexaResponseEnvelope>('/alexa', envelope);
    for (const line of responseLines(response)) this.options.print(line);
    this.continueOrClose(session, response);
    await this.printNewMessages();
  }

  /** Quitting the chat is the user walking away: Alexa tells the skill the session ended. */
  async end(): Promise<void> {
    if (!this.session || this.session.isNew) return; // the skill never heard of this session
    await this.post('/alexa', sessionEndedRequest(this.envelopeOptions(this.session)));
    this.session = undefined;
  }

  /** Each Alexa session gets a fresh linking token: tokens live 1 h, a chat may run all day. */
  private async openSession(): Promise<AlexaSession> {
    const { accessToken } = await this.post<{ accessToken: string }>('/api/dev/tokens', { userId: this.options.userId });
    return { id: newSessionId(), isNew: true, attributes: {}, accessToken };
  }

  /** Alexa hands the skill's sessionAttributes back on the next turn, until the skill ends the session. */
  private continueOrClose(session: AlexaSession, response: AlexaResponseEnvelope): void {
    if (response.response?.shouldEndSession) {
      this.session = undefined;
      this.options.print('[session closed]');
    } else {
      this.session = { ...session, isNew: false, attributes: response.sessionAttributes ?? {} };
    }
  }

  private envelopeFor(request: MatchedRequest, session: AlexaSession): AlexaRequestEnvelope {
    const options = this.envelopeOptions(session);
    return request.type === 'LaunchRequest' ? launchRequest(options) : intentRequest(request.intent, request.slots, options);
  }

  private envelopeOptions(session: AlexaSession): EnvelopeOptions {
    return {
      accessToken: session.accessToken,
      sessionId: session.id,
      sessionNew: session.isNew,
      attributes: session.attributes,
      skillId: this.options.skillId,
    };
  }

  private async printNewMessages(): Promise<void> {
    for (const message of await this.outbox()) {
      if (this.shownMessageIds.has(message.id)) continue;
      this.shownMessageIds.add(message.id);
      this.options.print(outboxLine(message));
    }
  }

  private async outbox(): Promise<OutboxMessage[]> {
    const path = `/api/outbox?userId=${encodeURIComponent(this.options.userId)}`;
    return (await this.request<{ messages: OutboxMessage[] }>('GET', path)).messages;
  }

  private post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = `${this.options.baseUrl}${path}`;
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.operatorToken}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const init: RequestInit = { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) };
    const response = await fetch(url, init).catch((cause: unknown) => {
      throw new ServerUnreachableError(`No answer from ${url}`, { cause });
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
