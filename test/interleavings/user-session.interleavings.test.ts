/**
 * Model-based: fc.commands draws what one user says, one utterance after another ("start
 * splunk", "authorize" with the newest code, an older code or a wrong one, "send it again",
 * "send it by e-mail" / "by text", "cancel", and the code's lifetime passing), runs each
 * against the real use cases on the scheduled adapters while the workflow works in the
 * background, and checks every answer against a model of the protocol: attempts left, free
 * channel switches, which code is the live one, what a superseded, expired, cancelled or
 * locked-out command answers. After the session: every execution ended with exactly one
 * terminal audit event, and at most one action per command, each confirmed by a code.
 */
import fc from 'fast-check';
import type { InstanceCommand } from '../../functions/domain/command';
import type { Channel } from '../../functions/domain/user';
import { FREE_CHANNEL_SWITCHES, resendCode } from '../../functions/use-cases/resend-code';
import { cancelCommand } from '../../functions/use-cases/cancel-command';
import { performAction } from '../../functions/use-cases/perform-action';
import { submitCode, type SubmitOutcome } from '../../functions/use-cases/submit-code';
import { SPLUNK, WEB } from '../support/fakes/fake-deps';
import { commandOn, drain, scheduledWorld, sentCodes, startConfirmation, type ScheduledWorld } from './confirmation-world';
import { checkAfterDrain } from './invariants';
import { scenarioParameters } from './runs';

const MAX_ATTEMPTS = 3;
const WRONG = '999999';

/** What the user should be told next: the live command, its attempts left and channel, or why there is none. */
interface SessionModel {
  phase: 'none' | 'pending' | 'expired';
  target: string;
  attemptsLeft: number;
  channel: Channel;
  switches: number;
  messages: number;
}

interface Session {
  scheduled: ScheduledWorld;
  commands: InstanceCommand[];
  /** The workflow's Perform Action states, running behind the user's next words. */
  background: Promise<void>[];
  accepted: { code: string; target: string }[];
}

type Step = fc.AsyncCommand<SessionModel, Session>;

class Ask implements Step {
  constructor(readonly instance: typeof SPLUNK | typeof WEB) {}
  check = () => true;
  async run(model: SessionModel, session: Session) {
    const command = commandOn(this.instance, `cmd-${session.commands.length + 1}`);
    session.commands.push(command);
    const { scheduled } = session;
    await startConfirmation(scheduled, scheduled.deps(), command);
    expect(await scheduled.world.challenges.get('alice')).toMatchObject({ commandId: command.commandId, status: 'pending', attemptsLeft: MAX_ATTEMPTS });
    Object.assign(model, { phase: 'pending', target: command.target, attemptsLeft: MAX_ATTEMPTS, channel: 'sms', switches: 0, messages: model.messages + 1 });
  }
  toString = () => `start ${this.instance.alias}`;
}

/** What a code the model does not take for the live one must be answered, and counted. */
function expectCountedWrong(model: SessionModel, outcome: SubmitOutcome) {
  if (model.phase !== 'pending') return expectNotPending(model, outcome);
  model.attemptsLeft--;
  if (model.attemptsLeft > 0) return expect(outcome).toEqual({ kind: 'rejected', attemptsLeft: model.attemptsLeft, action: 'start', target: model.target });
  model.phase = 'none';
  return expect(outcome).toEqual({ kind: 'locked-out', action: 'start', target: model.target });
}

function expectNotPending(model: SessionModel, outcome: SubmitOutcome) {
  expect(outcome).toEqual({ kind: model.phase === 'expired' ? 'expired' : 'nothing-pending' });
}

class SayLatestCode implements Step {
  check = (model: Readonly<SessionModel>) => model.messages > 0;
  async run(model: SessionModel, session: Session) {
    const { scheduled } = session;
    const code = sentCodes(scheduled.world).at(-1)!.code;
    const outcome = await submitCode(scheduled.deps(), 'alice', code);
    if (model.phase !== 'pending') return expectNotPending(model, outcome);
    expect(outcome).toMatchObject({ kind: 'accepted', action: 'start', target: model.target });
    session.accepted.push({ code, target: model.target });
    model.phase = 'none';
    // The workflow acts while the user goes on talking.
    const { engine } = scheduled;
    const command = session.commands.at(-1)!;
    const execution = engine.all().find((e) => e.command.commandId === command.commandId)!;
    session.background.push(engine.performAction(execution.executionId, () => performAction(scheduled.deps(), { command })));
  }
  toString = () => 'authorize <newest code>';
}

/** A code from an earlier message: voided by a resend, or another command's. */
class SayEarlierCode implements Step {
  check = (model: Readonly<SessionModel>) => model.messages > 1;
  async run(model: SessionModel, { scheduled }: Session) {
    const earlier = sentCodes(scheduled.world).at(-2)!.code;
    expectCountedWrong(model, await submitCode(scheduled.deps(), 'alice', earlier));
  }
  toString = () => 'authorize <an earlier code>';
}

class SayWrongCode implements Step {
  check = () => true;
  async run(model: SessionModel, { scheduled }: Session) {
    expectCountedWrong(model, await submitCode(scheduled.deps(), 'alice', WRONG));
  }
  toString = () => `authorize ${WRONG}`;
}

/** "send it again" (no channel) or "send it by e-mail / text": a new code; a free switch keeps the attempts left. */
class SendAgain implements Step {
  constructor(readonly channel?: Channel) {}
  check = () => true;
  async run(model: SessionModel, { scheduled }: Session) {
    const outcome = await resendCode(scheduled.deps(), 'alice', this.channel);
    if (model.phase !== 'pending') return expect(outcome).toEqual({ kind: 'nothing-pending' });
    const channel = this.channel ?? model.channel;
    expect(outcome).toMatchObject({ kind: 'sent', channel });
    const free = channel !== model.channel && model.switches < FREE_CHANNEL_SWITCHES;
    Object.assign(model, {
      channel,
      switches: free ? model.switches + 1 : model.switches,
      attemptsLeft: free ? model.attemptsLeft : MAX_ATTEMPTS,
      messages: model.messages + 1,
    });
  }
  toString = () => (this.channel ? `send it by ${this.channel}` : 'send it again');
}

class Cancel implements Step {
  check = () => true;
  async run(model: SessionModel, { scheduled }: Session) {
    const outcome = await cancelCommand(scheduled.deps(), 'alice');
    // The challenge of a command whose code expired still says pending: cancelling ends it.
    if (model.phase === 'none') return expect(outcome).toEqual({ kind: 'nothing-pending' });
    expect(outcome).toEqual({ kind: 'cancelled', action: 'start', target: model.target });
    model.phase = 'none';
  }
  toString = () => 'cancel';
}

/** The code's lifetime passes and the workflow's wait times out. */
class TimePasses implements Step {
  check = () => true;
  async run(model: SessionModel, { scheduled }: Session) {
    const { world, engine } = scheduled;
    world.clock.advance(world.settings.codeTtlSeconds * 1000);
    for (const executionId of engine.waiting()) await engine.timeOut(executionId);
    if (model.phase === 'pending') model.phase = 'expired';
  }
  toString = () => 'five minutes pass';
}

const sendAgain = fc.constantFrom<Channel | undefined>(undefined, 'email', 'sms').map((channel) => new SendAgain(channel));
const wrongCode = fc.constant(new SayWrongCode());
/** Wrong codes and sends weigh double: the attempt and switch counting they drive needs long runs of them to show. */
const UTTERANCES = fc.commands(
  [
    fc.constantFrom(SPLUNK, WEB).map((instance) => new Ask(instance)),
    fc.constant(new SayLatestCode()),
    fc.constant(new SayEarlierCode()),
    wrongCode,
    wrongCode,
    sendAgain,
    sendAgain,
    fc.constant(new Cancel()),
    fc.constant(new TimePasses()),
  ],
  { maxCommands: 20 },
);

async function session(s: fc.Scheduler, utterances: Iterable<Step>): Promise<void> {
  // Sends are not limited here: the model follows the protocol, the limiter has its own suites.
  const scheduled = scheduledWorld(s, { sendLimits: [{ name: 'unlimited', windowSeconds: 60, max: 1_000 }] });
  // The session opens with "start splunk" answered: its code is on the phone.
  const opening = commandOn(SPLUNK, 'cmd-1');
  await startConfirmation(scheduled, scheduled.direct, opening);
  const real: Session = { scheduled, commands: [opening], background: [], accepted: [] };
  const model: SessionModel = { phase: 'pending', target: opening.target, attemptsLeft: MAX_ATTEMPTS, channel: 'sms', switches: 0, messages: 1 };
  // Utterances one after another (asyncModelRun), each one's adapter calls released by the scheduler
  // in an order it picks among them and the workflow's background work. (scheduledModelRun would
  // hold each utterance as one scheduled task and deadlock on the calls it waits for.)
  await s.waitFor(fc.asyncModelRun(() => ({ model, real }), utterances));
  await s.waitFor(Promise.all(real.background));
  await s.waitFor(drain(scheduled));
  checkAfterDrain(scheduled);
  // At most one action per command, and each one confirmed by a code sent for its target.
  const acted = scheduled.actionsTried.map((a) => a.instanceId);
  for (const instanceId of new Set(acted)) {
    const target = [SPLUNK, WEB].find((i) => i.instanceId === instanceId)!.alias;
    expect(acted.filter((id) => id === instanceId).length).toBeLessThanOrEqual(real.accepted.filter((a) => a.target === target).length);
  }
}

describe("one user's session, utterance by utterance, against a model of the protocol", () => {
  it('answers every utterance as the model says, whatever the workflow does meanwhile', async () => {
    await fc.assert(fc.asyncProperty(fc.scheduler(), UTTERANCES, session), scenarioParameters('user session'));
  }, 120_000);
});
