import { setTimeout as sleep } from 'node:timers/promises';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { taskTokenOf } from '../../../../functions/use-cases/issue-challenge';
import { startDynalite, type RunningStore } from '../../../../infra/local/store/dynalite-server';
import { CONFIRM_COMMAND_ASL, loadDefinition } from '../../../../infra/local/workflow/asl-definition';
import { ExecutionStore } from '../../../../infra/local/workflow/execution-store';
import { LOCAL_FUNCTION_NAMES, localFunctions } from '../../../../infra/local/workflow/local-functions';
import { LocalWorkflowEngine, type EngineOptions } from '../../../../infra/local/workflow/local-workflow-engine';
import type { IntegrationTargets, LocalFunction } from '../../../../infra/local/workflow/service-integrations';
import { TaskTokenRegistry } from '../../../../infra/local/workflow/task-token-registry';
import { tableOnStore, type TestTable } from '../../../support/dynamodb-tables';
import type { Command } from '../../../../functions/domain/command';
import { aliceStartsSplunk, fakeWorld, type FakeWorld } from '../../../support/fakes/fake-deps';

/** The workflow's definition as the local stack loads it, with a chosen code lifetime. */
export function confirmCommandDefinition(codeTtlSeconds = 300): StateMachineDefinition {
  return loadDefinition(CONFIRM_COMMAND_ASL, { ...LOCAL_FUNCTION_NAMES, AuditBusName: 'voicegate-audit', CodeTtlSeconds: codeTtlSeconds });
}

/** Polls `read` until it has an answer: the engine runs each execution on its own schedule. */
export async function eventually<T>(read: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  for (let attempt = 0; attempt < 800; attempt++) {
    const value = await read();
    if (value !== undefined) return value;
    await sleep(10);
  }
  throw new Error(`gave up waiting for ${what}`);
}

export interface EngineWorld {
  world: FakeWorld;
  /** The workflow's functions by name, as the engine invokes them (a test may wrap one). */
  functions: Record<string, LocalFunction>;
  engine: LocalWorkflowEngine;
  tokens: TaskTokenRegistry;
  executions: ExecutionStore;
  tokensTable: TestTable;
  executionsTable: TestTable;
  /** Another engine on the same tables, as the next process after a stop would be. */
  restart(): LocalWorkflowEngine;
  /** The task token the send-code step stored (sealed) with `userId`'s challenge. */
  pendingToken(userId: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real local engine running the real ASL file, its execution and token tables in an
 * in-memory dynalite, and the workflow's functions (the real use cases) on the in-memory
 * fakes of the rest of the stack.
 */
export async function engineWorld(options: EngineOptions & { codeTtlSeconds?: number } = {}): Promise<EngineWorld> {
  const store: RunningStore = await startDynalite();
  const tokensTable = await tableOnStore(store, { name: 'task-tokens', partitionKey: 'tokenHash' });
  const executionsTable = await tableOnStore(store, { name: 'executions', partitionKey: 'executionId' });
  const world = fakeWorld();
  const definition = confirmCommandDefinition(options.codeTtlSeconds);
  const targets: IntegrationTargets = { audit: world.audit, functions: {} };
  const tokens = new TaskTokenRegistry(tokensTable.client, tokensTable.tableName);
  const executions = new ExecutionStore(executionsTable.client, executionsTable.tableName);
  const engines: LocalWorkflowEngine[] = [];
  const newEngine = () => {
    const engine = new LocalWorkflowEngine(definition, targets, new TaskTokenRegistry(tokensTable.client, tokensTable.tableName), executions, options);
    engines.push(engine);
    world.deps.workflow = engine;
    return engine;
  };
  const engine = new LocalWorkflowEngine(definition, targets, tokens, executions, options);
  engines.push(engine);
  world.deps.workflow = engine;
  Object.assign(targets.functions, localFunctions(world.deps));
  return {
    world,
    functions: targets.functions,
    engine,
    tokens,
    executions,
    tokensTable,
    executionsTable,
    restart: newEngine,
    async pendingToken(userId) {
      const challenge = await eventually(() => world.challenges.get(userId), `a challenge for ${userId}`);
      return taskTokenOf(world.deps, challenge);
    },
    async close() {
      for (const each of engines) await each.stop();
      await tokensTable.cleanup();
      await executionsTable.cleanup();
      await store.close();
    },
  };
}

let seq = 0;

/** "start splunk" for alice, as the workflow carries it; each call is a new command. */
export function startSplunk(): Command {
  return aliceStartsSplunk({ commandId: `cmd-${++seq}`, requestedAt: new Date(0).toISOString() });
}
