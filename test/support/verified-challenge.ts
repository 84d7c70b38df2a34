import { taskTokenContext } from '../../functions/domain/challenge';
import { resourceOf, type Command } from '../../functions/domain/command';
import type { Deps } from '../../functions/use-cases/deps';

/** Stores a challenge for `command` as the code path leaves it after the right code, verified at `verifiedAt`. */
export async function storeVerifiedChallenge(deps: Pick<Deps, 'challenges' | 'taskTokens'>, command: Command, verifiedAt = Date.now()): Promise<void> {
  await deps.challenges.replace({
    userId: command.userId,
    commandId: command.commandId,
    executionId: `exec-${command.commandId}`,
    action: command.action,
    target: command.target,
    resource: resourceOf(command),
    policyTarget: command.policyTarget,
    sealedTaskToken: await deps.taskTokens.seal('no-task', taskTokenContext(command)),
    factor: 'sms',
    codeHash: '',
    channel: 'sms',
    maskedDestination: '***01',
    issuedAt: verifiedAt,
    expiresAt: verifiedAt + 300_000,
    attemptsLeft: 3,
    status: 'verified',
    verifiedAt,
    version: 2,
  });
}
