/**
 * The bench's side of the stack under test: starts bench/stack-host.ts in a child process,
 * talks to it over HTTP as Alexa and the console do (docs/local-api.md), and over IPC for what
 * only that process can measure. Simulated users read their codes on a simulated phone.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { maskDestination } from '../functions/domain/masking';
import { Speech } from '../functions/domain/speech';
import { intentRequest, type SlotValues } from '../infra/local/chat/envelope';
import { mapLimit } from './concurrency';
import { epochNow, type ChildMessage, type HostCalls, type HostOp } from './host-protocol';
import { readOperatorToken } from '../infra/local/identity/operator-token';
import { withMallocSettings } from '../infra/local/malloc-settings';

export interface BenchUser {
  userId: string;
  phone: string;
  accessToken: string;
}

export interface AlexaAnswer {
  status: number;
  speech: string;
  ms: number;
  /** When the answer arrived, epoch ms (comparable with the stack's marks). */
  at: number;
}

/** The sensitive command every simulated user confirms: an action that is valid every time. */
export const COMMAND = { intent: 'RebootInstanceIntent', slots: { instance: 'web' }, action: 'reboot', target: 'web' } as const;

const EXPECTED = {
  codeUnderWay: Speech.codeUnderWay(COMMAND.action, COMMAND.target),
  accepted: Speech.codeAccepted(COMMAND.action, COMMAND.target),
  acceptedUnderWay: Speech.codeAcceptedUnderWay(COMMAND.action, COMMAND.target),
};

export type CommandVerdict = 'code-sent' | 'code-under-way' | 'error';
export type AuthorizeVerdict = 'succeeded' | 'under-way' | 'error';

/** A user's next command may open with the outcome of their last one ("Your earlier command is done: …"). */
export function commandVerdict(answer: AlexaAnswer, phone: string): CommandVerdict {
  if (answer.status !== 200) return 'error';
  if (answer.speech.endsWith(Speech.codeSent(COMMAND.action, COMMAND.target, 6, 'sms', maskDestination('sms', phone)))) return 'code-sent';
  return answer.speech.endsWith(EXPECTED.codeUnderWay) ? 'code-under-way' : 'error';
}

export function authorizeVerdict(answer: AlexaAnswer): AuthorizeVerdict {
  if (answer.status !== 200) return 'error';
  if (answer.speech === EXPECTED.accepted) return 'succeeded';
  return answer.speech === EXPECTED.acceptedUnderWay ? 'under-way' : 'error';
}

export interface Confirmation {
  /** Until the answer is back and the code is on the phone. */
  commandMs: number;
  /** Until the answer is back (the action performed and the execution succeeded, when it says so). */
  authorizeMs: number;
  /** From sending the command to the authorize answer. */
  totalMs: number;
  /** Epoch ms of the two answers. */
  commandAnsweredAt: number;
  authorizeAnsweredAt: number;
  command: CommandVerdict;
  authorize: AuthorizeVerdict;
  /** Why it counts as an error, if it does. */
  error?: string;
}

/** The handset: codes arrive here over IPC as the stack delivers them. */
class Phone {
  private readonly unread = new Map<string, { code: string; at: number }[]>();
  private readonly waiting = new Map<string, (message: { code: string; at: number }) => void>();

  deliver(to: string, body: string): void {
    const code = /code (\d+)/.exec(body)?.[1];
    if (!code) return;
    const message = { code, at: performance.now() };
    const waiter = this.waiting.get(to);
    if (waiter) {
      this.waiting.delete(to);
      waiter(message);
    } else {
      const list = this.unread.get(to) ?? [];
      list.push(message);
      this.unread.set(to, list);
    }
  }

  /** Forgets what arrived so far: the next code is the one the next command sends. */
  clear(to: string): void {
    this.unread.delete(to);
  }

  next(to: string, timeoutMs: number): Promise<{ code: string; at: number }> {
    const queued = this.unread.get(to)?.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(to);
        reject(new Error(`no code reached ${to} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(to, (message) => {
        clearTimeout(timer);
        resolve(message);
      });
    });
  }
}

/** The stack process's environment: the bench's own plus the allocator settings `npm start` adds. */
export function stackEnvironment(): NodeJS.ProcessEnv {
  return withMallocSettings(process.env) ?? process.env;
}

/** The variables in it that choose or tune the C allocator, for the record of a memory run. */
export function allocatorVariables(env: NodeJS.ProcessEnv): string {
  const set = Object.entries(env).filter(([name]) => /^(MALLOC_|GLIBC_TUNABLES$|LD_PRELOAD$)/.test(name));
  return set.length === 0 ? '(none: the C library defaults)' : set.map(([name, value]) => `${name}=${value}`).join(' ');
}

export class BenchStack {
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private nextId = 1;
  private readonly phone = new Phone();
  private userCount = 0;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly pid: number,
    /** Read from the host's data dir, as every client of the stack does. */
    readonly operatorToken: string,
  ) {
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'sms') this.phone.deliver(message.to, message.body);
      else if (message.type === 'reply') {
        const call = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) call?.reject(new Error(`stack host: ${message.error}`));
        else call?.resolve(message.result);
      }
    });
    child.once('exit', (code, signal) => {
      for (const call of this.pending.values()) call.reject(new Error(`the stack host exited (${code ?? signal})`));
      this.pending.clear();
    });
  }

  /**
   * Starts the stack in a fresh process (Node with --expose-gc, TypeScript through tsx), with
   * the allocator settings `npm start` gives it, so memory is measured as users run it.
   */
  static async start(options: { cpuProfDir?: string; label?: string } = {}): Promise<BenchStack> {
    const profile = options.cpuProfDir
      ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfDir, '--cpu-prof-name', `${options.label ?? 'stack'}-${Date.now()}.cpuprofile`]
      : [];
    const child = fork(join(__dirname, 'stack-host.ts'), [], {
      execArgv: ['--expose-gc', ...profile, '--import', 'tsx'],
      env: stackEnvironment(),
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    child.stdout?.pipe(process.stderr);
    const ready = await new Promise<{ url: string; pid: number; dataDir: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the stack host did not start within 60 s')), 60_000);
      child.on('message', (message: ChildMessage) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          resolve(message);
        } else if (message.type === 'fatal') {
          clearTimeout(timer);
          reject(new Error(`the stack host failed: ${message.error}`));
        }
      });
      child.once('exit', (code) => reject(new Error(`the stack host exited with ${code} before it was ready`)));
    });
    return new BenchStack(child, ready.url, ready.pid, readOperatorToken(ready.dataDir));
  }

  call<K extends HostOp>(op: K, args: HostCalls[K]['args']): Promise<HostCalls[K]['result']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ type: 'call', id, op, args });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.call('stop', {}).catch(() => undefined);
    await exited;
  }

  /** Local users who may control everything, each with a phone of their own and a token. */
  async createUsers(prefix: string, count: number): Promise<BenchUser[]> {
    const indexes = Array.from({ length: count }, () => this.userCount++);
    return mapLimit(indexes, 16, async (n) => {
      const userId = `${prefix}-${n}`;
      const phone = `+1555${String(1_000_000 + n).padStart(7, '0')}`;
      const created = await this.post('/api/dev/users', { userId, phone, email: `${userId}@bench.invalid`, targets: ['*'] });
      if (created.status !== 201) throw new Error(`creating ${userId}: HTTP ${created.status}`);
      const token = await this.post('/api/dev/tokens', { userId });
      if (token.status !== 201) throw new Error(`token for ${userId}: HTTP ${token.status}`);
      return { userId, phone, accessToken: (token.body as { accessToken: string }).accessToken };
    });
  }

  async alexa(user: BenchUser, intent: string, slots: SlotValues = {}): Promise<AlexaAnswer> {
    const body = JSON.stringify(intentRequest(intent, slots, { accessToken: user.accessToken }));
    const started = performance.now();
    const { status, body: reply } = await this.postRaw('/alexa', body);
    const ms = performance.now() - started;
    const at = epochNow();
    const speech = (reply as { response?: { outputSpeech?: { ssml?: string; text?: string } } } | undefined)?.response?.outputSpeech;
    return { status, ms, at, speech: (speech?.ssml ?? speech?.text ?? '').replace(/<[^>]+>/g, '').trim() };
  }

  /** Sends the command and resolves once its answer is back and its code is on the phone. */
  async command(user: BenchUser, codeTimeoutMs: number): Promise<{ answer: AlexaAnswer; verdict: CommandVerdict; code?: string; ms: number; error?: string }> {
    this.phone.clear(user.phone);
    const started = performance.now();
    const code = this.phone.next(user.phone, codeTimeoutMs);
    code.catch(() => undefined);
    const answer = await this.alexa(user, COMMAND.intent, COMMAND.slots);
    const verdict = commandVerdict(answer, user.phone);
    if (verdict === 'error') return { answer, verdict, ms: answer.ms, error: `command: HTTP ${answer.status} "${answer.speech}"` };
    try {
      const message = await code;
      const answeredAt = started + answer.ms;
      return { answer, verdict, code: message.code, ms: Math.max(answeredAt, message.at) - started };
    } catch (error) {
      return { answer, verdict: 'error', ms: answer.ms, error: (error as Error).message };
    }
  }

  /**
   * One simulated user's whole confirmation: command → code on the phone → authorize.
   * With `tagPhases`, the stack's recorded store calls are tagged "command" and "authorize".
   */
  async confirm(user: BenchUser, codeTimeoutMs = 30_000, tagPhases = false): Promise<Confirmation> {
    if (tagPhases) await this.call('phase', { name: 'command' });
    const started = performance.now();
    const command = await this.command(user, codeTimeoutMs);
    if (command.verdict === 'error' || command.code === undefined) {
      const failedAt = epochNow();
      return {
        commandMs: command.ms,
        authorizeMs: 0,
        totalMs: performance.now() - started,
        commandAnsweredAt: command.answer.at,
        authorizeAnsweredAt: failedAt,
        command: 'error',
        authorize: 'error',
        error: command.error ?? 'no code',
      };
    }
    if (tagPhases) await this.call('phase', { name: 'authorize' });
    const resumed = performance.now();
    const answer = await this.alexa(user, 'AuthorizeIntent', { code: command.code });
    if (tagPhases) await this.call('phase', { name: '' });
    const authorize = authorizeVerdict(answer);
    return {
      commandMs: command.ms,
      authorizeMs: answer.ms,
      totalMs: command.ms + (performance.now() - resumed),
      commandAnsweredAt: command.answer.at,
      authorizeAnsweredAt: answer.at,
      command: command.verdict,
      authorize,
      ...(authorize === 'error' && { error: `authorize: HTTP ${answer.status} "${answer.speech}"` }),
    };
  }

  /** fetch on the stack as the operator. */
  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${this.operatorToken}`);
    return fetch(this.url + path, { ...init, headers });
  }

  async post(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
    return this.postRaw(path, JSON.stringify(body));
  }

  async get<T>(path: string): Promise<T> {
    const response = await this.fetch(path);
    if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
    return (await response.json()) as T;
  }

  private async postRaw(path: string, body: string): Promise<{ status: number; body: unknown }> {
    const response = await this.fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: response.status, body: parsed };
  }
}
