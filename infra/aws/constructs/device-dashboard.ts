import { Duration } from 'aws-cdk-lib';
import { GraphWidget, LogQueryVisualizationType, LogQueryWidget, Metric, type IWidget } from 'aws-cdk-lib/aws-cloudwatch';
import { FilterPattern, MetricFilter, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AuditDetailTypes } from '../../../functions/domain/audit-event';
import { spokenDevice } from '../../../functions/domain/device';
import { AUDIT_METRICS_NAMESPACE } from './audit-metrics';

const PERIOD = Duration.minutes(5);
/** Device commands name their target as speech does ("the front door"); instance aliases never start so. */
const DEVICE_TARGET = `${spokenDevice('')}*`;
const OUTCOMES = { DeviceActionSucceeded: AuditDetailTypes.actionSucceeded, DeviceActionFailed: AuditDetailTypes.actionFailed } as const;

/**
 * The dashboard's device row: device actions by outcome (metric filters on the audit log),
 * AWS IoT's shadow and connection metrics, and the latest device actions.
 */
export class DeviceDashboard extends Construct {
  readonly widgets: IWidget[];

  constructor(scope: Construct, id: string, auditLog: ILogGroup) {
    super(scope, id);
    for (const [metricName, detailType] of Object.entries(OUTCOMES)) {
      new MetricFilter(this, metricName, {
        logGroup: auditLog,
        filterPattern: FilterPattern.all(
          FilterPattern.stringValue('$.detail-type', '=', detailType),
          FilterPattern.stringValue('$.detail.target', '=', DEVICE_TARGET),
        ),
        metricNamespace: AUDIT_METRICS_NAMESPACE,
        metricName,
        metricValue: '1',
      });
    }
    this.widgets = [
      graph('Device actions', [
        new Metric({
          namespace: AUDIT_METRICS_NAMESPACE,
          metricName: 'DeviceActionSucceeded',
          statistic: 'Sum',
          label: 'device reported the desired state',
          period: PERIOD,
        }),
        new Metric({
          namespace: AUDIT_METRICS_NAMESPACE,
          metricName: 'DeviceActionFailed',
          statistic: 'Sum',
          label: 'failed or did not respond',
          period: PERIOD,
        }),
      ]),
      graph('Device shadows and connections (AWS IoT)', [
        iot('UpdateThingShadow.Accepted', 'HTTP', 'desired updates (VoiceGate)'),
        iot('UpdateThingShadow.Accepted', 'MQTT', 'reports (devices)'),
        iot('Connect.Success', 'MQTT', 'device connections'),
        iot('Connect.AuthError', 'MQTT', 'connections the thing policy refused'),
        iot('PublishIn.AuthError', 'MQTT', 'publishes the thing policy refused'),
      ]),
      new LogQueryWidget({
        title: 'Latest device actions',
        logGroupNames: [auditLog.logGroupName],
        queryString: [
          'fields detail.time as when, detail.userId as who, detail.action as what, detail.target as device, `detail-type` as outcome, coalesce(detail.reason, detail.instanceState) as details',
          `filter detail.target like /^${spokenDevice('')}/`,
          'sort @timestamp desc',
          'limit 50',
        ].join('\n| '),
        view: LogQueryVisualizationType.TABLE,
        width: 24,
        height: 8,
      }),
    ];
  }
}

function iot(metricName: string, protocol: 'HTTP' | 'MQTT', label: string): Metric {
  return new Metric({ namespace: 'AWS/IoT', metricName, dimensionsMap: { Protocol: protocol }, statistic: 'Sum', label, period: PERIOD });
}

function graph(title: string, left: Metric[]): GraphWidget {
  return new GraphWidget({ title, left, width: 12, height: 6 });
}
