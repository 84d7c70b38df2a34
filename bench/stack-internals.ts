/**
 * Two parts of the running local stack the bench needs and `startLocalStack` does not
 * return: the one DynamoDB document client every adapter shares (to time the floor on the
 * same client and store, and to count store calls), and the workflow's in-process
 * functions (to time each "Lambda" invocation). Both are private fields, reached here
 * and nowhere else, with a runtime check so a wiring change fails loudly.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '../infra/local/app';
import type { LocalFunction } from '../infra/local/workflow/service-integrations';

export function documentClientOf(stack: LocalStack): DynamoDBDocumentClient {
  const client = (stack.executions as unknown as { client?: DynamoDBDocumentClient }).client;
  if (!client || typeof client.send !== 'function') throw wiringChanged('ExecutionStore.client');
  return client;
}

export function workflowFunctionsOf(stack: LocalStack): Record<string, LocalFunction> {
  const targets = (stack.engine as unknown as { targets?: { functions?: Record<string, LocalFunction> } }).targets;
  if (!targets?.functions || Object.keys(targets.functions).length === 0) throw wiringChanged('LocalWorkflowEngine.targets.functions');
  return targets.functions;
}

function wiringChanged(field: string): Error {
  return new Error(`the local stack no longer has ${field}; update bench/stack-internals.ts`);
}
