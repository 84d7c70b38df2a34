import fc from 'fast-check';
import { recoverAbandonedExecutions } from '../../infra/local/workflow/abandoned-executions';
import { cancelCommand } from '../../functions/use-cases/cancel-command';
import { performAction } from '../../functions/use-cases/perform-action';
import { resendCode } from '../../functions/use-cases/resend-code';
import { submitCode, type SubmitOutcome } from '../../functions/use-cases/submit-code';
import { SPLUNK, WEB } from '../support/fakes/fake-deps';
import { commandOn, scheduledWorld, startConfirmation, type ScheduledWorld } from './confirmation-world';
import { checkAfterDrain, checkInvariants, checkRecovery, type Journal } from './invariants';
import { runsPerScenario, seedFor, timeLimitMs } from './runs';
import { ProcessStopped } from './workflow-model';

/** The first command's code, the code a resend gives it, the superseding command's code, a wrong one. */
const FIRST = '111111';
const RESENT = '222222';
const SUPERSEDING = '333333';
const WRONG = '999999';

type Step =
  | 'right code'
  | 'right code, second device'
  | 'resent code'
  | 'superseding code'
  | 'wrong code'
  | 'resend'
  | 'switch to e-mail'
  | 'cancel'
  | 'supersede'
  | 'time out'
  | 'perform action'
  | 'perform action again'
  | 'engine restart';

const PROTOCOL_STEPS: Step[] = [
  'right code',
  'right code, second device',
  'resent code',
  'superseding code',
  'wrong code',
  'resend',
  'switch to e-mail',
  'cancel',
  'supersede',
  'time out',
  'perform action',
  'perform action again',
];

/** One run: the steps race each other under the scheduler, then the invariants are checked. */
async function runScenario(s: fc.Scheduler, steps: Step[]): Promise<void> {
  const scheduled = scheduledWorld(s);
  const { world, engine, deps } = scheduled;
  const first = commandOn(SPLUNK, 'cmd-first');
  const superseding = commandOn(WEB, 'cmd-superseding');
  const commands = [first, superseding];
  const journal: Journal = {
    codesOf: new Map([
      [first.commandId, [FIRST]],
      [superseding.commandId, [SUPERSEDING]],
    ]),
    submits: [],
    endedAt: new Map(),
    clock: 0,
  };
  const executions = new Map([[first.commandId, await startConfirmation(scheduled, world.deps, first, FIRST)]]);
  const tick = () => ++journal.clock;
  const ended = (commandId: string) => journal.endedAt.has(commandId) || journal.endedAt.set(commandId, tick());

  const submit = async (code: string) => {
    const startedAt = tick();
    const outcome: SubmitOutcome = await submitCode(deps(), 'alice', code);
    journal.submits.push({ code, startedAt, outcome });
  };
  /** The workflow's Perform Action state, at a moment the scheduler picks, for each execution past its wait. */
  const perform = async () => {
    await s.schedule(Promise.resolve(), 'engine runs perform-action');
    const current = deps();
    for (const command of commands) {
      const executionId = executions.get(command.commandId);
      if (executionId) await engine.performAction(executionId, () => performAction(current, { command }));
    }
  };
  const run: Record<Step, () => Promise<unknown>> = {
    'right code': () => submit(FIRST),
    'right code, second device': () => submit(FIRST),
    'resent code': () => submit(RESENT),
    'superseding code': () => submit(SUPERSEDING),
    'wrong code': () => submit(WRONG),
    resend: async () => {
      world.codes.push(RESENT);
      if ((await resendCode(deps(), 'alice')).kind === 'sent') journal.codesOf.get(first.commandId)!.push(RESENT);
    },
    'switch to e-mail': async () => {
      world.codes.push(RESENT);
      if ((await resendCode(deps(), 'alice', 'email')).kind === 'sent') journal.codesOf.get(first.commandId)!.push(RESENT);
    },
    cancel: async () => {
      const pending = await world.challenges.get('alice');
      if ((await cancelCommand(deps(), 'alice')).kind === 'cancelled' && pending) ended(pending.commandId);
    },
    supersede: async () => {
      executions.set(superseding.commandId, await startConfirmation(scheduled, deps(), superseding, SUPERSEDING));
      ended(first.commandId);
    },
    // The codes' lifetime passes: the workflow's wait ends for every command still waiting.
    'time out': async () => {
      world.clock.advance(world.settings.codeTtlSeconds * 1000);
      for (const [commandId, executionId] of executions) {
        ended(commandId);
        await engine.timeOut(executionId);
      }
    },
    'perform action': perform,
    'perform action again': perform,
    // The local host stops mid-protocol and starts again: what it had in flight is lost,
    // and start-up recovery resumes or ends every execution the store still shows RUNNING.
    'engine restart': async () => {
      const resumedBefore = engine.resumes.length;
      await scheduled.restart((fresh) => recoverAbandonedExecutions(engine.recoveryParts(fresh)));
      await checkRecovery(scheduled, resumedBefore);
      for (const execution of engine.all()) if (execution.status !== 'RUNNING') ended(execution.command.commandId);
    },
  };
  // Each step starts when the user (or the engine) gets to it; one cut off by a restart just ends.
  const step = async (name: Step) => {
    await s.schedule(Promise.resolve(), `start: ${name}`);
    await run[name]().catch((error: unknown) => {
      if (!(error instanceof ProcessStopped)) throw error;
    });
  };

  await s.waitFor(Promise.all(steps.map(step)));
  // The workflow goes on after the user has been answered; a retried step races the first.
  await s.waitFor(Promise.all([perform(), perform()]));
  await checkInvariants(scheduled, journal, commands, executions);
  await s.waitFor(drain(scheduled));
  checkAfterDrain(scheduled);
}

/** Time passes with nobody speaking: every wait times out and every verified execution acts. */
async function drain({ world, engine, deps }: ScheduledWorld): Promise<void> {
  world.clock.advance(world.settings.codeTtlSeconds * 1000);
  for (const executionId of engine.waiting()) await engine.timeOut(executionId);
  for (const executionId of engine.verified()) {
    const { command } = engine.all().find((e) => e.executionId === executionId)!;
    await engine.performAction(executionId, () => performAction(deps(), { command }));
  }
}

const explore = (scenario: string, steps: fc.Arbitrary<Step[]>) =>
  fc.assert(fc.asyncProperty(fc.scheduler(), steps, runScenario), {
    numRuns: runsPerScenario(),
    seed: seedFor(scenario),
    interruptAfterTimeLimit: timeLimitMs(),
  });

/**
 * Concurrent authorize (right and wrong codes, two devices of the same user) racing the
 * workflow's timeout, a superseding command, cancel, resend and channel switch, and a
 * retried perform-action: every adapter call is scheduled, fast-check picks the order.
 */
describe('authorize under every interleaving', () => {
  it('keeps the confirmation invariants', async () => {
    await explore('authorize', fc.array(fc.constantFrom(...PROTOCOL_STEPS), { minLength: 2, maxLength: 8 }));
  }, 120_000);

  it('keeps them when the engine restarts at any point of the protocol', async () => {
    const withRestart = fc
      .tuple(fc.array(fc.constantFrom(...PROTOCOL_STEPS), { minLength: 1, maxLength: 7 }), fc.integer({ min: 1, max: 2 }))
      .map(([steps, restarts]) => [...steps, ...Array<Step>(restarts).fill('engine restart')]);
    await explore('engine restart', withRestart);
  }, 120_000);
});
