/**
 * One run of the confirmation protocol under fast-check's scheduler: Alice's first command is
 * waiting for its code; the steps (what the user says, what the workflow does) start in
 * rounds — a round starts once the previous round's steps have answered, the steps of one
 * round race each other — and the scheduler picks the order in which every adapter call takes
 * effect. Then the invariants are checked, time passes, and the end state is checked.
 */
import fc from 'fast-check';
import { recoverAbandonedExecutions } from '../../infra/local/workflow/abandoned-executions';
import { cancelCommand } from '../../functions/use-cases/cancel-command';
import { performAction } from '../../functions/use-cases/perform-action';
import { resendCode } from '../../functions/use-cases/resend-code';
import { submitCode } from '../../functions/use-cases/submit-code';
import { SPLUNK, WEB } from '../support/fakes/fake-deps';
import { commandOn, drain, scheduledWorld, sentCodes, startConfirmation } from './confirmation-world';
import { checkAfterDrain, checkInvariants, checkRecovery, type Journal } from './invariants';
import { scenarioParameters } from './runs';
import { ProcessStopped } from './workflow-model';

/** A code no message ever carried (issued codes count up from 100001). */
const WRONG = '999999';

export const STEPS = [
  /** The user reads the newest text or e-mail and says its code. */
  'latest code',
  /** The same, at the same moment, from the user's second Echo. */
  'latest code, second device',
  /** The first command's first code, which a resend or a newer command may have voided. */
  'first code',
  'wrong code',
  'resend',
  'switch to e-mail',
  'switch to text',
  'cancel',
  /** "start web" while "start splunk" waits: a superseding command. */
  'supersede',
  /** The codes' lifetime passes and the workflow's wait times out. */
  'time out',
  /** The workflow's Perform Action state, for every execution past its wait. */
  'perform action',
  /** The same state delivered again (Lambda's at-least-once invoke, a redrive). */
  'perform action again',
  /** The local host stops and starts again; start-up recovery resumes or ends what was running. */
  'engine restart',
] as const;
export type StepName = (typeof STEPS)[number];
export const WITHOUT_RESTART = STEPS.filter((name) => name !== 'engine restart');
interface Step {
  name: StepName;
  /** The round in which the step starts. */
  round: number;
}

const ROUNDS = 4;
const step = (names: fc.Arbitrary<StepName>): fc.Arbitrary<Step> => fc.record({ name: names, round: fc.nat({ max: ROUNDS - 1 }) });

/** A scenario: the steps that are always in it, and how many others (of `from`) may join. */
export type Scenario = [name: string, focus: StepName[], extra: { max: number; from: readonly StepName[] }];

/** `focus` always happens (each in a round of its own choosing); `extra` more of `from` join in. */
function scenarioSteps(focus: StepName[], extra: Scenario[2]): fc.Arbitrary<Step[]> {
  const focused = fc.tuple(...focus.map((name) => step(fc.constant(name))));
  const others = fc.array(step(fc.constantFrom(...extra.from)), { maxLength: extra.max });
  return fc.tuple(focused, others).map(([a, b]) => [...a, ...b]);
}

/** Explores a scenario under the scheduler: runsPerScenario() runs from its seed; fails if time runs out first. */
export function explore([name, focus, extra]: Scenario): Promise<void> {
  return fc.assert(fc.asyncProperty(fc.scheduler(), scenarioSteps(focus, extra), runProtocol), scenarioParameters(name));
}

async function runProtocol(s: fc.Scheduler, steps: Step[]): Promise<void> {
  const scheduled = scheduledWorld(s);
  const { world, engine, deps } = scheduled;
  const first = commandOn(SPLUNK, 'cmd-first');
  const superseding = commandOn(WEB, 'cmd-superseding');
  const commands = [first, superseding];
  const journal: Journal = { submits: [], endedAt: new Map(), clock: 0 };
  const executions = new Map([[first.commandId, await startConfirmation(scheduled, scheduled.direct, first)]]);
  const firstCode = sentCodes(world)[0]!.code;
  let supersedeStarted = false;
  const tick = () => ++journal.clock;
  const ended = (commandId: string) => journal.endedAt.has(commandId) || journal.endedAt.set(commandId, tick());

  const submit = async (code: string) => {
    const startedAt = tick();
    const outcome = await submitCode(deps(), 'alice', code);
    journal.submits.push({ code, startedAt, outcome });
    // A third wrong code ends the command: no code may work for it afterwards.
    if (outcome.kind === 'locked-out') ended(commands.find((c) => c.target === outcome.target)!.commandId);
  };
  const perform = async () => {
    await s.schedule(Promise.resolve(), 'engine runs perform-action');
    const current = deps();
    for (const command of commands) {
      const executionId = executions.get(command.commandId);
      if (executionId) await engine.performAction(executionId, () => performAction(current, { command }));
    }
  };
  const run: Record<StepName, () => Promise<unknown>> = {
    'latest code': () => submit(sentCodes(world).at(-1)!.code),
    'latest code, second device': () => submit(sentCodes(world).at(-1)!.code),
    'first code': () => submit(firstCode),
    'wrong code': () => submit(WRONG),
    resend: () => resendCode(deps(), 'alice'),
    'switch to e-mail': () => resendCode(deps(), 'alice', 'email'),
    'switch to text': () => resendCode(deps(), 'alice', 'sms'),
    cancel: async () => {
      const pending = await world.challenges.get('alice');
      if ((await cancelCommand(deps(), 'alice')).kind === 'cancelled' && pending) ended(pending.commandId);
    },
    // The request starts one execution; said twice in a run, the second finds it started.
    supersede: async () => {
      if (supersedeStarted) return;
      supersedeStarted = true;
      executions.set(superseding.commandId, await startConfirmation(scheduled, deps(), superseding));
      ended(first.commandId);
    },
    'time out': async () => {
      world.clock.advance(world.settings.codeTtlSeconds * 1000);
      for (const [commandId, executionId] of executions) {
        ended(commandId);
        await engine.timeOut(executionId);
      }
    },
    'perform action': perform,
    'perform action again': perform,
    // What the stopped process had in flight is lost; recovery resumes or ends every execution the store shows RUNNING.
    'engine restart': async () => {
      const resumedBefore = engine.resumes.length;
      await scheduled.restart((fresh) => recoverAbandonedExecutions(engine.recoveryParts(fresh)));
      await checkRecovery(scheduled, resumedBefore);
      for (const execution of engine.all()) if (execution.status !== 'RUNNING') ended(execution.command.commandId);
    },
  };
  // A step waits for its turn; one cut off by a restart just ends.
  const start = async ({ name }: Step) => {
    await s.schedule(Promise.resolve(), `start: ${name}`);
    await run[name]().catch((error: unknown) => {
      if (!(error instanceof ProcessStopped)) throw error;
    });
  };

  for (let round = 0; round < ROUNDS; round++) await s.waitFor(Promise.all(steps.filter((st) => st.round === round).map(start)));
  // The workflow goes on after the user has been answered; a retried step races the first.
  await s.waitFor(Promise.all([perform(), perform()]));
  await checkInvariants(scheduled, journal, commands, executions);
  await s.waitFor(drain(scheduled));
  checkAfterDrain(scheduled);
}
