import { isExpired } from '../domain/challenge';
import { WorkflowErrors } from '../domain/errors';
import { maskDestination } from '../domain/masking';
import { destinationFor, type Channel } from '../domain/user';
import type { Deps } from './deps';
import { deliverCode } from './issue-challenge';

export type ResendOutcome =
  | { kind: 'nothing-pending' }
  | { kind: 'send-limit' }
  | { kind: 'delivery-failed' }
  | { kind: 'sent'; channel: Channel; maskedDestination: string };

type ResendDeps = Pick<Deps, 'users' | 'challenges' | 'sendLimiter' | 'codes' | 'hasher' | 'messages' | 'audit' | 'clock' | 'settings'>;

/**
 * "send the code again" / "authenticate text" / "send it by email": a new code for the
 * pending command, on the asked-for channel; the old code stops working (rate-limited, S8).
 */
export async function resendCode(deps: ResendDeps, userId: string, channel?: Channel): Promise<ResendOutcome> {
  const [user, challenge] = await Promise.all([deps.users.get(userId), deps.challenges.get(userId)]);
  if (!user || !challenge || challenge.status !== 'pending' || isExpired(challenge, deps.clock.now())) {
    return { kind: 'nothing-pending' };
  }
  if (!(await deps.sendLimiter.tryConsume(userId))) return { kind: 'send-limit' };
  const newChannel = channel ?? challenge.channel;
  const code = deps.codes.generate(deps.settings.codeDigits);
  const next = {
    ...challenge,
    codeHash: deps.hasher.hash(code, userId, challenge.commandId),
    channel: newChannel,
    maskedDestination: maskDestination(newChannel, destinationFor(user, newChannel)),
    attemptsLeft: deps.settings.maxAttempts,
    version: challenge.version + 1,
  };
  // Store first: once the new code is out, the old one must already be void.
  if (!(await deps.challenges.save(next, challenge.version))) return { kind: 'nothing-pending' };
  try {
    await deliverCode(deps, user, next, code, challenge.executionId);
  } catch (error) {
    if (error instanceof Error && error.name === WorkflowErrors.deliveryFailed) return { kind: 'delivery-failed' };
    throw error;
  }
  return { kind: 'sent', channel: newChannel, maskedDestination: next.maskedDestination };
}
