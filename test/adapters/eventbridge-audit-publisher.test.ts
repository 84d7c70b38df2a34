import { CreateEventBusCommand, EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { EventBridgeAuditPublisher } from '../../functions/adapters/aws/eventbridge/eventbridge-audit-publisher';
import { AUDIT_SOURCE, AuditDetailTypes, auditEvent, type AuditEvent } from '../../functions/domain/audit-event';
import { awsTestConfig } from '../support/aws-test-config';
import { describeWithMoto } from '../support/moto';
import { MotoQueue } from '../support/moto-sqs';
import { auditPublisherContract } from '../contract/suites/audit-publisher.contract';

const BUS = 'voicegate-audit';
const command = { commandId: 'cmd-1', userId: 'user-alice', action: 'start', target: 'splunk' } as const;

describeWithMoto('EventBridgeAuditPublisher over the wire (moto EventBridge)', (moto) => {
  let events: EventBridgeClient;
  let delivered: MotoQueue;

  beforeAll(async () => {
    events = new EventBridgeClient(awsTestConfig(moto().endpoint));
    delivered = await MotoQueue.create(moto().endpoint, 'audit-events');
    await events.send(new CreateEventBusCommand({ Name: BUS }));
    await events.send(new PutRuleCommand({ Name: 'all-audit', EventBusName: BUS, EventPattern: JSON.stringify({ source: [AUDIT_SOURCE] }) }));
    const target = { Id: 'queue', Arn: delivered.arn };
    await events.send(new PutTargetsCommand({ Rule: 'all-audit', EventBusName: BUS, Targets: [target] }));
  });
  afterAll(() => events.destroy());

  auditPublisherContract('EventBridgeAuditPublisher on moto (read back through a rule to SQS)', async () => ({
    subject: {
      publisher: new EventBridgeAuditPublisher(events, BUS),
      delivered: async (count) => {
        const received: AuditEvent[] = [];
        while (received.length < count) {
          const { source, 'detail-type': detailType, time, detail } = JSON.parse(await delivered.take());
          received.push({ source, detailType, time, detail });
        }
        return received;
      },
    },
    cleanup: async () => undefined,
  }));

  it('rejects when the bus does not exist', async () => {
    const event = auditEvent(AuditDetailTypes.commandRequested, command, 'exec-1', new Date());

    await expect(new EventBridgeAuditPublisher(events, 'no-such-bus').publish(event)).rejects.toHaveProperty('name', 'ResourceNotFoundException');
  });
});
