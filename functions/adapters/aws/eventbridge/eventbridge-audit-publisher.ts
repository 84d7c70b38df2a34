import { PutEventsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { AuditEvent } from '../../../domain/audit-event';
import type { AuditPublisher } from '../../../ports/audit-publisher';

/** Puts audit events on the EventBridge audit bus. */
export class EventBridgeAuditPublisher implements AuditPublisher {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly eventBusName: string,
  ) {}

  async publish(event: AuditEvent): Promise<void> {
    const { FailedEntryCount, Entries } = await this.client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: this.eventBusName,
            Source: event.source,
            DetailType: event.detailType,
            Time: new Date(event.time),
            Detail: JSON.stringify(event.detail),
          },
        ],
      }),
    );
    // PutEvents answers 200 even when it drops an entry; the failure is only in the body.
    if (FailedEntryCount) {
      const reason = Entries?.[0]?.ErrorCode ?? 'unknown error';
      throw new Error(`EventBridge rejected the "${event.detailType}" audit event: ${reason}`);
    }
  }
}
