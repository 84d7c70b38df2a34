import { factorOf, isExpired, type Challenge } from '../domain/challenge';
import { WorkflowErrors } from '../domain/errors';
import { isDeliveredFactor, type DeviceFactor, type Factor } from '../domain/factor';
import { acceptedFactors } from '../domain/factor-policy';
import { maskDestination } from '../domain/masking';
import { destinationFor, type Channel } from '../domain/user';
import type { Deps } from './deps';
import { deliverCode } from './issue-challenge';

export type ResendOutcome =
  | { kind: 'nothing-pending' }
  | { kind: 'send-limit' }
  | { kind: 'delivery-failed' }
  | { kind: 'device-code'; factor: DeviceFactor }
  | { kind: 'factor-refused'; accepted: Factor[] }
  | { kind: 'sent'; channel: Channel; maskedDestination: string };

type ResendDeps = Pick<Deps, 'users' | 'challenges' | 'sendLimiter' | 'codes' | 'hasher' | 'messages' | 'audit' | 'clock' | 'settings'>;

/**
 * "send the code again" / "authenticate text" / "send it by email": a new code for the
 * pending command, on the asked-for channel if the factor policy accepts it for this
 * command; the old code stops working (rate-limited, S8). A command waiting for an
 * authenticator or MFA-device code has nothing to send again.
 */
export async function resendCode(deps: ResendDeps, userId: string, channel?: Channel): Promise<ResendOutcome> {
  const [user, challenge] = await Promise.all([deps.users.get(userId), deps.challenges.get(userId)]);
  if (!user || !challenge || challenge.status !== 'pending' || isExpired(challenge, deps.clock.now())) {
    return { kind: 'nothing-pending' };
  }
  const current = factorOf(challenge);
  if (channel === undefined && !isDeliveredFactor(current)) return { kind: 'device-code', factor: current };
  const newChannel = channel ?? challenge.channel;
  const accepted = acceptedFactors(deps.settings.factorPolicy, challenge.action, challenge.target);
  if (newChannel !== current && !accepted.includes(newChannel)) return { kind: 'factor-refused', accepted };
  if (!(await deps.sendLimiter.tryConsume(userId))) return { kind: 'send-limit' };
  const code = deps.codes.generate(deps.settings.codeDigits);
  const next: Challenge = {
    ...challenge,
    factor: newChannel,
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
