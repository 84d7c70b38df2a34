import {
  DescribeExecutionCommand,
  InvalidToken,
  SendTaskSuccessCommand,
  SFNClient,
  SFNServiceException,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { StepFunctionsWorkflowGateway } from '../../functions/adapters/aws/sfn/step-functions-workflow-gateway';
import { TaskTokenError } from '../../functions/domain/errors';
import { visibleText } from '../support/visible-text';

const TOKEN = 'AQCEAAAAKgAAAAMAAAAAAAAAAb-secret-task-token';
const EXECUTION = 'arn:aws:states:us-east-1:123456789012:execution:confirm-command:cmd-1';
/** The SDK's own exceptions; AWS's messages may quote the token. */
const tokenExceptions = [
  new TaskTimedOut({ message: `Task Timed Out: '${TOKEN}'`, $metadata: {} }),
  new TaskDoesNotExist({ message: `Task does not exist: '${TOKEN}'`, $metadata: {} }),
  new InvalidToken({ message: `Invalid Token: '${TOKEN}'`, $metadata: {} }),
];

describe('StepFunctionsWorkflowGateway when Step Functions refuses', () => {
  const sfn = mockClient(SFNClient);
  const stateMachineArn = 'arn:aws:states:us-east-1:123456789012:stateMachine:confirm-command';
  const workflow = new StepFunctionsWorkflowGateway(sfn as unknown as SFNClient, stateMachineArn);
  afterEach(() => sfn.reset());

  const tokenCalls = {
    sendTaskSuccess: () => workflow.sendTaskSuccess(TOKEN, {}),
    sendTaskFailure: () => workflow.sendTaskFailure(TOKEN, 'CommandCancelled', 'cancelled'),
  };

  describe.each(tokenExceptions.map((exception) => [exception.name, exception] as const))('with %s', (name, exception) => {
    it.each(Object.entries(tokenCalls))('%s rejects with a TaskTokenError named so, without the token', async (_call, call) => {
      sfn.onAnyCommand().rejects(exception);

      const error = await call().catch((e: unknown) => e);

      expect(error).toBeInstanceOf(TaskTokenError);
      expect(error).toHaveProperty('name', name);
      expect(visibleText(error)).not.toContain(TOKEN);
    });
  });

  it('lets other errors through unchanged', async () => {
    const throttled = new SFNServiceException({
      name: 'ThrottlingException',
      $fault: 'client',
      message: 'slow down',
      $metadata: {},
    });
    sfn.on(SendTaskSuccessCommand).rejects(throttled);

    await expect(workflow.sendTaskSuccess(TOKEN, {})).rejects.toBe(throttled);
  });

  it('reports an execution waiting to be redriven as still running', async () => {
    sfn.on(DescribeExecutionCommand).resolves({ executionArn: EXECUTION, status: 'PENDING_REDRIVE', error: 'States.Timeout' });

    expect(await workflow.describe(EXECUTION)).toEqual({ executionId: EXECUTION, status: 'RUNNING', error: 'States.Timeout' });
  });
});
