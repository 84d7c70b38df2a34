import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../../../functions/domain/audit-event';
import type { AuditPublisher } from '../../../functions/ports/audit-publisher';
import { scanAll } from '../store/scan-all';
import { sortableId } from '../store/sortable-id';

export interface StoredAuditEvent extends AuditEvent {
  id: string;
}

/** The local audit bus: events are kept in order of arrival, as the console shows them. */
export class LocalAuditLog implements AuditPublisher {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async publish(event: AuditEvent): Promise<void> {
    const item: StoredAuditEvent = { id: sortableId(), ...event };
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }

  /** Oldest first. */
  async list(): Promise<StoredAuditEvent[]> {
    const events = await scanAll<StoredAuditEvent>(this.client, this.tableName);
    return events.sort((a, b) => a.id.localeCompare(b.id));
  }
}
