/**
 * The stack under test, in its own process: started exactly as `npm start` starts it
 * (startLocalStack, port 0, a fresh data dir), so its memory is its own and the load
 * generator does not share its CPU. The parent drives it over HTTP like any client and
 * asks it over IPC for what only the process itself can measure.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MessageSender } from '../functions/ports/message-sender';
import { startLocalStack, type LocalStack } from '../infra/local/app';
import { localLogger } from '../infra/local/logging/local-logger';
import { LOCAL_DEFAULTS } from '../infra/local/config';
import { DEFAULT_ASSUMPTIONS, dynamoItemBytes } from './cost-model';
import { floorRunner } from './floors';
import {
  epochNow,
  type ChildMessage,
  type HostCalls,
  type HostOp,
  type OutcomeMarks,
  type ParentMessage,
  type Recording,
  type StoreCall,
} from './host-protocol';

let recording: Recording | undefined;
let phase = '';
let marks: OutcomeMarks = {};

function send(message: ChildMessage): void {
  process.send?.(message);
}

/** The simulated phone: each delivered code also goes to the parent, as an SMS reaches a handset. */
function toParent(real: MessageSender): MessageSender {
  return {
    async send(message) {
      await real.send(message);
      recording?.messages.push({ channel: message.channel, to: message.to, body: message.body });
      send({ type: 'sms', to: message.to, body: message.body });
    },
  };
}

/** Counts every store call and estimates the item sizes it read or wrote. */
function recordStoreCalls(client: DynamoDBDocumentClient): void {
  const original = client.send.bind(client) as (command: unknown, ...rest: unknown[]) => Promise<unknown>;
  (client as { send: unknown }).send = async (command: { constructor: { name: string }; input: Record<string, unknown> }, ...rest: unknown[]) => {
    const started = performance.now();
    const calledIn = phase;
    let output: Record<string, unknown> = {};
    try {
      output = (await original(command, ...rest)) as Record<string, unknown>;
      return output;
    } finally {
      // Failed calls (a lost conditional write) are billed too, and recorded with what they sent.
      const ms = performance.now() - started;
      if (recording) recording.storeCalls.push(...describeCall(command.constructor.name, command.input, output).map((c) => ({ ...c, ms, phase: calledIn })));
    }
  };
}

/** Notes when each request's outcome became ready, to tell working time from time spent between polls. */
function markOutcomes(stack: LocalStack): void {
  const challenges = stack.deps.challenges;
  const replace = challenges.replace.bind(challenges);
  challenges.replace = async (challenge) => {
    const previous = await replace(challenge);
    marks.challengeStoredAt = epochNow();
    return previous;
  };
  const executions = stack.executions;
  const finish = executions.finish.bind(executions);
  executions.finish = async (executionId, fields) => {
    await finish(executionId, fields);
    marks.executionFinishedAt = epochNow();
  };
}

function describeCall(name: string, input: Record<string, unknown>, output: Record<string, unknown>): Omit<StoreCall, 'ms' | 'phase'>[] {
  const consistentRead = input.ConsistentRead === true;
  if (name === 'BatchGetCommand') {
    const requests = (input.RequestItems ?? {}) as Record<string, { Keys: unknown[]; ConsistentRead?: boolean }>;
    const responses = (output.Responses ?? {}) as Record<string, Record<string, unknown>[]>;
    return Object.entries(requests).map(([table, request]) => {
      const found = (responses[table] ?? []).map(sized);
      const missing = request.Keys.length - found.length;
      return { command: name, table, consistentRead: request.ConsistentRead === true, itemBytes: [...found, ...Array<number>(missing).fill(0)] };
    });
  }
  const table = String(input.TableName);
  let itemBytes: number[] = [];
  if (name === 'GetCommand') itemBytes = [output.Item ? sized(output.Item as Record<string, unknown>) : 0];
  else if (name === 'PutCommand') itemBytes = [sized(input.Item as Record<string, unknown>)];
  else if (name === 'ScanCommand' || name === 'QueryCommand') itemBytes = ((output.Items ?? []) as Record<string, unknown>[]).map(sized);
  return [{ command: name, table, consistentRead, itemBytes }];
}

/** Sizes an item as it would be on AWS, where the task token is longer than the local one. */
function sized(item: Record<string, unknown>): number {
  const token = item.taskToken;
  const longer = typeof token === 'string' ? Math.max(0, DEFAULT_ASSUMPTIONS.awsTaskTokenBytes - token.length) : 0;
  return dynamoItemBytes(item) + longer;
}

function timeWorkflowFunctions(stack: LocalStack): void {
  const functions = stack.workflowFunctions;
  for (const [arn, fn] of Object.entries(functions)) {
    const functionName = arn.slice(arn.lastIndexOf(':') + 1);
    functions[arn] = async (payload) => {
      const started = performance.now();
      try {
        return await fn(payload);
      } finally {
        recording?.functionCalls.push({ functionName, ms: performance.now() - started });
      }
    };
  }
}

/** RssAnon and RssFile from /proc/self/status, where there is one. */
function residentParts(): { rssAnon?: number; rssFile?: number } {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024;
    const rssAnon = kib('RssAnon');
    const rssFile = kib('RssFile');
    return Number.isFinite(rssAnon) && Number.isFinite(rssFile) ? { rssAnon, rssFile } : {};
  } catch {
    return {};
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'voicegate-bench-'));
  // Warnings and errors only: a line per request would flood the progress output.
  const logger = localLogger('WARN');
  const stack = await startLocalStack({ ...LOCAL_DEFAULTS, port: 0, mqttPort: 0, dataDir }, { wrapMessages: toParent, logger });
  const client = stack.storeClient;
  recordStoreCalls(client);
  timeWorkflowFunctions(stack);
  markOutcomes(stack);
  const runFloor = await floorRunner(stack, client);
  let closing: Promise<void> | undefined;
  const shutdown = () => (closing ??= stack.close().finally(() => rmSync(dataDir, { recursive: true, force: true })));

  const handlers: { [K in HostOp]: (args: HostCalls[K]['args']) => Promise<HostCalls[K]['result']> } = {
    async floor({ kind, runs, warmup }) {
      for (let i = 0; i < warmup; i++) await runFloor(kind);
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) samples.push(await runFloor(kind));
      return samples;
    },
    async memory() {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (!gc) throw new Error('the stack host needs --expose-gc');
      gc();
      await new Promise((resolve) => setTimeout(resolve, 50));
      gc();
      const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
      return { rss, ...residentParts(), heapUsed, heapTotal, external, arrayBuffers };
    },
    async startRecording() {
      recording = { storeCalls: [], functionCalls: [], messages: [] };
      return null;
    },
    async phase({ name }) {
      phase = name;
      return null;
    },
    async marks() {
      const last = marks;
      marks = {};
      return last;
    },
    async stopRecording() {
      const done = recording ?? { storeCalls: [], functionCalls: [], messages: [] };
      recording = undefined;
      return done;
    },
    async idle({ timeoutMs }) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      const idle = await Promise.race([stack.engine.idle().then(() => true), timedOut]);
      clearTimeout(timer);
      return idle;
    },
    async executions({ userIds }) {
      const wanted = new Set(userIds);
      const all = await stack.executions.list();
      return all.filter((e) => wanted.size === 0 || wanted.has(e.userId)).map(({ executionId, userId, status }) => ({ executionId, userId, status }));
    },
    async stop() {
      await shutdown();
      return null;
    },
  };

  process.on('message', (raw: ParentMessage) => {
    if (raw.type !== 'call') return;
    const handler = handlers[raw.op] as (args: unknown) => Promise<unknown>;
    handler(raw.args).then(
      (result) => {
        send({ type: 'reply', id: raw.id, result });
        if (raw.op === 'stop') process.disconnect();
      },
      (error: Error) => send({ type: 'reply', id: raw.id, error: error.stack ?? error.message }),
    );
  });
  // The parent going away ends the stack too (no orphan holding ports or temp files).
  process.once('disconnect', () => void shutdown().finally(() => process.exit(0)));
  send({ type: 'ready', url: stack.url, pid: process.pid, dataDir });
}

main().catch((error: Error) => {
  send({ type: 'fatal', error: error.stack ?? error.message });
  process.exit(1);
});
