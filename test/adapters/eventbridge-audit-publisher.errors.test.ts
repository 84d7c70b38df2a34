import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { EventBridgeAuditPublisher } from '../../functions/adapters/aws/eventbridge/eventbridge-audit-publisher';
import { AuditDetailTypes, auditEvent } from '../../functions/domain/audit-event';

const event = auditEvent(
  AuditDetailTypes.codeVerified,
  { commandId: 'cmd-1', userId: 'user-alice', action: 'start', target: 'splunk' },
  'exec-1',
  new Date('2026-01-01T10:00:00Z'),
);

describe('EventBridgeAuditPublisher when EventBridge drops the entry', () => {
  const events = mockClient(EventBridgeClient);
  const publisher = new EventBridgeAuditPublisher(events as unknown as EventBridgeClient, 'voicegate-audit');
  afterEach(() => events.reset());

  it('throws, naming the detail-type and the error code, although PutEvents answered 200', async () => {
    const dropped = { ErrorCode: 'InternalFailure', ErrorMessage: 'try again' };
    events.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [dropped] });

    await expect(publisher.publish(event)).rejects.toThrow('EventBridge rejected the "Code Verified" audit event: InternalFailure');
  });

  it('resolves when every entry was accepted', async () => {
    events.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });

    await expect(publisher.publish(event)).resolves.toBeUndefined();
  });
});
