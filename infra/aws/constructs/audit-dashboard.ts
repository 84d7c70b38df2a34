import { Duration } from 'aws-cdk-lib';
import { Dashboard, GraphWidget, LogQueryVisualizationType, LogQueryWidget, MathExpression, TextWidget, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { AuditDetailTypes } from '../../../functions/domain/audit-event';
import type { AuditMetrics } from './audit-metrics';

export interface AuditDashboardProps {
  dashboardName: string;
  stateMachine: IStateMachine;
  performAction: IFunction;
  auditMetrics: AuditMetrics;
  auditLog: ILogGroup;
}

/** Who did what, to which target, with what outcome, when (newest first). */
const LATEST_AUDIT_EVENTS_QUERY = [
  'fields detail.time as when, detail.userId as who, detail.action as what, detail.target as target, ' +
    '`detail-type` as outcome, coalesce(detail.reason, detail.instanceState, detail.attemptsLeft, detail.destination) as details',
  'sort @timestamp desc',
  'limit 100',
].join('\n| ');

const PERIOD = Duration.minutes(5);

/**
 * The "VoiceGate audit" dashboard: the latest audit events as a table, under the workflow's
 * execution counts, the codes' fate, action latency and code delivery failures.
 */
export class AuditDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, { dashboardName, stateMachine, performAction, auditMetrics, auditLog }: AuditDashboardProps) {
    super(scope, id);
    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName, defaultInterval: Duration.hours(24) });
    this.dashboard.addWidgets(
      new TextWidget({
        width: 24,
        height: 2,
        markdown:
          '# VoiceGate audit\nEvery sensitive command is one execution of the confirm-command workflow. ' +
          'Failed executions include commands that expired, were cancelled or superseded; the audit table says which.',
      }),
    );
    this.dashboard.addWidgets(
      graph('Confirmation workflow executions', [
        stateMachine.metricStarted({ label: 'started', period: PERIOD }),
        stateMachine.metricSucceeded({ label: 'succeeded', period: PERIOD }),
        stateMachine.metricFailed({ label: 'failed', period: PERIOD }),
        stateMachine.metricTimedOut({ label: 'timed out', period: PERIOD }),
      ]),
      graph('One-time codes', [
        auditMetrics.count(AuditDetailTypes.codeSent, 'sent'),
        auditMetrics.count(AuditDetailTypes.codeVerified, 'verified'),
        auditMetrics.count(AuditDetailTypes.codeRejected, 'rejected'),
        auditMetrics.count(AuditDetailTypes.challengeExpired, 'expired'),
      ]),
    );
    this.dashboard.addWidgets(
      graph('Action latency (perform-action, ms)', [
        performAction.metricDuration({ statistic: 'p50', label: 'p50', period: PERIOD }),
        performAction.metricDuration({ statistic: 'p99', label: 'p99', period: PERIOD }),
        performAction.metricDuration({ statistic: 'Maximum', label: 'max', period: PERIOD }),
      ]),
      graph('Code delivery failures', [
        // SNS reports SMS deliveries per destination country and SMS type; add them up.
        new MathExpression({
          expression: `SUM(SEARCH('{AWS/SNS,Country,SMSType} MetricName="NumberOfNotificationsFailed"', 'Sum', ${PERIOD.toSeconds()}))`,
          label: 'SMS failures (SNS)',
          period: PERIOD,
          usingMetrics: {},
        }),
        auditMetrics.count(AuditDetailTypes.deliveryFailed, 'commands ended by a failed delivery'),
      ]),
    );
    this.dashboard.addWidgets(
      new LogQueryWidget({
        title: 'Latest audit events',
        logGroupNames: [auditLog.logGroupName],
        queryString: LATEST_AUDIT_EVENTS_QUERY,
        view: LogQueryVisualizationType.TABLE,
        width: 24,
        height: 10,
      }),
    );
  }
}

function graph(title: string, left: IMetric[]): GraphWidget {
  return new GraphWidget({ title, left, width: 12, height: 6 });
}
