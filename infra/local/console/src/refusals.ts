import type { AuditEvent } from './api';

/** A user the send or attempt limits refused, and what the refusal said. */
export interface Refusal {
  userId: string;
  reason: string;
  time: string;
}

const LIMIT_RESET = 'Limit Reset';
const mentionsLimit = (value: unknown): value is string => typeof value === 'string' && /limit/i.test(value);

/** Users whose latest limit refusal came after their latest Limit Reset, most recent first. */
export function refusedUsers(audit: readonly AuditEvent[]): Refusal[] {
  const refusals = new Map<string, Refusal>();
  for (const event of audit) {
    const userId = event.detail.userId;
    if (typeof userId !== 'string') continue;
    if (event.detailType === LIMIT_RESET) {
      refusals.delete(userId);
      continue;
    }
    const reason = [event.detail.reason, event.detail.cause].find(mentionsLimit);
    if (!reason) continue;
    refusals.delete(userId); // re-inserted last: the map stays in order of each user's latest refusal
    refusals.set(userId, { userId, reason, time: event.time });
  }
  return [...refusals.values()].reverse();
}
