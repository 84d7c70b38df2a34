import { CreateEventBusCommand, EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { EventBridgeAuditPublisher } from '../../functions/adapters/aws/eventbridge/eventbridge-audit-publisher';
import { AUDIT_SOURCE, AuditDetailTypes, auditEvent } from '../../functions/domain/audit-event';
import { awsTestConfig } from '../support/aws-test-config';
import { describeWithMoto } from '../support/moto';
import { MotoQueue } from '../support/moto-sqs';

const BUS = 'voicegate-audit';
const command = { commandId: 'cmd-1', userId: 'user-alice', action: 'start', target: 'splunk' } as const;

describeWithMoto('EventBridgeAuditPublisher over the wire (moto EventBridge)', (moto) => {
  let events: EventBridgeClient;
  let delivered: MotoQueue;

  beforeAll(async () => {
    events = new EventBridgeClient(awsTestConfig(moto().endpoint));
    delivered = await MotoQueue.create(moto().endpoint, 'audit-events');
    await events.send(new CreateEventBusCommand({ Name: BUS }));
    await events.send(
      new PutRuleCommand({ Name: 'all-audit', EventBusName: BUS, EventPattern: JSON.stringify({ source: [AUDIT_SOURCE] }) }),
    );
    const target = { Id: 'queue', Arn: delivered.arn };
    await events.send(new PutTargetsCommand({ Rule: 'all-audit', EventBusName: BUS, Targets: [target] }));
  });
  afterAll(() => events.destroy());

  it('puts the event on the bus with its source, detail-type, time and detail', async () => {
    const event = auditEvent(AuditDetailTypes.codeSent, command, 'exec-1', new Date('2026-01-01T10:00:00Z'), {
      channel: 'sms',
      destination: '***01',
    });

    await new EventBridgeAuditPublisher(events, BUS).publish(event);

    const received = JSON.parse(await delivered.take());
    expect(received).toMatchObject({ source: AUDIT_SOURCE, 'detail-type': 'Code Sent', time: '2026-01-01T10:00:00Z' });
    expect(received.detail).toEqual(event.detail);
  });

  it('rejects when the bus does not exist', async () => {
    const event = auditEvent(AuditDetailTypes.commandRequested, command, 'exec-1', new Date());

    await expect(new EventBridgeAuditPublisher(events, 'no-such-bus').publish(event)).rejects.toHaveProperty(
      'name',
      'ResourceNotFoundException',
    );
  });
});
