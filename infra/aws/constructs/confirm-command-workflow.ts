import { readFileSync } from 'node:fs';
import { ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, type Role } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CustomerManagedEncryptionConfiguration, DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { projectPath } from '../project-paths';
import { attachNamedPolicy } from './named-policy';

/** The one workflow definition, shared with the local runtime. */
export const CONFIRM_COMMAND_DEFINITION = projectPath('statemachines', 'confirm-command.asl.json');

/**
 * The state machine has a fixed name so its ARN is known before it exists: the functions
 * it invokes need that ARN (to start it and answer its tasks), and it needs theirs, which
 * with a generated name would be a dependency cycle.
 */
export function stateMachineArn(scope: Construct, stateMachineName: string): string {
  return Stack.of(scope).formatArn({ service: 'states', resource: 'stateMachine', resourceName: stateMachineName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
}

export interface ConfirmCommandWorkflowProps {
  stateMachineName: string;
  auditBus: IEventBus;
  issueChallenge: IFunction;
  performAction: IFunction;
  codeTtlSeconds: number;
}

/**
 * The confirmation workflow: a Standard state machine from statemachines/ with definition
 * substitutions. The "send code and wait" task's token is in its TaskScheduled history event
 * by Step Functions' design, so execution data is never logged (S12) and the history is
 * encrypted with a customer managed key: reading it needs kms:Decrypt on that key.
 */
export class ConfirmCommandWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  /** Known without referencing the state machine: see stateMachineArn(). */
  readonly stateMachineArn: string;
  private readonly stateMachineName: string;
  private readonly historyKey: Key;

  constructor(scope: Construct, id: string, props: ConfirmCommandWorkflowProps) {
    super(scope, id);
    const { stateMachineName, auditBus, issueChallenge, performAction, codeTtlSeconds } = props;
    this.stateMachineName = stateMachineName;
    this.stateMachineArn = stateMachineArn(this, stateMachineName);
    this.historyKey = new Key(this, 'HistoryKey', {
      description: 'VoiceGate: encrypts the confirm-command definition and execution history',
      enableKeyRotation: true,
    });
    const logGroup = new LogGroup(this, 'Log', { logGroupName: `/aws/vendedlogs/states/${stateMachineName}`, retention: RetentionDays.THREE_MONTHS });

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(readFileSync(CONFIRM_COMMAND_DEFINITION, 'utf8')),
      definitionSubstitutions: {
        AuditBusName: auditBus.eventBusName,
        IssueChallengeFunctionArn: issueChallenge.functionArn,
        PerformActionFunctionArn: performAction.functionArn,
        CodeTtlSeconds: String(codeTtlSeconds),
      },
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: true,
      encryptionConfiguration: new CustomerManagedEncryptionConfiguration(this.historyKey),
    });
    // The definition invokes the functions by their unqualified ARNs, so no version wildcard is needed.
    this.stateMachine.addToRolePolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [issueChallenge.functionArn, performAction.functionArn] }),
    );
    auditBus.grantPutEventsTo(this.stateMachine);
    this.acknowledgeServiceWildcards();
  }

  /** The skill: start a confirmation, read how it ended, hand over the spoken code's verdict. */
  grantDriveCommands(role: Role): void {
    this.grantStates(role, ['states:StartExecution', 'states:SendTaskSuccess', 'states:SendTaskFailure']);
    attachNamedPolicy(
      role,
      'ReadCommandExecutions',
      [new PolicyStatement({ actions: ['states:DescribeExecution'], resources: [this.executionArns()] })],
      [
        {
          // cdk-nag names the finding after the resource with the pseudo parameters spelled out.
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${this.stateMachineName}:*]`,
          reason: 'Executions are named after each command at run time; the wildcard covers only executions of this one state machine.',
        },
      ],
    );
  }

  /** issue-challenge: end the waiting task of a command a newer one superseded (S13). */
  grantFailWaitingTasks(role: Role): void {
    this.grantStates(role, ['states:SendTaskFailure']);
  }

  private grantStates(role: Role, actions: string[]): void {
    role.addToPrincipalPolicy(new PolicyStatement({ actions, resources: [this.stateMachineArn] }));
    // With a customer managed key, callers that write or read execution data need the key too.
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [this.historyKey.keyArn],
        conditions: { StringEquals: { 'kms:EncryptionContext:aws:states:stateMachineArn': this.stateMachineArn } },
      }),
    );
  }

  private executionArns(): string {
    return Stack.of(this).formatArn({
      service: 'states',
      resource: 'execution',
      resourceName: `${this.stateMachineName}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }

  /** CDK adds these for tracing and logging; neither service scopes them to a resource. */
  private acknowledgeServiceWildcards(): void {
    const defaultPolicy = this.stateMachine.role.node.tryFindChild('DefaultPolicy');
    if (!defaultPolicy) throw new Error('the state machine role has no default policy to acknowledge');
    Validations.of(defaultPolicy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray PutTraceSegments/PutTelemetryRecords/GetSampling* and CloudWatch Logs vended-delivery actions ' +
        '(CreateLogDelivery and friends) do not support resource-level permissions.',
    });
  }
}
