import { randomUUID } from 'node:crypto';
import { AuditDetailTypes, auditEvent, type AuditExtras } from '../domain/audit-event';
import { factorOf, isExpired } from '../domain/challenge';
import type { Command, InstanceAction } from '../domain/command';
import { isDeliveredFactor, type Factor } from '../domain/factor';
import { minutesUntil } from '../domain/send-limits';
import { actionFit, sameAlias } from '../domain/instance';
import { mayControl, type Channel, type User } from '../domain/user';
import { factorFor } from './choose-factor';
import type { Deps } from './deps';
import { waitUntil } from './wait-until';

export type RequestOutcome =
  | { kind: 'unknown-target'; target: string }
  | { kind: 'not-allowed'; target: string }
  | { kind: 'already' | 'impossible'; target: string; state: string }
  | { kind: 'duplicate-alias'; target: string; count: number }
  | { kind: 'send-limit'; retryInMinutes: number }
  | { kind: 'attempt-limit'; retryInMinutes: number }
  | { kind: 'factor-refused'; accepted: Factor[] }
  | ({ kind: 'code-sent'; command: Command; factor: Factor; channel: Channel; maskedDestination: string; digits: number } & Superseding)
  | { kind: 'delivery-failed'; command: Command }
  | ({ kind: 'delivery-pending'; command: Command } & Superseding);

/** The user's earlier pending command that this one replaced (S13), to be told "I dropped ...". */
interface Superseding {
  dropped?: Pick<Command, 'action' | 'target'>;
}

type RequestDeps = Pick<Deps, 'instances' | 'sendLimiter' | 'attemptLimiter' | 'factors' | 'workflow' | 'challenges' | 'audit' | 'clock' | 'settings'>;

/** "start splunk": check policy, factor and limits, then start the confirmation workflow (which sends the code). */
export async function requestCommand(deps: RequestDeps, user: User, action: InstanceAction, spokenTarget: string): Promise<RequestOutcome> {
  const target = spokenTarget.trim().toLowerCase();
  const namesakes = (await deps.instances.list()).filter((i) => sameAlias(i.alias, target));
  const [instance] = namesakes;
  if (!instance) return { kind: 'unknown-target', target };
  const command: Command = {
    commandId: randomUUID(),
    userId: user.userId,
    action,
    target: instance.alias,
    policyTarget: instance.alias,
    instanceId: instance.instanceId,
    requestedAt: new Date(deps.clock.now()).toISOString(),
  };
  if (!mayControl(user, instance.alias)) {
    await deny(deps, command, 'target not allowed by policy');
    return { kind: 'not-allowed', target: instance.alias };
  }
  // Taking the first match would let a second instance tagged "web" take over "stop web".
  if (namesakes.length > 1) {
    await deny(deps, command, 'duplicate alias', { instances: namesakes.length });
    return { kind: 'duplicate-alias', target: instance.alias, count: namesakes.length };
  }
  // A command that cannot change anything is refused before a code is spent on it.
  const fit = actionFit(action, instance.state);
  if (fit.kind !== 'possible') {
    await deny(deps, command, fit.kind === 'already' ? 'AlreadyInState' : 'IncorrectInstanceState', { state: fit.state });
    return { kind: fit.kind, target: instance.alias, state: fit.state };
  }
  return confirmCommand(deps, user, command);
}

type ConfirmDeps = Pick<Deps, 'sendLimiter' | 'attemptLimiter' | 'factors' | 'workflow' | 'challenges' | 'audit' | 'clock' | 'settings'>;

/**
 * A command the user may give: choose the factor that confirms it (by the command's policy
 * target, e.g. "splunk", "front door"), check the limits, then start the confirmation
 * workflow. Shared by instance and device commands.
 */
export async function confirmCommand(deps: ConfirmDeps, user: User, command: Command): Promise<RequestOutcome> {
  const choice = await factorFor(deps, user, command.action, command.policyTarget);
  if (choice.kind === 'refused') {
    await deny(deps, command, 'no enrolled factor the policy accepts', { accepts: choice.accepted.join(' ') });
    return { kind: 'factor-refused', accepted: choice.accepted };
  }
  const delivered = isDeliveredFactor(choice.factor);
  const limit = await (delivered ? deps.sendLimiter : deps.attemptLimiter).check(user.userId);
  if (!limit.allowed) {
    await deny(deps, command, delivered ? 'code send limit reached' : 'code attempt limit reached');
    return { kind: delivered ? 'send-limit' : 'attempt-limit', retryInMinutes: minutesUntil(limit.retryAt, deps.clock.now()) };
  }
  const previous = await deps.challenges.get(user.userId);
  const { outcome } = await startConfirmation(deps, command);
  const replacedPending = previous?.status === 'pending' && !isExpired(previous, deps.clock.now());
  if (replacedPending && (outcome.kind === 'code-sent' || outcome.kind === 'delivery-pending')) {
    return { ...outcome, dropped: { action: previous.action, target: previous.target } };
  }
  return outcome;
}

/** Starts a workflow for `command` and waits (bounded) until its code is out or delivery failed. */
export async function startConfirmation(
  deps: Pick<Deps, 'workflow' | 'challenges' | 'settings' | 'clock'>,
  command: Command,
): Promise<{ executionId: string; outcome: RequestOutcome }> {
  const { executionId } = await deps.workflow.start({ command });
  const outcome = await waitUntil(
    async (): Promise<RequestOutcome | undefined> => {
      const challenge = await deps.challenges.get(command.userId);
      if (challenge?.commandId === command.commandId) {
        const { channel, maskedDestination } = challenge;
        return { kind: 'code-sent', command, factor: factorOf(challenge), channel, maskedDestination, digits: deps.settings.codeDigits };
      }
      const execution = await deps.workflow.describe(executionId);
      return execution && execution.status !== 'RUNNING' ? { kind: 'delivery-failed', command } : undefined;
    },
    deps.settings.deliveryWaitMs,
    deps.settings.pollPace,
    deps.clock,
  );
  return { executionId, outcome: outcome ?? { kind: 'delivery-pending', command } };
}

export async function deny(deps: Pick<Deps, 'audit' | 'clock'>, command: Command, reason: string, extras: AuditExtras = {}): Promise<void> {
  const event = auditEvent(AuditDetailTypes.commandDenied, command, 'none', new Date(deps.clock.now()), { reason, ...extras });
  await deps.audit.publish(event);
}
