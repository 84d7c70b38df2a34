import fc from 'fast-check';
import { cancelCommand } from '../../functions/use-cases/cancel-command';
import { performAction } from '../../functions/use-cases/perform-action';
import { resendCode } from '../../functions/use-cases/resend-code';
import { submitCode, type SubmitOutcome } from '../../functions/use-cases/submit-code';
import { SPLUNK, WEB } from '../support/fakes/fake-deps';
import { commandOn, scheduledWorld, startConfirmation } from './confirmation-world';
import { checkInvariants, type Journal } from './invariants';
import { runsPerScenario, seedFor, timeLimitMs } from './runs';

/** The first command's code, the code a resend gives it, the superseding command's code, a wrong one. */
const FIRST = '111111';
const RESENT = '222222';
const SUPERSEDING = '333333';
const WRONG = '999999';

type Step = 'right code' | 'right code, second device' | 'resent code' | 'superseding code' | 'wrong code' | 'resend' | 'switch to e-mail' | 'cancel' | 'supersede' | 'time out' | 'perform action' | 'perform action again';

const STEPS: Step[] = ['right code', 'right code, second device', 'resent code', 'superseding code', 'wrong code', 'resend', 'switch to e-mail', 'cancel', 'supersede', 'time out', 'perform action', 'perform action again'];

/**
 * Concurrent authorize (right and wrong codes, two devices of the same user) racing the
 * workflow's timeout, a superseding command, cancel, resend and channel switch, and a
 * retried perform-action: every adapter call is scheduled, fast-check picks the order.
 */
describe('authorize under every interleaving', () => {
  it('keeps the confirmation invariants', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(fc.constantFrom(...STEPS), { minLength: 2, maxLength: 8 }), async (s, steps) => {
        const scheduled = scheduledWorld(s);
        const { world, deps } = scheduled;
        const first = commandOn(SPLUNK, 'cmd-first');
        const superseding = commandOn(WEB, 'cmd-superseding');
        const journal: Journal = { codesOf: new Map([[first.commandId, [FIRST]], [superseding.commandId, [SUPERSEDING]]]), submits: [], endedAt: new Map(), clock: 0 };
        const executionId = await startConfirmation(world, world.deps, first, FIRST);
        const executions = new Map([[first.commandId, executionId]]);
        const tick = () => ++journal.clock;
        const ended = (commandId: string) => journal.endedAt.has(commandId) || journal.endedAt.set(commandId, tick());

        const submit = async (code: string) => {
          const startedAt = tick();
          const outcome: SubmitOutcome = await submitCode(deps, 'alice', code);
          journal.submits.push({ code, startedAt, outcome });
        };
        /** The workflow's perform-action step, at a moment the scheduler picks, once the task got its verification. */
        const perform = async () => {
          await s.schedule(Promise.resolve(), 'engine runs perform-action');
          for (const command of [first, superseding]) {
            const output = world.workflow.taskOutputOf(executions.get(command.commandId) ?? '');
            if (output) await performAction(deps, { command }).catch(() => undefined);
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
            if ((await resendCode(deps, 'alice')).kind === 'sent') journal.codesOf.get(first.commandId)!.push(RESENT);
          },
          'switch to e-mail': async () => {
            world.codes.push(RESENT);
            if ((await resendCode(deps, 'alice', 'email')).kind === 'sent') journal.codesOf.get(first.commandId)!.push(RESENT);
          },
          cancel: async () => {
            const pending = await world.challenges.get('alice');
            if ((await cancelCommand(deps, 'alice')).kind === 'cancelled' && pending) ended(pending.commandId);
          },
          supersede: async () => {
            executions.set(superseding.commandId, await startConfirmation(world, deps, superseding, SUPERSEDING));
            ended(first.commandId);
          },
          // The codes' lifetime passes: the workflow's wait ends for every command still waiting.
          'time out': async () => {
            world.clock.advance(world.settings.codeTtlSeconds * 1000);
            for (const [commandId, id] of executions) {
              if ((await world.workflow.describe(id))?.status === 'RUNNING') world.workflow.timeOut(id);
              ended(commandId);
            }
          },
          'perform action': perform,
          'perform action again': perform,
        };

        await s.waitFor(Promise.all(steps.map((step) => run[step]())));
        // The workflow goes on after the user has been answered; a retried step races the first.
        await s.waitFor(Promise.all([perform(), perform()]));
        await checkInvariants(scheduled, journal, [first, superseding], executions);
      }),
      { numRuns: runsPerScenario(), seed: seedFor('authorize'), interruptAfterTimeLimit: timeLimitMs() },
    );
  }, 120_000);
});
