import type { InstanceCommand } from '../../functions/domain/command';
import type { SubmitOutcome } from '../../functions/use-cases/submit-code';
import { sentCodes, type ScheduledWorld } from './confirmation-world';
import { TERMINAL_DETAIL_TYPES } from '../../functions/domain/audit-event';

/** What a run did, in the order things happened (`clock` counts events). */
export interface Journal {
  submits: { code: string; startedAt: number; outcome: SubmitOutcome }[];
  /** When each command was known to be over: cancelled, superseded, timed out or locked out. */
  endedAt: Map<string, number>;
  clock: number;
}

const COUNTED_WRONG: ReadonlySet<SubmitOutcome['kind']> = new Set(['rejected', 'locked-out']);

/** The protocol's invariants, checked after every run; a failure names the one broken. */
export async function checkInvariants(
  { world, engine, actionsTried, challengeWrites }: ScheduledWorld,
  journal: Journal,
  commands: InstanceCommand[],
  executions: Map<string, string>,
): Promise<void> {
  const sent = sentCodes(world);
  for (const command of commands) {
    const performed = actionsTried.filter((p) => p.instanceId === command.instanceId);
    const about = (outcome: SubmitOutcome) => 'target' in outcome && outcome.target === command.target;
    const accepted = journal.submits.filter((s) => s.outcome.kind === 'accepted' && about(s.outcome));
    const writes = challengeWrites.filter((c) => c.commandId === command.commandId);

    // At most one action per command (S14), and only the action the user confirmed.
    expect(performed.length).toBeLessThanOrEqual(1);
    for (const p of performed) expect(p.action).toBe(command.action);
    // No action without a verified challenge for exactly that user, command and target, verified by a code sent for it.
    if (performed.length > 0) {
      const verified = writes.filter((c) => c.status === 'verified');
      expect(verified).toContainEqual(
        expect.objectContaining({
          userId: command.userId,
          commandId: command.commandId,
          action: command.action,
          target: command.target,
          resource: command.instanceId,
        }),
      );
      expect(accepted.length).toBeGreaterThan(0);
    }
    for (const submit of accepted) expect(sent).toContainEqual({ code: submit.code, target: command.target });
    // After expiry, cancel, supersede or a lock-out no code works.
    const endedAt = journal.endedAt.get(command.commandId);
    if (endedAt !== undefined) for (const submit of accepted) expect(submit.startedAt).toBeLessThan(endedAt);
    // At most 3 wrong attempts counted per code: each new code sent again (not a free channel
    // switch, which keeps the attempts left) brings 3 more; the user is told and the audit shows no more.
    const fresh = writes.filter(
      (c, i) => i === 0 || (c.codeHash !== writes[i - 1]!.codeHash && (c.channelSwitches ?? 0) === (writes[i - 1]!.channelSwitches ?? 0)),
    );
    const limit = world.settings.maxAttempts * fresh.length;
    const rejected = world.audit.events.filter((e) => e.detailType === 'Code Rejected' && e.detail.commandId === command.commandId);
    expect(rejected.length).toBeLessThanOrEqual(limit);
    expect(journal.submits.filter((s) => COUNTED_WRONG.has(s.outcome.kind) && about(s.outcome)).length).toBeLessThanOrEqual(limit);
    // No lost command: every started execution has ended or still waits within its deadline.
    const executionId = executions.get(command.commandId);
    if (executionId === undefined) continue;
    if ((await engine.describe(executionId))?.status !== 'RUNNING') continue;
    const challenge = await world.challenges.get(command.userId);
    expect(challenge).toMatchObject({ commandId: command.commandId, status: 'pending' });
    expect(world.clock.now()).toBeLessThan(challenge!.expiresAt);
  }
  // A code is verified for one command at most once.
  const acceptedCodes = journal.submits.filter((s) => s.outcome.kind === 'accepted').map((s) => s.code);
  expect(new Set(acceptedCodes).size).toBe(acceptedCodes.length);
}

/**
 * Right after start-up recovery: each execution it resumed waits on its own token until its
 * original deadline; every other execution the store showed RUNNING has ended (visibly: the
 * terminal audit event is checked after the drain).
 */
export async function checkRecovery({ world, engine }: ScheduledWorld, resumedBefore: number): Promise<void> {
  for (const resumed of engine.resumes.slice(resumedBefore)) {
    const execution = engine.all().find((e) => e.executionId === resumed.executionId)!;
    const challenge = await world.challenges.get(execution.command.userId);
    expect(challenge).toMatchObject({ commandId: execution.command.commandId, status: 'pending' });
    expect(resumed.token).toBe(engine.tokenOf(resumed.executionId));
    expect(resumed.deadline).toBeLessThanOrEqual(challenge!.expiresAt);
    expect(resumed.deadline).toBeGreaterThan(challenge!.expiresAt - 1000);
  }
  for (const execution of engine.all()) if (execution.status === 'RUNNING') expect(engine.waiting()).toContain(execution.executionId);
}

/**
 * Once time has passed with nobody speaking (every wait timed out, every verified execution
 * acted): no lost command — every execution has ended — and each ended with exactly one
 * terminal audit event.
 */
export function checkAfterDrain({ world, engine }: ScheduledWorld): void {
  for (const execution of engine.all()) {
    const terminal = world.audit.events.filter((e) => e.detail.executionId === execution.executionId && TERMINAL_DETAIL_TYPES.has(e.detailType));
    expect({ executionId: execution.executionId, status: execution.status }).toEqual({
      executionId: execution.executionId,
      status: expect.not.stringMatching(/^RUNNING$/),
    });
    expect({ executionId: execution.executionId, terminal: terminal.map((e) => e.detailType) }).toEqual({
      executionId: execution.executionId,
      terminal: [expect.any(String)],
    });
  }
}
