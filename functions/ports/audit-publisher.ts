import type { AuditEvent } from '../domain/audit-event';

/** Puts audit events on the audit bus (EventBridge on AWS, the local audit log at home). */
export interface AuditPublisher {
  publish(event: AuditEvent): Promise<void>;
}
