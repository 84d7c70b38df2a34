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
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
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
  | { type: 'ready'; url: string; pid: number }
  | { type: 'reply'; id: number; result?: unknown; error?: string }
  | { type: 'sms'; to: string; body: string }
  | { type: 'fatal'; error: string };
