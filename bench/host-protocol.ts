/** What the bench (parent) and the stack host (child process) say to each other over IPC. */
import type { Channel } from '../functions/domain/user';
import type { ExecutionStatus } from '../functions/ports/workflow-gateway';

export type FloorKind = 'list' | 'command' | 'authorize';

/** One DynamoDB call seen on the stack's document client. */
export interface StoreCall {
  /** The lib-dynamodb command, e.g. "GetCommand". */
  command: string;
  table: string;
  consistentRead: boolean;
  /** Estimated DynamoDB size of each item read or written (0 for a missing item). */
  itemBytes: number[];
  /** How long the call took, ms. */
  ms: number;
  /** What the parent said it was doing when the call was made (see the `phase` call). */
  phase: string;
}

export interface FunctionCall {
  functionName: string;
  ms: number;
}

export interface SentMessage {
  channel: Channel;
  to: string;
  body: string;
}

/** Everything the stack did while recording was on. */
export interface Recording {
  storeCalls: StoreCall[];
  functionCalls: FunctionCall[];
  messages: SentMessage[];
}

export interface MemorySample {
  rss: number;
  /** Linux only (/proc/self/status): the anonymous part of RSS (heap, malloc) and the file-backed part (mapped files, e.g. the store's tables). */
  rssAnon?: number;
  rssFile?: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

export interface OutcomeMarks {
  challengeStoredAt?: number;
  executionFinishedAt?: number;
}

/** Milliseconds since the epoch with sub-millisecond precision, comparable across processes. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

export interface ExecutionOutcome {
  executionId: string;
  userId: string;
  status: ExecutionStatus;
}

export interface HostCalls {
  /** Times the store operations a request type cannot avoid, alone, `runs` times (ms each). */
  floor: { args: { kind: FloorKind; runs: number; warmup: number }; result: number[] };
  /** Memory after two full garbage collections. */
  memory: { args: Record<string, never>; result: MemorySample };
  startRecording: { args: Record<string, never>; result: null };
  /** Tags the store calls recorded from now on. */
  phase: { args: { name: string }; result: null };
  /**
   * When the last outcome became ready inside the stack (epoch ms): the challenge stored
   * (what the command's answer waits for) and the execution persisted as finished (what
   * the authorize answer waits for). Reset after reading.
   */
  marks: { args: Record<string, never>; result: OutcomeMarks };
  stopRecording: { args: Record<string, never>; result: Recording };
  /** Waits until no execution is running (true), or `timeoutMs` passes (false). */
  idle: { args: { timeoutMs: number }; result: boolean };
  /** Executions of these users (all when empty), newest first, without history. */
  executions: { args: { userIds: string[] }; result: ExecutionOutcome[] };
  stop: { args: Record<string, never>; result: null };
}

export type HostOp = keyof HostCalls;

export type ParentMessage = { type: 'call'; id: number; op: HostOp; args: unknown };

export type ChildMessage =
  | { type: 'ready'; url: string; pid: number; dataDir: string }
  | { type: 'reply'; id: number; result?: unknown; error?: string }
  | { type: 'sms'; to: string; body: string }
  | { type: 'fatal'; error: string };
