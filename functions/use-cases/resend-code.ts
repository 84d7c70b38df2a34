import { factorOf, isExpired, type Challenge } from '../domain/challenge';
import { WorkflowErrors } from '../domain/errors';
import { isDeliveredFactor, type DeviceFactor, type Factor } from '../domain/factor';
import { acceptedFactors } from '../domain/factor-policy';
import { maskDestination } from '../domain/masking';
import { destinationFor, type Channel } from '../domain/user';
import { minutesUntil } from '../domain/send-limits';
import type { Deps } from './deps';
import { deliverCode } from './issue-challenge';

export type ResendOutcome =
  | { kind: 'nothing-pending' }
  | { kind: 'send-limit'; retryInMinutes: number }
  | { kind: 'delivery-failed' }
  | { kind: 'device-code'; factor: DeviceFactor }
  | { kind: 'factor-refused'; accepted: Factor[] }
  | { kind: 'sent'; channel: Channel; maskedDestination: string };

/** Channel switches per command that cost no send ("send it by email", then "authenticate text"). */
export const FREE_CHANNEL_SWITCHES = 2;

type ResendDeps = Pick<Deps, 'users' | 'challenges' | 'sendLimiter' | 'codes' | 'hasher' | 'messages' | 'audit' | 'clock' | 'settings'>;

/**
 * "send the code again" / "authenticate text" / "send it by email": a new code for the
 * pending command, on the asked-for channel if the factor policy accepts it for this
 * command's policy target; the old code stops working. A command waiting for an
 * authenticator or MFA-device code has nothing to send again.
 *
 * S8, counted honestly: sending again counts as a send and gives the new code fresh
 * attempts. Moving an already-sent code to the other channel (the first FREE_CHANNEL_SWITCHES
 * times per command) counts no send and keeps the attempts left, so it adds no guesses.
 */
export async function resendCode(deps: ResendDeps, userId: string, channel?: Channel): Promise<ResendOutcome> {
  const [user, challenge] = await Promise.all([deps.users.get(userId), deps.challenges.get(userId)]);
  if (!user || !challenge || challenge.status !== 'pending' || isExpired(challenge, deps.clock.now())) {
    return { kind: 'nothing-pending' };
  }
  const current = factorOf(challenge);
  if (channel === undefined && !isDeliveredFactor(current)) return { kind: 'device-code', factor: current };
  const newChannel = channel ?? challenge.channel;
  const accepted = acceptedFactors(deps.settings.factorPolicy, challenge.action, challenge.policyTarget);
  if (newChannel !== current && !accepted.includes(newChannel)) return { kind: 'factor-refused', accepted };
  const switches = challenge.channelSwitches ?? 0;
  const freeSwitch = isDeliveredFactor(current) && newChannel !== current && switches < FREE_CHANNEL_SWITCHES;
  if (!freeSwitch) {
    const limit = await deps.sendLimiter.tryConsume(userId);
    if (!limit.allowed) return { kind: 'send-limit', retryInMinutes: minutesUntil(limit.retryAt, deps.clock.now()) };
  }
  const code = deps.codes.generate(deps.settings.codeDigits);
  const next: Challenge = {
    ...challenge,
    factor: newChannel,
    codeHash: await deps.hasher.hash(code, userId, challenge.commandId),
    channel: newChannel,
    maskedDestination: maskDestination(newChannel, destinationFor(user, newChannel)),
    attemptsLeft: freeSwitch ? challenge.attemptsLeft : deps.settings.maxAttempts,
    channelSwitches: freeSwitch ? switches + 1 : switches,
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
