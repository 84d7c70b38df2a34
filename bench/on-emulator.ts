/**
 * "On the emulator": the synthesized stack deployed on moto_server (npm run emulator), a few
 * confirmed commands held through the skill's Invoke API, and every AWS API call counted at
 * the emulator's endpoint: per confirmed command by function and service, and per answer the
 * calls made one after another and the skill's polls.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STACK_NAME } from '../infra/aws/voicegate-app';
import type { ApiCall } from '../infra/emulator/api-call-log';
import { startEmulator, type RunningEmulator } from '../infra/emulator/emulator';
import { seedLikeAnOperator } from '../infra/emulator/seed';
import { synthesize } from '../infra/emulator/synth';
import { EmulatedAccount, type Person } from '../test/emulator/support/emulated-account';
import { answerCalls, callsByCallerAndService, type AnswerCalls } from './emulator-calls';
import type { Progress } from './progress';

export interface EmulatorResult {
  /** Confirmed commands measured (after one unmeasured warm-up). */
  commands: number;
  /** Average calls per confirmed command, by caller and service ("skill dynamodb"). */
  callsPerCommand: Record<string, number>;
  commandAnswer: AnswerCalls;
  authorizeAnswer: AnswerCalls;
}

export async function measureOnEmulator(commands: number, progress: Progress): Promise<EmulatorResult> {
  const workDir = mkdtempSync(join(tmpdir(), 'voicegate-bench-emulator-'));
  try {
    progress('emulator: cdk synth');
    await synthesize(join(workDir, 'cdk.out'), [], () => undefined);
    const emulator = await startEmulator({ cdkOut: join(workDir, 'cdk.out'), stackName: STACK_NAME, workDir, progress: () => undefined });
    try {
      progress(`emulator: deployed ${Object.keys(emulator.physicalIds).length} resources on ${emulator.account.endpoint}; seeding`);
      return await measure(emulator, commands, progress);
    } finally {
      await emulator.stop();
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function measure(emulator: RunningEmulator, commands: number, progress: Progress): Promise<EmulatorResult> {
  const sesFromAddress = emulator.functions[0]?.environment.VOICEGATE_SES_FROM_ADDRESS;
  if (!sesFromAddress) throw new Error('emulator: the deployed functions have no VOICEGATE_SES_FROM_ADDRESS');
  const seeded = await seedLikeAnOperator(emulator.clients('operator'), { outputs: emulator.outputs, sesFromAddress }, () => undefined);
  const account = new EmulatedAccount({
    VoiceGate: emulator.outputs,
    emulator: { endpointUrl: emulator.account.endpoint, region: emulator.account.region, accountId: emulator.account.accountId, users: seeded.users },
  });
  const label = callerLabels(emulator);
  progress('emulator: one unmeasured command (cold starts)');
  await confirmOnce(account, await account.newPerson(['*']));
  const measured: { calls: ApiCall[]; command: AnswerCalls; authorize: AnswerCalls }[] = [];
  for (let run = 1; run <= commands; run++) {
    const windows = await confirmOnce(account, await account.newPerson(['*']));
    const calls = emulator.calls.since(windows.commandFrom);
    measured.push({ calls, command: answerCalls(calls, windows.command, label), authorize: answerCalls(calls, windows.authorize, label) });
    progress(`emulator: command ${run}/${commands}: ${calls.length} calls`);
  }
  return {
    commands,
    callsPerCommand: average(measured.map(({ calls }) => callsByCallerAndService(calls, label))),
    commandAnswer: average(measured.map(({ command }) => command)),
    authorizeAnswer: average(measured.map(({ authorize }) => authorize)),
  };
}

/** Start an instance, read the texted code, authorize; wait until the execution and its audit trail are done. */
async function confirmOnce(account: EmulatedAccount, person: Person) {
  const { alias } = await account.newInstance('stopped');
  const commandFrom = Date.now();
  await account.say(person, 'StartInstanceIntent', { instance: alias });
  const commandTo = Date.now();
  const code = await account.codeTexted(person);
  const authorizeFrom = Date.now();
  await account.say(person, 'AuthorizeIntent', { code });
  const authorizeTo = Date.now();
  const [execution] = await account.executionsOf(person.userId);
  if (!execution?.executionArn) throw new Error(`emulator: no execution for ${person.userId}'s command`);
  await account.executionEnds(execution.executionArn);
  await account.wholeAuditTrail(execution.input.command.commandId);
  return { commandFrom, command: { from: commandFrom, to: commandTo }, authorize: { from: authorizeFrom, to: authorizeTo } };
}

/**
 * Who made a call, from its access key id: each function signs with its own name; moto's Step
 * Functions interpreter signs its service integrations with moto's default key. The bench's
 * own calls (Alexa's invokes, the operator, reading moto's records) are not the product's.
 */
function callerLabels(emulator: RunningEmulator): (caller: string) => string | undefined {
  const functions = new Map(emulator.functions.map((spec) => [spec.functionName, functionLabel(spec.functionName)]));
  const benchCallers = new Set(['alexa', 'operator', 'deployer', 'anonymous']);
  return (caller) => functions.get(caller) ?? (benchCallers.has(caller) ? undefined : 'step-functions');
}

/** "VoiceGate-FunctionsIssueChallengeFunction47FFFF20-…" → "issue-challenge". */
function functionLabel(functionName: string): string {
  const logical = /Functions([A-Za-z]+?)Function/.exec(functionName)?.[1] ?? functionName;
  return logical.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}

/** The mean of each count over the runs, to one decimal. */
function average<T extends object>(rows: T[]): T {
  const sums: Record<string, number> = {};
  for (const row of rows) for (const [key, value] of Object.entries(row)) sums[key] = (sums[key] ?? 0) + (value as number);
  return Object.fromEntries(Object.entries(sums).map(([key, sum]) => [key, Math.round((sum / rows.length) * 10) / 10])) as T;
}
