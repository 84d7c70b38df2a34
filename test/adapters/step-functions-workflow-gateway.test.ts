import { setTimeout as sleep } from 'node:timers/promises';
import { CreateStateMachineCommand, DeleteStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { StepFunctionsWorkflowGateway } from '../../functions/adapters/aws/sfn/step-functions-workflow-gateway';
import type { Command } from '../../functions/domain/command';
import { isTaskTokenError, TaskTokenError } from '../../functions/domain/errors';
import type { ExecutionSummary } from '../../functions/ports/workflow-gateway';
import { awsTestConfig } from '../support/aws-test-config';
import { describeWithMoto } from '../support/moto';
import { MotoQueue } from '../support/moto-sqs';
import { visibleText } from '../support/visible-text';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/voicegate-workflow';

/** The shape of the real workflow's wait: hand the token out through SQS, pause until it is completed. */
function waitingDefinition(queueUrl: string): string {
  return JSON.stringify({
    StartAt: 'SendCodeAndWait',
    States: {
      SendCodeAndWait: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
        Parameters: { QueueUrl: queueUrl, MessageBody: { 'taskToken.$': '$$.Task.Token', 'commandId.$': '$.command.commandId' } },
        Next: 'Done',
      },
      Done: { Type: 'Succeed' },
    },
  });
}

let commandCount = 0;
function aCommand(): Command {
  commandCount += 1;
  return {
    commandId: `cmd-${commandCount}`,
    userId: 'user-alice',
    action: 'start',
    target: 'splunk',
    policyTarget: 'splunk',
    instanceId: 'i-0123456789abcdef0',
    requestedAt: '2026-01-01T10:00:00.000Z',
  };
}

describeWithMoto('StepFunctionsWorkflowGateway over the wire (moto Step Functions + SQS)', (moto) => {
  let sfn: SFNClient;
  let workflow: StepFunctionsWorkflowGateway;
  let tokens: MotoQueue;
  let stateMachineArn: string;
  let machineCount = 0;

  /** Starts an execution and returns its id and the token its waiting task handed out. */
  async function startWaiting() {
    const command = aCommand();
    const { executionId } = await workflow.start({ command });
    const body = JSON.parse(await tokens.take()) as { taskToken: string; commandId: string };
    return { executionId, command, ...body };
  }

  async function settled(executionId: string): Promise<ExecutionSummary | undefined> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const summary = await workflow.describe(executionId);
      if (summary?.status !== 'RUNNING') return summary;
      await sleep(50);
    }
    throw new Error(`${executionId} is still running`);
  }

  async function expectTokenRefused(call: Promise<void>, token: string): Promise<void> {
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskTokenError);
    expect(isTaskTokenError(error)).toBe(true);
    expect(visibleText(error)).not.toContain(token);
  }

  beforeAll(async () => {
    sfn = new SFNClient(awsTestConfig(moto().endpoint));
    await moto().configure({ stepfunctions: { execute_state_machine: true } });
  });
  afterAll(() => sfn.destroy());

  // moto 5.2.1 deep-copies its whole backend on StartExecution and fails once any other
  // state machine holds an execution: each test gets its own machine and deletes it.
  beforeEach(async () => {
    machineCount += 1;
    tokens = await MotoQueue.create(moto().endpoint, `task-tokens-${machineCount}`);
    const created = await sfn.send(
      new CreateStateMachineCommand({
        name: `confirm-command-${machineCount}`,
        definition: waitingDefinition(tokens.url),
        roleArn: ROLE_ARN,
      }),
    );
    stateMachineArn = created.stateMachineArn!;
    workflow = new StepFunctionsWorkflowGateway(sfn, stateMachineArn);
  });
  afterEach(async () => {
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
  });

  it('starts an execution named after the command, with the command as its input', async () => {
    const { executionId, command, commandId } = await startWaiting();

    expect(executionId).toMatch(new RegExp(`:execution:confirm-command-\\d+:${command.commandId}$`));
    expect(commandId).toBe(command.commandId);
    expect(await workflow.describe(executionId)).toEqual({ executionId, status: 'RUNNING' });
  });

  it('starts one execution however often the same command is started', async () => {
    const { executionId, command } = await startWaiting();

    expect(await workflow.start({ command })).toEqual({ executionId });
  });

  it('sendTaskSuccess resumes the execution to success', async () => {
    const { executionId, taskToken } = await startWaiting();

    await workflow.sendTaskSuccess(taskToken, { verifiedAt: '2026-01-01T10:01:00.000Z' });

    expect(await settled(executionId)).toEqual({ executionId, status: 'SUCCEEDED' });
  });

  it('sendTaskFailure fails the execution with the given error name', async () => {
    const { executionId, taskToken } = await startWaiting();

    await workflow.sendTaskFailure(taskToken, 'CommandCancelled', 'the user said cancel');

    expect(await settled(executionId)).toEqual({ executionId, status: 'FAILED', error: 'CommandCancelled' });
  });

  it('refuses a token that was already completed, as a TaskTokenError without the token', async () => {
    const { executionId, taskToken } = await startWaiting();
    await workflow.sendTaskSuccess(taskToken, {});
    await settled(executionId);

    // moto answers InvalidToken (AWS may say TaskTimedOut; both are TaskTokenErrors). moto
    // accepts a late SendTaskFailure silently, so that path is covered with a mocked client.
    await expectTokenRefused(workflow.sendTaskSuccess(taskToken, {}), taskToken);
  });

  it('refuses a token it never issued, as a TaskTokenError without the token', async () => {
    const garbage = 'not-a-task-token-0123456789';

    await expectTokenRefused(workflow.sendTaskSuccess(garbage, {}), garbage);
    await expectTokenRefused(workflow.sendTaskFailure(garbage, 'CommandCancelled', 'x'), garbage);
  });

  it('describes an execution that does not exist as undefined', async () => {
    const missing = stateMachineArn.replace(':stateMachine:', ':execution:') + ':cmd-never-started';

    expect(await workflow.describe(missing)).toBeUndefined();
  });
});
