import { randomUUID } from 'node:crypto';
import { DescribeExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { StepFunctionsWorkflowGateway } from '../../../functions/adapters/aws/sfn/step-functions-workflow-gateway';
import { replayOfCommand } from '../../../functions/domain/command';
import { parseStoredCommand } from '../../../functions/handlers/workflow-payloads';

/** arn:aws:states:<region>:<account>:execution:<machine>:<name> → the machine's ARN. */
export function stateMachineOf(executionArn: string): string {
  const parts = executionArn.split(':');
  if (parts.length !== 8 || parts[0] !== 'arn' || parts[2] !== 'states' || parts[5] !== 'execution') {
    throw new TypeError(`not a Step Functions execution ARN: ${executionArn}`);
  }
  return [...parts.slice(0, 5), 'stateMachine', parts[6]].join(':');
}

/**
 * An operator's replay on AWS: copies the command stored with the execution (never an edited
 * input) under a new command id and starts it on the same state machine. The new run checks
 * the command against the stores and sends the user a fresh code, like any command.
 */
export async function replayExecution(client: SFNClient, executionArn: string, now = Date.now()): Promise<{ executionArn: string; commandId: string }> {
  const stateMachineArn = stateMachineOf(executionArn);
  const { input } = await client.send(new DescribeExecutionCommand({ executionArn }));
  if (input === undefined) throw new Error('the execution has no readable input (reading it needs kms:Decrypt on the history key)');
  const command = replayOfCommand(parseStoredCommand(JSON.parse(input)), randomUUID(), new Date(now).toISOString(), executionArn);
  const { executionId } = await new StepFunctionsWorkflowGateway(client, stateMachineArn).start({ command });
  return { executionArn: executionId, commandId: command.commandId };
}
