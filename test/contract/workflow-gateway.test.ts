import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { ExecutionStore } from '../../infra/local/workflow/execution-store';
import { LocalWorkflowEngine } from '../../infra/local/workflow/local-workflow-engine';
import { TaskTokenRegistry } from '../../infra/local/workflow/task-token-registry';
import { startDynalite } from '../../infra/local/store/dynalite-server';
import { InMemoryAuditBus } from '../support/fakes/in-memory-world';
import { tableOnStore } from '../support/dynamodb-tables';
import { workflowGatewayContract } from './suites/workflow-gateway.contract';

/** The real workflow's wait, reduced to one step: hand the token to a function, pause until it is completed. */
/** Polls until `read` has an answer: the engine hands the token out on its own schedule. */
async function waitUntil<T>(read: () => T | undefined): Promise<T> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const value = read();
    if (value !== undefined) return value;
    await sleep(25);
  }
  throw new Error('the waiting task never handed out its token');
}

const WAITING_DEFINITION: StateMachineDefinition = {
  StartAt: 'SendCodeAndWait',
  States: {
    SendCodeAndWait: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: 'hand-out-token', Payload: { 'taskToken.$': '$$.Task.Token', 'executionId.$': '$$.Execution.Id' } },
      TimeoutSeconds: 300,
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
} as StateMachineDefinition;

workflowGatewayContract('LocalWorkflowEngine (the ASL runner on dynalite)', async () => {
  const store = await startDynalite();
  const tokensTable = await tableOnStore(store, { name: 'task-tokens', partitionKey: 'tokenHash' });
  const executionsTable = await tableOnStore(store, { name: 'executions', partitionKey: 'executionId' });
  const handedOut = new Map<string, string>();
  const functions = {
    'hand-out-token': async (payload: unknown) => {
      const { taskToken, executionId } = payload as { taskToken: string; executionId: string };
      handedOut.set(executionId, taskToken);
    },
  };
  const tokenOf = (executionId: string) => waitUntil(() => handedOut.get(executionId));
  const engine = new LocalWorkflowEngine(
    WAITING_DEFINITION,
    { audit: new InMemoryAuditBus(), functions },
    new TaskTokenRegistry(tokensTable.client, tokensTable.tableName),
    new ExecutionStore(executionsTable.client, executionsTable.tableName),
  );
  return {
    subject: { workflow: engine, tokenOf, missingExecutionId: () => randomUUID() },
    cleanup: async () => {
      await engine.stop();
      await tokensTable.cleanup();
      await executionsTable.cleanup();
      await store.close();
    },
  };
});
