import { AuditDetailTypes, auditEvent } from '../domain/audit-event';
import { taskTokenContext, type Challenge } from '../domain/challenge';
import { codeMessage } from '../domain/code-message';
import { resourceOf, type Command } from '../domain/command';
import { WorkflowError, WorkflowErrors, isTaskTokenError } from '../domain/errors';
import { isDeliveredFactor, type Factor } from '../domain/factor';
import { maskDestination } from '../domain/masking';
import { destinationFor, type Channel, type User } from '../domain/user';
import { factorFor } from './choose-factor';
import type { Deps } from './deps';
import { deny } from './request-command';
import { verifyCommand } from './verify-command';

export interface IssueChallengeRequest {
  command: Command;
  executionId: string;
  taskToken: string;
}

export type IssueChallengeDeps = Pick<
  Deps,
  | 'users'
  | 'instances'
  | 'deviceDirectory'
  | 'sendLimiter'
  | 'codes'
  | 'hasher'
  | 'challenges'
  | 'messages'
  | 'workflow'
  | 'audit'
  | 'clock'
  | 'settings'
  | 'factors'
  | 'taskTokens'
>;

/**
 * The workflow's "send code and wait" step: check the command against the stores (its input
 * is not trusted), pick the factor (policy and the user's preference), make and deliver a
 * code when the factor is sms or e-mail (an authenticator app or MFA device needs nothing
 * sent), store the challenge with the sealed task token, and supersede the user's previous
 * pending command (S13). Throws CommandRefused for a command the stores do not back, and
 * DeliveryFailed (both caught by the workflow) when no code could be delivered.
 */
export async function issueChallenge(deps: IssueChallengeDeps, request: IssueChallengeRequest): Promise<void> {
  const { command } = request;
  // The user's current challenge is read while the command is checked: one round trip fewer on
  // a cold start. It is used only once the command passed (a refused command reads as before).
  const current = deps.challenges.get(command.userId);
  current.catch(() => undefined); // a refusal below leaves it unawaited
  const check = await verifyCommand(deps, command);
  if (!check.ok) {
    await deny(deps, command, check.reason);
    throw new WorkflowError(WorkflowErrors.commandRefused, check.reason);
  }
  if (await tookOverRetriedAttempt(deps, request, current)) return;
  const { user, policyTarget } = check;
  const choice = await factorFor(deps, user, command.action, policyTarget);
  if (choice.kind === 'refused') throw new WorkflowError(WorkflowErrors.deliveryFailed, 'the user has no factor the policy accepts');
  const now = deps.clock.now();
  const draft = await newChallenge(deps, request, policyTarget, user, choice.factor, now);
  const challenge = isDeliveredFactor(choice.factor) ? await withDeliveredCode(deps, draft, user) : draft;
  const previous = await deps.challenges.replace(challenge);
  // Stryker disable next-line ConditionalExpression: equivalent — a pending challenge of this same command under another execution exists only after that execution ended (starts are idempotent per command id), and failing an ended task is ignored (TaskTimedOut)
  if (previous?.status === 'pending' && previous.commandId !== command.commandId) {
    await failTask(deps, previous, WorkflowErrors.superseded, 'a newer command replaced this one');
  }
}

/**
 * The workflow retries this task after a transient Lambda error, with a new task token. When
 * an earlier attempt already issued this execution's challenge (its code may be on the
 * phone), the retry only moves the challenge to the new token: no second code, no second
 * send counted, and the spoken code completes the task that is actually waiting.
 */
async function tookOverRetriedAttempt(
  deps: Pick<IssueChallengeDeps, 'challenges' | 'taskTokens'>,
  request: IssueChallengeRequest,
  firstRead: Promise<Challenge | undefined>,
): Promise<boolean> {
  const { command, executionId, taskToken } = request;
  for (let attempt = 0; attempt < MAX_TAKEOVER_TRIES; attempt++) {
    const current = await (attempt === 0 ? firstRead : deps.challenges.get(command.userId));
    if (current?.commandId !== command.commandId || current.executionId !== executionId) return false;
    if (current.status !== 'pending') throw new WorkflowError(WorkflowErrors.cancelled, 'the command ended while its code was being sent');
    if ((await taskTokenOf(deps, current)) === taskToken) return true;
    const sealedTaskToken = await deps.taskTokens.seal(taskToken, taskTokenContext(command));
    if (await deps.challenges.save({ ...current, sealedTaskToken, version: current.version + 1 }, current.version)) return true;
  }
  throw new Error('the pending command kept changing during a retried send');
}

/** A spoken code racing the retry can change the challenge; a few re-reads settle it. */
const MAX_TAKEOVER_TRIES = 5;

/** S8: counts the send, then delivers before storing, so a failed delivery leaves no usable code behind. */
async function withDeliveredCode(deps: IssueChallengeDeps, challenge: Challenge, user: User): Promise<Challenge> {
  if (!(await deps.sendLimiter.tryConsume(user.userId)).allowed) {
    throw new WorkflowError(WorkflowErrors.deliveryFailed, 'code send limit reached');
  }
  const code = deps.codes.generate(deps.settings.codeDigits);
  const delivered = { ...challenge, codeHash: await deps.hasher.hash(code, user.userId, challenge.commandId) };
  await deliverCode(deps, user, delivered, code, challenge.executionId);
  return delivered;
}

async function newChallenge(
  deps: IssueChallengeDeps,
  request: IssueChallengeRequest,
  policyTarget: string,
  user: User,
  factor: Factor,
  now: number,
): Promise<Challenge> {
  const { command, executionId, taskToken } = request;
  // A device factor has no destination; `channel` is where "send the code by text" would go.
  const channel: Channel = isDeliveredFactor(factor) ? factor : user.preferredChannel;
  return {
    userId: user.userId,
    commandId: command.commandId,
    executionId,
    action: command.action,
    target: command.target,
    resource: resourceOf(command),
    policyTarget,
    sealedTaskToken: await deps.taskTokens.seal(taskToken, taskTokenContext(command)),
    factor,
    codeHash: '',
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

/** The challenge's workflow task token, unsealed just for the call that completes the task. */
export function taskTokenOf(deps: Pick<Deps, 'taskTokens'>, challenge: Challenge): Promise<string> {
  return deps.taskTokens.open(challenge.sealedTaskToken, taskTokenContext(challenge));
}

/** Ends the challenge's waiting workflow task; a token that already finished is not an error here. */
export async function failTask(deps: Pick<Deps, 'workflow' | 'taskTokens'>, challenge: Challenge, error: string, cause: string): Promise<void> {
  try {
    await deps.workflow.sendTaskFailure(await taskTokenOf(deps, challenge), error, cause);
  } catch (failure) {
    if (!isTaskTokenError(failure)) throw failure;
  }
}
