import { AuditDetailTypes, userAuditEvent } from '../domain/audit-event';
import type { Deps } from './deps';

export type ResetOutcome = 'reset' | 'unknown-user';

type ResetDeps = Pick<Deps, 'users' | 'sendLimiter' | 'attemptLimiter' | 'activationLimiter' | 'audit' | 'clock'>;

/**
 * An operator lifts a user's limits (S8): code sends, code attempts and authenticator
 * activations start counting afresh. Audited as "Limit Reset", since it widens what a
 * guesser could try.
 */
export async function resetLimits(deps: ResetDeps, userId: string): Promise<ResetOutcome> {
  if (!(await deps.users.get(userId))) return 'unknown-user';
  await Promise.all([deps.sendLimiter.reset(userId), deps.attemptLimiter.reset(userId), deps.activationLimiter.reset(userId)]);
  const event = userAuditEvent(AuditDetailTypes.limitReset, userId, new Date(deps.clock.now()), { limits: 'sends attempts activations' });
  await deps.audit.publish(event);
  return 'reset';
}
