import { AuditDetailTypes, auditEvent } from '../domain/audit-event';
import type { Challenge } from '../domain/challenge';
import { codeMessage } from '../domain/code-message';
import type { Command } from '../domain/command';
import { WorkflowError, WorkflowErrors, isTaskTokenError } from '../domain/errors';
import { isDeliveredFactor, type Factor } from '../domain/factor';
import { maskDestination } from '../domain/masking';
import { destinationFor, type Channel, type User } from '../domain/user';
import { factorFor } from './choose-factor';
import type { Deps } from './deps';

export interface IssueChallengeRequest {
  command: Command;
  executionId: string;
  taskToken: string;
}

export type IssueChallengeDeps = Pick<
  Deps,
  'users' | 'sendLimiter' | 'codes' | 'hasher' | 'challenges' | 'messages' | 'workflow' | 'audit' | 'clock' | 'settings' | 'factors'
>;

/**
 * The workflow's "send code and wait" step: pick the factor (policy and the user's
 * preference), make and deliver a code when the factor is sms or e-mail (an authenticator
 * app or MFA device needs nothing sent), store the challenge with the task token, and
 * supersede the user's previous pending command (S13).
 * Throws DeliveryFailed (caught by the workflow) when no code could be delivered.
 */
export async function issueChallenge(deps: IssueChallengeDeps, request: IssueChallengeRequest): Promise<void> {
  const { command } = request;
  const user = await deps.users.get(command.userId);
  if (!user) throw new WorkflowError(WorkflowErrors.deliveryFailed, 'the user no longer exists');
  const choice = await factorFor(deps, user, command.action, command.target);
  if (choice.kind === 'refused') throw new WorkflowError(WorkflowErrors.deliveryFailed, 'the user has no factor the policy accepts');
  const now = deps.clock.now();
  const challenge = isDeliveredFactor(choice.factor)
    ? await deliveredChallenge(deps, request, user, choice.factor, now)
    : newChallenge(deps, request, user, choice.factor, '', now);
  const previous = await deps.challenges.replace(challenge);
  if (previous?.status === 'pending' && previous.commandId !== command.commandId) {
    await failTask(deps, previous.taskToken, WorkflowErrors.superseded, 'a newer command replaced this one');
  }
}

/** S8: counts the send, then delivers before storing, so a failed delivery leaves no usable code behind. */
async function deliveredChallenge(deps: IssueChallengeDeps, request: IssueChallengeRequest, user: User, channel: Channel, now: number): Promise<Challenge> {
  if (!(await deps.sendLimiter.tryConsume(user.userId))) {
    throw new WorkflowError(WorkflowErrors.deliveryFailed, 'code send limit reached');
  }
  const code = deps.codes.generate(deps.settings.codeDigits);
  const challenge = newChallenge(deps, request, user, channel, deps.hasher.hash(code, user.userId, request.command.commandId), now);
  await deliverCode(deps, user, challenge, code, request.executionId);
  return challenge;
}

function newChallenge(deps: IssueChallengeDeps, request: IssueChallengeRequest, user: User, factor: Factor, codeHash: string, now: number): Challenge {
  const { command, executionId, taskToken } = request;
  // A device factor has no destination; `channel` is where "send the code by text" would go.
  const channel: Channel = isDeliveredFactor(factor) ? factor : user.preferredChannel;
  return {
    userId: user.userId,
    commandId: command.commandId,
    executionId,
    action: command.action,
    target: command.target,
    taskToken,
    factor,
    codeHash,
    channel,
    maskedDestination: isDeliveredFactor(factor) ? maskDestination(channel, destinationFor(user, channel)) : '',
    issuedAt: now,
    expiresAt: now + deps.settings.codeTtlSeconds * 1000,
    attemptsLeft: deps.settings.maxAttempts,
    status: 'pending',
    version: 1,
  };
}

/** Sends the code on the challenge's channel and records "Code Sent"; throws DeliveryFailed. */
export async function deliverCode(
  deps: Pick<Deps, 'messages' | 'audit' | 'clock'>,
  user: User,
  challenge: Challenge,
  code: string,
  executionId: string,
): Promise<void> {
  const expiresIn = (challenge.expiresAt - deps.clock.now()) / 1000;
  const text = codeMessage(code, challenge.action, challenge.target, expiresIn);
  try {
    await deps.messages.send({ channel: challenge.channel, to: destinationFor(user, challenge.channel), ...text });
  } catch {
    throw new WorkflowError(WorkflowErrors.deliveryFailed, `the ${challenge.channel} provider did not accept the code`);
  }
  const extras = { channel: challenge.channel, destination: challenge.maskedDestination };
  const event = auditEvent(AuditDetailTypes.codeSent, challenge, executionId, new Date(deps.clock.now()), extras);
  await deps.audit.publish(event);
}

/** Ends a waiting workflow task; a token that already finished is not an error here. */
export async function failTask(
  deps: Pick<Deps, 'workflow'>,
  taskToken: string,
  error: string,
  cause: string,
): Promise<void> {
  try {
    await deps.workflow.sendTaskFailure(taskToken, error, cause);
  } catch (failure) {
    if (!isTaskTokenError(failure)) throw failure;
  }
}
