import { CreateStateMachineCommand, DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { StepFunctionsWorkflowGateway } from '../../functions/adapters/aws/sfn/step-functions-workflow-gateway';
import type { Command } from '../../functions/domain/command';
import { replayExecution, stateMachineOf } from '../../infra/aws/replay/replay-execution';
import { awsTestConfig } from '../support/aws-test-config';
import { describeWithMoto } from '../support/moto';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/voicegate-workflow';
const STORED: Command = {
  commandId: 'cmd-original',
  userId: 'user-bob',
  action: 'stop',
  target: 'web',
  policyTarget: 'web',
  instanceId: 'i-0123456789abcdef1',
  requestedAt: '2026-01-01T10:00:00.000Z',
};

describe('stateMachineOf', () => {
  it("names the execution's state machine", () => {
    expect(stateMachineOf('arn:aws:states:eu-west-1:123456789012:execution:VoiceGate-confirm-command:cmd-1')).toBe(
      'arn:aws:states:eu-west-1:123456789012:stateMachine:VoiceGate-confirm-command',
    );
  });

  it.each(['cmd-1', 'arn:aws:states:eu-west-1:123456789012:stateMachine:VoiceGate-confirm-command', 'arn:aws:lambda:x:1:function:f:1'])('refuses %s', (arn) => {
    expect(() => stateMachineOf(arn)).toThrow(/not a Step Functions execution ARN/);
  });
});

describeWithMoto('npm run replay (moto Step Functions)', (moto) => {
  let sfn: SFNClient;
  let stateMachineArn: string;

  beforeAll(async () => {
    sfn = new SFNClient(awsTestConfig(moto().endpoint));
    const definition = JSON.stringify({ StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 60, End: true } } });
    ({ stateMachineArn } = (await sfn.send(new CreateStateMachineCommand({ name: 'replay-confirm-command', definition, roleArn: ROLE_ARN }))) as {
      stateMachineArn: string;
    });
  });
  afterAll(() => sfn.destroy());

  it('a replay copies the stored command under a new id, marked as a replay of the original, on the same state machine', async () => {
    const { executionId: original } = await new StepFunctionsWorkflowGateway(sfn, stateMachineArn).start({ command: STORED });

    const replay = await replayExecution(sfn, original, Date.UTC(2026, 0, 2));

    const { input, stateMachineArn: machine } = await sfn.send(new DescribeExecutionCommand({ executionArn: replay.executionArn }));
    expect(machine).toBe(stateMachineArn);
    expect(JSON.parse(input!)).toEqual({
      command: { ...STORED, commandId: replay.commandId, requestedAt: '2026-01-02T00:00:00.000Z', replayOf: original },
    });
    expect(replay.commandId).not.toBe(STORED.commandId);
  });
});
