import { LocalAuditLog } from '../../infra/local/adapters/local-audit-log';
import { dynaliteTable } from '../support/dynamodb-tables';
import { auditPublisherContract } from './suites/audit-publisher.contract';

auditPublisherContract('LocalAuditLog on dynalite', async () => {
  const { client, tableName, cleanup } = await dynaliteTable({ name: 'audit', partitionKey: 'id' });
  const log = new LocalAuditLog(client, tableName);
  return { subject: { publisher: log, delivered: async () => log.list() }, cleanup };
});
