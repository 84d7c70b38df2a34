/**
 * Section 6: counts what confirmed commands really did (states entered, function calls
 * and their durations, store reads and writes, audit events, messages), maps each to the
 * AWS service it is on AWS, and prices it with bench/prices.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TABLES } from '../functions/adapters/aws/dynamodb/tables';
import { LOCAL_TABLE_NAMES } from '../infra/local/store/local-tables';
import {
  DEFAULT_ASSUMPTIONS,
  dynamoUsage,
  estimateCost,
  smsParts,
  type ConfirmationUsage,
  type CostAssumptions,
  type CostEstimate,
  type Prices,
} from './cost-model';
import type { Progress } from './progress';
import type { BenchStack } from './stack-client';
import { round } from './stats';

export interface CostResult {
  usage: ConfirmationUsage;
  /** State names of one execution, in order: the path a confirmed command takes. */
  path: string[];
  assumptions: CostAssumptions;
  prices: { region: string; asOf: string; status: string };
  estimate: CostEstimate;
  /** Store calls on local-only tables per confirmed command (another AWS service there, or nothing). */
  localOnlyStoreCalls: Record<string, number>;
  /**
   * The local stack's store calls made while each request was in flight (all tables, in
   * order, with their mean total time): what the request's latency is made of.
   */
  storeCallsPerRequest: Record<'command' | 'authorize', { calls: number; onAwsTables: number; ms: number; sequence: string[] }>;
}

export function loadPrices(path = join(__dirname, 'prices.json')): Prices {
  return JSON.parse(readFileSync(path, 'utf8')) as Prices;
}

interface HistoryEvent {
  type: string;
  stateName?: string;
}

export async function measureCost(stack: BenchStack, runs: number, progress: Progress): Promise<CostResult> {
  progress(`cost: ${runs} confirmed commands, counting store calls, function calls and messages`);
  const users = await stack.createUsers('cost', runs);
  await stack.call('idle', { timeoutMs: 30_000 });
  const skillMs: number[] = [];
  await stack.call('startRecording', {});
  for (const user of users) {
    const c = await stack.confirm(user, 10_000, true);
    if (c.error || c.authorize !== 'succeeded') throw new Error(`cost: a confirmation failed: ${c.error ?? c.authorize}`);
    skillMs.push(c.commandMs, c.authorizeMs);
  }
  await stack.call('idle', { timeoutMs: 30_000 });
  const recording = await stack.call('stopRecording', {});
  const executions = await stack.call('executions', { userIds: users.map((u) => u.userId) });
  if (executions.length !== runs || executions.some((e) => e.status !== 'SUCCEEDED')) throw new Error('cost: not every execution succeeded');
  let transitions = 0;
  let path: string[] = [];
  for (const execution of executions) {
    const { history } = await stack.get<{ history: HistoryEvent[] }>(`/api/executions/${execution.executionId}`);
    const entered = history.filter((e) => e.type === 'StateEntered');
    transitions += entered.length + history.filter((e) => e.type === 'StateRetried').length;
    path = entered.map((e) => e.stateName ?? '?');
  }
  const awsTables = new Set(Object.keys(TABLES).map((key) => LOCAL_TABLE_NAMES[key as keyof typeof TABLES]));
  const byFunction = new Map<string, number[]>();
  for (const call of recording.functionCalls) byFunction.set(call.functionName, [...(byFunction.get(call.functionName) ?? []), call.ms]);
  const lambda = [
    { name: 'skill', invocations: skillMs.length / runs, meanMs: round(mean(skillMs)) },
    ...[...byFunction].map(([name, ms]) => ({ name, invocations: round(ms.length / runs, 2), meanMs: round(mean(ms)) })),
  ];
  const sms = recording.messages.filter((m) => m.channel === 'sms');
  const localOnlyStoreCalls: Record<string, number> = {};
  for (const call of recording.storeCalls) {
    if (awsTables.has(call.table)) continue;
    localOnlyStoreCalls[call.table] = round((localOnlyStoreCalls[call.table] ?? 0) + 1 / runs, 2);
  }
  const usage: ConfirmationUsage = {
    runs,
    stateTransitions: round(transitions / runs, 2),
    lambda,
    dynamodb: dynamoUsage(recording.storeCalls, awsTables, runs),
    events: round(recording.storeCalls.filter((c) => c.table === LOCAL_TABLE_NAMES.audit && c.command === 'PutCommand').length / runs, 2),
    sms: { messages: round(sms.length / runs, 2), parts: round(sms.reduce((total, m) => total + smsParts(m.body), 0) / runs, 2) },
    emails: round(recording.messages.filter((m) => m.channel === 'email').length / runs, 2),
  };
  const perRequest = (name: 'command' | 'authorize') => {
    const calls = recording.storeCalls.filter((c) => c.phase === name);
    const lastRun = calls.slice(-Math.round(calls.length / runs));
    return {
      calls: round(calls.length / runs, 1),
      onAwsTables: round(calls.filter((c) => awsTables.has(c.table)).length / runs, 1),
      ms: round(calls.reduce((total, c) => total + c.ms, 0) / runs, 2),
      sequence: lastRun.map((c) => `${c.command.replace('Command', '')} ${c.table.replace('voicegate-', '')}`),
    };
  };
  const storeCallsPerRequest = { command: perRequest('command'), authorize: perRequest('authorize') };
  const prices = loadPrices();
  const estimate = estimateCost(usage, prices, DEFAULT_ASSUMPTIONS);
  progress(
    `cost: ${usage.stateTransitions} state transitions, ${usage.dynamodb.readUnits} RRU + ${usage.dynamodb.writeUnits} WRU per confirmed command; $${estimate.usdPer1000ExcludingSms} per 1,000 without SMS`,
  );
  return {
    usage,
    path,
    assumptions: DEFAULT_ASSUMPTIONS,
    prices: { region: prices.region, asOf: prices.asOf, status: prices.status },
    estimate,
    localOnlyStoreCalls,
    storeCallsPerRequest,
  };
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
