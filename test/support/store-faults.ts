import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface StoreCall {
  command: string;
  tableName: string;
}

/** What to do with one store call: let it through, fail it before, or fail it after it was applied. */
export type FaultDecision = 'pass' | 'fail-before' | 'fail-after';

/**
 * Injects store faults through the SDK's middleware stack, so they surface exactly as a
 * DynamoDB outage or timeout would: a 500 before the write, or a lost answer after it.
 */
export function injectStoreFaults(client: DynamoDBDocumentClient, decide: (call: StoreCall) => FaultDecision): () => void {
  const name = `store-faults-${Math.random()}`;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { TableName?: string };
      const decision = decide({ command: String(context.commandName), tableName: input.TableName ?? '' });
      if (decision === 'fail-before') throw Object.assign(new Error('injected store outage'), { name: 'InternalServerError' });
      const result = await next(args);
      if (decision === 'fail-after') throw Object.assign(new Error('injected lost answer'), { name: 'TimeoutError' });
      return result;
    },
    { step: 'initialize', name },
  );
  return () => client.middlewareStack.remove(name);
}
