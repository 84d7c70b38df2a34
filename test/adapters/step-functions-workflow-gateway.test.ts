import { CreateStateMachineCommand, DeleteStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { StepFunctionsWorkflowGateway } from '../../functions/adapters/aws/sfn/step-functions-workflow-gateway';
import { awsTestConfig } from '../support/aws-test-config';
import { describeWithMoto } from '../support/moto';
import { MotoQueue } from '../support/moto-sqs';
import { workflowGatewayContract } from '../contract/suites/workflow-gateway.contract';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/voicegate-workflow';

/** The shape of the real workflow's wait: hand the token out through SQS, pause until it is completed. */
function waitingDefinition(queueUrl: string): string {
  return JSON.stringify({
    StartAt: 'SendCodeAndWait',
    States: {
      SendCodeAndWait: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
        Parameters: { QueueUrl: queueUrl, MessageBody: { 'taskToken.$': '$$.Task.Token', 'executionId.$': '$$.Execution.Id' } },
        Next: 'Done',
      },
      Done: { Type: 'Succeed' },
    },
  });
}

describeWithMoto('StepFunctionsWorkflowGateway over the wire (moto Step Functions + SQS)', (moto) => {
  let sfn: SFNClient;
  let machineCount = 0;

  beforeAll(async () => {
    sfn = new SFNClient(awsTestConfig(moto().endpoint));
    await moto().configure({ stepfunctions: { execute_state_machine: true } });
  });
  afterAll(() => sfn.destroy());

  // A fresh state machine per test, so no test sees another's executions.
  workflowGatewayContract('Step Functions on moto', async () => {
    machineCount += 1;
    const tokens = await MotoQueue.create(moto().endpoint, `task-tokens-${machineCount}`);
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({ name: `confirm-command-${machineCount}`, definition: waitingDefinition(tokens.url), roleArn: ROLE_ARN }),
    );
    const handedOut = new Map<string, string>();
    const tokenOf = async (executionId: string): Promise<string> => {
      while (!handedOut.has(executionId)) {
        const body = JSON.parse(await tokens.take()) as { taskToken: string; executionId: string };
        handedOut.set(body.executionId, body.taskToken);
      }
      return handedOut.get(executionId)!;
    };
    return {
      subject: {
        workflow: new StepFunctionsWorkflowGateway(sfn, stateMachineArn!),
        tokenOf,
        missingExecutionId: () => `${stateMachineArn!.replace(':stateMachine:', ':execution:')}:cmd-never-started`,
        answers: { spentToken: 'InvalidToken', unknownToken: 'InvalidToken' },
      },
      cleanup: async () => {
        await sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
      },
    };
  });
});
