import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { AuditDetailTypes } from '../../../functions/domain/audit-event';
import type { AuditMetrics } from './audit-metrics';

/**
 * After the code's lifetime an execution only records an audit event or performs the action,
 * whose task may retry for about two and a half minutes (4 retries of a 30 s task, backoff up to 8 s).
 */
export const EXECUTION_MARGIN = Duration.minutes(3);

const PERIOD = Duration.minutes(5);

export interface VoiceGateAlarmsProps {
  stateMachine: IStateMachine;
  auditMetrics: AuditMetrics;
  codeTtlSeconds: number;
  /** Subscribed to the alarm topic when given. */
  alarmEmail?: string;
}

/** Alarms on the confirmation workflow, notified on one SNS topic. */
export class VoiceGateAlarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, { stateMachine, auditMetrics, codeTtlSeconds, alarmEmail }: VoiceGateAlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'VoiceGate alarms', enforceSSL: true });
    this.allowAlarmsToPublish();
    if (alarmEmail) this.topic.addSubscription(new EmailSubscription(alarmEmail));

    const limitSeconds = codeTtlSeconds + EXECUTION_MARGIN.toSeconds();
    this.alarm('ExecutionOutlivedItsCode', {
      description: `A confirmation ran longer than the code lifetime plus a margin (${limitSeconds} s): its wait did not end with the code.`,
      metric: stateMachine.metricTime({ statistic: 'Maximum', period: PERIOD }),
      threshold: limitSeconds * 1000,
    });
    this.alarm('ExecutionsTimedOut', {
      description: 'A confirmation execution timed out.',
      metric: stateMachine.metricTimedOut({ period: PERIOD }),
      threshold: 0,
    });
    // Expired, cancelled and superseded commands end in Fail states too, by design; alarm on the rest
    // (failed delivery, failed action, or a workflow error that never reached an audit step).
    this.alarm('ExecutionsFailedUnexpectedly', {
      description: 'Confirmations failed for a reason other than an expired, cancelled or superseded code (see the audit table).',
      metric: new MathExpression({
        expression: 'FILL(failed, 0) - FILL(expired, 0) - FILL(cancelled, 0) - FILL(superseded, 0)',
        usingMetrics: {
          failed: stateMachine.metricFailed({ period: PERIOD }),
          expired: auditMetrics.count(AuditDetailTypes.challengeExpired, 'expired', PERIOD),
          cancelled: auditMetrics.count(AuditDetailTypes.commandCancelled, 'cancelled', PERIOD),
          superseded: auditMetrics.count(AuditDetailTypes.commandSuperseded, 'superseded', PERIOD),
        },
        label: 'unexpected failures',
        period: PERIOD,
      }),
      threshold: 0,
    });
  }

  /**
   * The topic policy CDK writes for enforceSSL replaces SNS's default policy, so CloudWatch
   * must be allowed explicitly, for this account's alarms only.
   */
  private allowAlarmsToPublish(): void {
    const stack = Stack.of(this);
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisAccount',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
          },
        },
      }),
    );
  }

  private alarm(id: string, { description, metric, threshold }: { description: string; metric: IMetric; threshold: number }): void {
    const alarm = new Alarm(this, id, {
      alarmDescription: description,
      metric,
      threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
  }
}
