import { AuditDetailTypes, auditEvent } from '../domain/audit-event';
import type { Challenge } from '../domain/challenge';
import { codeMessage } from '../domain/code-message';
import type { Command } from '../domain/command';
import { WorkflowError, WorkflowErrors, isTaskTokenError } from '../domain/errors';
import { maskDestination } from '../domain/masking';
import { destinationFor, type Channel, type User } from '../domain/user';
import type { Deps } from './deps';

export interface IssueChallengeRequest {
  command: Command;
  executionId: string;
  taskToken: string;
}

type IssueDeps = Pick<
  Deps,
  'users' | 'sendLimiter' | 'codes' | 'hasher' | 'challenges' | 'messages' | 'workflow' | 'audit' | 'clock' | 'settings'
>;

/**
 * The workflow's "send code and wait" step: make a code, deliver it, store its hash with
 * the task token, and supersede the user's previous pending command (S13).
 * Throws DeliveryFailed (caught by the workflow) when no code could be delivered.
 */
export async function issueChallenge(deps: IssueDeps, request: IssueChallengeRequest): Promise<void> {
  const { command } = request;
  const user = await deps.users.get(command.userId);
  if (!user) throw new WorkflowError(WorkflowErrors.deliveryFailed, 'the user no longer exists');
  if (!(await deps.sendLimiter.tryConsume(user.userId))) {
    throw new WorkflowError(WorkflowErrors.deliveryFailed, 'code send limit reached');
  }
  const now = deps.clock.now();
  const code = deps.codes.generate(deps.settings.codeDigits);
  const challenge = newChallenge(deps, request, user, code, now);
  // Deliver before storing: a failed delivery leaves no usable code behind.
  await deliverCode(deps, user, challenge, code, request.executionId);
  const previous = await deps.challenges.replace(challenge);
  if (previous?.status === 'pending' && previous.commandId !== command.commandId) {
    await failTask(deps, previous.taskToken, WorkflowErrors.superseded, 'a newer command replaced this one');
  }
}

function newChallenge(deps: IssueDeps, request: IssueChallengeRequest, user: User, code: string, now: number): Challenge {
  const { command, executionId, taskToken } = request;
  const channel: Channel = user.preferredChannel;
  return {
    userId: user.userId,
    commandId: command.commandId,
    executionId,
    action: command.action,
    target: command.target,
    taskToken,
    codeHash: deps.hasher.hash(code, user.userId, command.commandId),
    channel,
    maskedDestination: maskDestination(channel, destinationFor(user, channel)),
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
