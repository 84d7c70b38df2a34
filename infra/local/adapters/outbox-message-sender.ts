import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Channel } from '../../../functions/domain/user';
import type { MessageSender, OutgoingMessage } from '../../../functions/ports/message-sender';
import { scanAll } from '../store/scan-all';
import { sortableId } from '../store/sortable-id';

export interface OutboxMessage {
  id: string;
  channel: Channel;
  to: string;
  subject: string;
  body: string;
  sentAt: string;
}

/** The simulated phones and inboxes: every message lands in a table the console and tests read. */
export class OutboxMessageSender implements MessageSender {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async send(message: OutgoingMessage): Promise<void> {
    const now = Date.now();
    const item: OutboxMessage = { id: sortableId(now), ...message, sentAt: new Date(now).toISOString() };
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }

  /** Oldest first. */
  async list(): Promise<OutboxMessage[]> {
    const messages = await scanAll<OutboxMessage>(this.client, this.tableName);
    return messages.sort((a, b) => a.id.localeCompare(b.id));
  }
}
