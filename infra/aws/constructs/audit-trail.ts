import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import { EventBus, Rule, type IRuleTarget } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, ServicePrincipal, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AUDIT_SOURCE } from '../../../functions/domain/audit-event';

/** How long audit events stay in the log group and in the replayable archive. */
export const AUDIT_RETENTION = RetentionDays.ONE_YEAR;
export const AUDIT_ARCHIVE_RETENTION = Duration.days(365);

/**
 * The audit trail: a VoiceGate-only EventBridge bus, an archive of every audit event (so
 * events can be replayed onto the bus), and a rule copying each event into a CloudWatch Logs
 * group, which the dashboard queries and the audit metrics are counted from.
 */
export class AuditTrail extends Construct {
  readonly bus: EventBus;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = Stack.of(this);
    const voiceGateEvents = { source: [AUDIT_SOURCE] };

    this.bus = new EventBus(this, 'Bus', { eventBusName: `${stack.stackName}-audit` });
    this.bus.archive('Archive', {
      description: 'Every VoiceGate audit event, for replay onto the audit bus',
      eventPattern: voiceGateEvents,
      retention: AUDIT_ARCHIVE_RETENTION,
    });

    this.logGroup = new LogGroup(this, 'Log', { logGroupName: `/aws/events/${stack.stackName}-audit`, retention: AUDIT_RETENTION });
    // CDK's CloudWatchLogGroup target writes this policy through a Lambda-backed custom resource;
    // the native AWS::Logs::ResourcePolicy does the same with no function to maintain.
    this.logGroup.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('events.amazonaws.com')],
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    const logGroupTarget: IRuleTarget = {
      bind: () => ({
        arn: stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: this.logGroup.logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
      }),
    };
    new Rule(this, 'CopyToLog', {
      description: 'Copies every VoiceGate audit event into the audit log group',
      eventBus: this.bus,
      eventPattern: voiceGateEvents,
      targets: [logGroupTarget],
    });
  }

  grantPublish(grantee: IGrantable): void {
    this.bus.grantPutEventsTo(grantee);
  }
}
