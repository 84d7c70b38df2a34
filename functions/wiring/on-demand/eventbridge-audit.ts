import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { EventBridgeAuditPublisher } from '../../adapters/aws/eventbridge/eventbridge-audit-publisher';
import type { AuditPublisher } from '../../ports/audit-publisher';

export const eventBridgeAudit = (busName: string): AuditPublisher => new EventBridgeAuditPublisher(new EventBridgeClient({}), busName);
