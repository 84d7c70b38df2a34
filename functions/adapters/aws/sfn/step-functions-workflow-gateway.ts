import {
  DescribeExecutionCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  type ExecutionStatus as SfnExecutionStatus,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { isTaskTokenError, TaskTokenError } from '../../../domain/errors';
import type { ConfirmationInput, ExecutionStatus, ExecutionSummary, WorkflowGateway } from '../../../ports/workflow-gateway';

/** The confirmation workflow on AWS Step Functions (a Standard state machine). */
export class StepFunctionsWorkflowGateway implements WorkflowGateway {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  /** Named after the command, so starting the same command twice starts one execution. */
  async start(input: ConfirmationInput): Promise<{ executionId: string }> {
    const { executionArn } = await this.client.send(
      new StartExecutionCommand({
        stateMachineArn: this.stateMachineArn,
        name: input.command.commandId,
        input: JSON.stringify(input),
      }),
    );
    if (!executionArn) throw new Error(`Step Functions started ${input.command.commandId} without returning its execution ARN`);
    return { executionId: executionArn };
  }

  async sendTaskSuccess(taskToken: string, output: Record<string, unknown>): Promise<void> {
    await completeTask(() => this.client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) })));
  }

  async sendTaskFailure(taskToken: string, error: string, cause: string): Promise<void> {
    await completeTask(() => this.client.send(new SendTaskFailureCommand({ taskToken, error, cause })));
  }

  async describe(executionId: string): Promise<ExecutionSummary | undefined> {
    try {
      const execution = await this.client.send(new DescribeExecutionCommand({ executionArn: executionId }));
      return {
        executionId,
        status: toStatus(execution.status),
        ...(execution.error !== undefined && { error: execution.error }),
        ...(execution.cause !== undefined && { cause: execution.cause }),
      };
    } catch (error) {
      if (error instanceof Error && error.name === 'ExecutionDoesNotExist') return undefined;
      throw error;
    }
  }
}

/** Re-throws Step Functions' token errors under the same name, without the token (S12). */
async function completeTask(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (isTaskTokenError(error)) throw new TaskTokenError(error.name, `Step Functions refused the task token: ${error.name}`);
    throw error;
  }
}

/** A redrive about to resume is, for the caller, still running. */
function toStatus(status: SfnExecutionStatus | undefined): ExecutionStatus {
  return status === undefined || status === 'PENDING_REDRIVE' ? 'RUNNING' : status;
}
