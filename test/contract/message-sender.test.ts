import { OutboxMessageSender } from '../../infra/local/adapters/outbox-message-sender';
import { dynaliteTable } from '../support/dynamodb-tables';
import { messageSenderContract } from './suites/message-sender.contract';

messageSenderContract('OutboxMessageSender on dynalite', async () => {
  const { client, tableName, cleanup } = await dynaliteTable({ name: 'outbox', partitionKey: 'id' });
  const outbox = new OutboxMessageSender(client, tableName);
  const delivered = async () => (await outbox.list()).map(({ to, body }) => ({ to, body }));
  return { subject: { sender: outbox, channels: ['sms', 'email'], delivered }, cleanup };
});
