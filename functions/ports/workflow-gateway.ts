import type { Command } from '../domain/command';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** The state machine's input: the command and nothing secret. */
export interface ConfirmationInput {
  command: Command;
}

export interface ExecutionSummary {
  executionId: string;
  status: ExecutionStatus;
  /** The Fail state's error name when status is FAILED. */
  error?: string;
  /** Its cause: for an action failure, the reason code (one of ActionFailureReasons). */
  cause?: string;
}

/**
 * The confirmation workflow engine (Step Functions on AWS, the local ASL runner at home).
 * Token calls reject with `TaskTokenError` named as Step Functions names them.
 */
export interface WorkflowGateway {
  start(input: ConfirmationInput): Promise<{ executionId: string }>;
  sendTaskSuccess(taskToken: string, output: Record<string, unknown>): Promise<void>;
  sendTaskFailure(taskToken: string, error: string, cause: string): Promise<void>;
  describe(executionId: string): Promise<ExecutionSummary | undefined>;
}
