import { AUDIT_SOURCE, AuditDetailTypes, auditEvent, type AuditEvent } from '../../../functions/domain/audit-event';
import type { AuditPublisher } from '../../../functions/ports/audit-publisher';
import { freshPerTest, type MakeFixture } from './fixture';

export interface AuditFixture {
  publisher: AuditPublisher;
  /** What reached the bus's readers, oldest first. */
  delivered(count: number): Promise<AuditEvent[]>;
}

const command = { commandId: 'cmd-1', userId: 'alice', action: 'start', target: 'splunk' } as const;

export function auditPublisherContract(name: string, makeFixture: MakeFixture<AuditFixture>): void {
  describe(`AuditPublisher contract: ${name}`, () => {
    const fixture = freshPerTest(makeFixture);

    it('delivers each event with its source, detail-type, time and detail, in the order published', async () => {
      const requested = auditEvent(AuditDetailTypes.commandRequested, command, 'exec-1', new Date('2026-01-01T10:00:00Z'));
      const sent = auditEvent(AuditDetailTypes.codeSent, command, 'exec-1', new Date('2026-01-01T10:00:01Z'), { channel: 'sms', destination: '***01' });

      await fixture().publisher.publish(requested);
      await fixture().publisher.publish(sent);

      const delivered = await fixture().delivered(2);
      expect(delivered.map((e) => e.detailType)).toEqual(['Command Requested', 'Code Sent']);
      expect(delivered[1]).toMatchObject({ source: AUDIT_SOURCE, detail: sent.detail });
      // EventBridge keeps whole seconds of the time.
      expect(Date.parse(delivered[1]!.time)).toBe(Date.parse(sent.time));
    });
  });
}
