import { AUDIT_SOURCE, AuditDetailTypes } from '../../functions/domain/audit-event';
import { AUDIT_METRICS_NAMESPACE, auditMetricName } from '../../infra/aws/constructs/audit-metrics';
import { EXECUTION_MARGIN } from '../../infra/aws/constructs/voicegate-alarms';
import { asText, onlyResource, synthesizeVoiceGate, type Resource, type Statement, type SynthesizedVoiceGate } from './voicegate-template';

let voiceGate: SynthesizedVoiceGate;
beforeAll(() => {
  voiceGate = synthesizeVoiceGate();
});

const resources = (type: string) => Object.values(voiceGate.template.findResources(type)) as Resource[];
const logicalIdOf = (type: string) => Object.keys(voiceGate.template.findResources(type))[0]!;

describe('audit trail', () => {
  it('has its own EventBridge bus, the one the workflow and functions publish to', () => {
    const bus = onlyResource(voiceGate.template, 'AWS::Events::EventBus');

    expect(bus.Properties.Name).toBe('VoiceGate-audit');
    expect(onlyResource(voiceGate.template, 'AWS::StepFunctions::StateMachine').Properties.DefinitionSubstitutions.AuditBusName).toEqual({
      Ref: logicalIdOf('AWS::Events::EventBus'),
    });
  });

  it('archives every VoiceGate event for a year, so events can be replayed', () => {
    const archive = onlyResource(voiceGate.template, 'AWS::Events::Archive');

    expect(archive.Properties).toMatchObject({
      SourceArn: { 'Fn::GetAtt': [logicalIdOf('AWS::Events::EventBus'), 'Arn'] },
      EventPattern: { source: [AUDIT_SOURCE] },
      RetentionDays: 365,
    });
  });

  it('copies every VoiceGate event into a log group kept for a year, which EventBridge may write to', () => {
    const rule = onlyResource(voiceGate.template, 'AWS::Events::Rule');
    const auditLog = resources('AWS::Logs::LogGroup').find((group) => group.Properties.LogGroupName === '/aws/events/VoiceGate-audit');
    const policy = JSON.parse(asText(onlyResource(voiceGate.template, 'AWS::Logs::ResourcePolicy').Properties.PolicyDocument));

    expect(rule.Properties).toMatchObject({ EventBusName: { Ref: logicalIdOf('AWS::Events::EventBus') }, EventPattern: { source: [AUDIT_SOURCE] } });
    expect(asText(rule.Properties.Targets[0].Arn)).toMatch(/:logs:<Ref:AWS::Region>:<Ref:AWS::AccountId>:log-group:<Ref:AuditLog[0-9A-F]+>$/);
    expect(auditLog?.Properties.RetentionInDays).toBe(365);
    expect(policy.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: expect.stringMatching(/^<GetAtt:AuditLog[0-9A-F]+\.Arn>$/),
      },
    ]);
  });

  it('counts each audit detail-type with a metric filter on the audit log, and device actions by outcome', () => {
    const filters = resources('AWS::Logs::MetricFilter');

    expect(filters.map((filter) => filter.Properties.FilterPattern).sort()).toEqual(
      [
        ...Object.values(AuditDetailTypes).map((detailType) => `{ $.detail-type = "${detailType}" }`),
        ...[AuditDetailTypes.actionFailed, AuditDetailTypes.actionSucceeded].map(
          (detailType) => `{ ($.detail-type = "${detailType}") && ($.detail.target = "the *") }`,
        ),
      ].sort(),
    );
    for (const filter of filters) {
      expect(filter.Properties.MetricTransformations).toEqual([{ MetricNamespace: AUDIT_METRICS_NAMESPACE, MetricName: expect.any(String), MetricValue: '1' }]);
    }
  });
});

describe('the "VoiceGate audit" dashboard', () => {
  let widgets: { type: string; properties: Resource['Properties'] }[];
  beforeAll(() => {
    const dashboard = onlyResource(voiceGate.template, 'AWS::CloudWatch::Dashboard');
    expect(dashboard.Properties.DashboardName).toBe('VoiceGate-audit');
    widgets = JSON.parse(asText(dashboard.Properties.DashboardBody)).widgets;
  });
  const graph = (title: string) => {
    const widget = widgets.find((candidate) => candidate.properties.title === title);
    if (!widget) throw new Error(`no widget "${title}"`);
    return widget.properties;
  };
  /** Each metric row is [namespace, name, ...dimensions, {options}] or [{expression}]. */
  const metricNames = (title: string) =>
    (graph(title).metrics as unknown[][]).map((row) =>
      row
        .filter((cell) => typeof cell === 'string')
        .slice(0, 2)
        .join(' '),
    );

  it('is titled VoiceGate audit', () => {
    expect(widgets[0]).toMatchObject({ type: 'text', properties: { markdown: expect.stringMatching(/^# VoiceGate audit/) } });
  });

  it('shows executions started, succeeded, failed and timed out', () => {
    expect(metricNames('Confirmation workflow executions')).toEqual([
      'AWS/States ExecutionsStarted',
      'AWS/States ExecutionsSucceeded',
      'AWS/States ExecutionsFailed',
      'AWS/States ExecutionsTimedOut',
    ]);
  });

  it('shows codes sent, verified, rejected and expired (from the audit metric filters)', () => {
    expect(metricNames('One-time codes')).toEqual(
      [AuditDetailTypes.codeSent, AuditDetailTypes.codeVerified, AuditDetailTypes.codeRejected, AuditDetailTypes.challengeExpired].map(
        (detailType) => `${AUDIT_METRICS_NAMESPACE} ${auditMetricName(detailType)}`,
      ),
    );
  });

  it('shows action latency (p50, p99, max) of the perform-action function', () => {
    const rows = graph('Action latency (perform-action, ms)').metrics as unknown[][];

    expect(metricNames('Action latency (perform-action, ms)')).toEqual(['AWS/Lambda Duration', 'AWS/Lambda Duration', 'AWS/Lambda Duration']);
    expect(rows.map((row) => row.slice(2, 4))).toEqual(rows.map(() => ['FunctionName', expect.stringMatching(/^<Ref:FunctionsPerformActionFunction/)]));
    expect(rows.map((row) => (row.at(-1) as { stat: string }).stat)).toEqual(['p50', 'p99', 'Maximum']);
  });

  it('shows SMS delivery failures reported by SNS', () => {
    const [sms] = graph('Code delivery failures').metrics as [{ expression: string }][][];

    expect(sms![0]).toMatchObject({ expression: expect.stringContaining('MetricName="NumberOfNotificationsFailed"') });
  });

  it('lists the latest audit events (who, what, target, outcome, when) with Logs Insights', () => {
    const table = widgets.find((widget) => widget.type === 'log')!.properties;

    expect(table.view).toBe('table');
    expect(table.query).toMatch(/^SOURCE '<Ref:AuditLog[0-9A-F]+>' \| fields /);
    for (const column of ['as when', 'as who', 'as what', 'as target', 'as outcome']) expect(table.query).toContain(column);
    expect(table.query).toMatch(/sort @timestamp desc/);
  });
});

describe('alarms', () => {
  const alarm = (descriptionPattern: RegExp) => {
    const found = resources('AWS::CloudWatch::Alarm').find((candidate) => descriptionPattern.test(candidate.Properties.AlarmDescription));
    if (!found) throw new Error(`no alarm matching ${descriptionPattern}`);
    return found.Properties;
  };

  it('fires when an execution outlives its code by more than the margin', () => {
    expect(alarm(/longer than the code lifetime/)).toMatchObject({
      Namespace: 'AWS/States',
      MetricName: 'ExecutionTime',
      Statistic: 'Maximum',
      Threshold: (240 + EXECUTION_MARGIN.toSeconds()) * 1000,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('fires on a timed-out execution', () => {
    expect(alarm(/timed out/)).toMatchObject({ Namespace: 'AWS/States', MetricName: 'ExecutionsTimedOut', Threshold: 0 });
  });

  it('fires on failed executions, not counting expired, cancelled or superseded commands', () => {
    const metrics = alarm(/failed for a reason other than/).Metrics as { Id: string; Expression?: string; MetricStat?: { Metric: { MetricName: string } } }[];

    expect(metrics.find((metric) => metric.Expression)!.Expression).toBe('FILL(failed, 0) - FILL(expired, 0) - FILL(cancelled, 0) - FILL(superseded, 0)');
    expect(Object.fromEntries(metrics.filter((metric) => metric.MetricStat).map((metric) => [metric.Id, metric.MetricStat!.Metric.MetricName]))).toEqual({
      failed: 'ExecutionsFailed',
      expired: auditMetricName(AuditDetailTypes.challengeExpired),
      cancelled: auditMetricName(AuditDetailTypes.commandCancelled),
      superseded: auditMetricName(AuditDetailTypes.commandSuperseded),
    });
  });

  it('notifies one SNS topic (TLS only), e-mailing the configured address', () => {
    const topicId = logicalIdOf('AWS::SNS::Topic');

    for (const { Properties } of resources('AWS::CloudWatch::Alarm')) expect(Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    voiceGate.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.org', TopicArn: { Ref: topicId } });
    expect(JSON.stringify(onlyResource(voiceGate.template, 'AWS::SNS::TopicPolicy').Properties)).toContain('"aws:SecureTransport":"false"');
  });

  it("lets CloudWatch publish to the alarm topic, for this account's alarms only (the TLS policy replaces SNS's default)", () => {
    const statements = onlyResource(voiceGate.template, 'AWS::SNS::TopicPolicy').Properties.PolicyDocument.Statement as Statement[];
    const allows = statements.filter((statement) => statement.Effect === 'Allow');

    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: { Ref: logicalIdOf('AWS::SNS::Topic') },
    });
    expect(allows[0]!.Condition!.StringEquals).toEqual({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } });
    expect(asText(allows[0]!.Condition!.ArnLike!['aws:SourceArn'])).toBe('arn:<Ref:AWS::Partition>:cloudwatch:<Ref:AWS::Region>:<Ref:AWS::AccountId>:alarm:*');
  });
});
