import { Duration } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { FilterPattern, MetricFilter, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AuditDetailTypes, type AuditDetailType } from '../../../functions/domain/audit-event';

export const AUDIT_METRICS_NAMESPACE = 'VoiceGate';

/** "Code Sent" → "CodeSent". */
export function auditMetricName(detailType: AuditDetailType): string {
  return detailType.replace(/\s+/g, '');
}

/**
 * One count per audit detail-type, made by metric filters on the audit log group: every
 * event the functions or the workflow publish is counted without the code emitting metrics.
 */
export class AuditMetrics extends Construct {
  constructor(scope: Construct, id: string, logGroup: ILogGroup) {
    super(scope, id);
    for (const detailType of Object.values(AuditDetailTypes)) {
      new MetricFilter(this, auditMetricName(detailType), {
        logGroup,
        filterPattern: FilterPattern.stringValue('$.detail-type', '=', detailType),
        metricNamespace: AUDIT_METRICS_NAMESPACE,
        metricName: auditMetricName(detailType),
        metricValue: '1',
      });
    }
  }

  /** How many audit events of this type arrived per period. */
  count(detailType: AuditDetailType, label: string, period = Duration.minutes(5)): Metric {
    return new Metric({ namespace: AUDIT_METRICS_NAMESPACE, metricName: auditMetricName(detailType), statistic: 'Sum', label, period });
  }
}
