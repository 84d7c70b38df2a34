/**
 * The confirmation protocol's real use cases on the in-memory adapters, with every adapter
 * call held by a fast-check scheduler: the scheduler decides when each store read or write,
 * workflow call and fleet action takes effect, so a run is one interleaving of the protocol.
 * The workflow is the model of the ASL and the local engine (workflow-model.ts); a restart
 * stops the process, so calls it had in flight take no effect.
 */
import type fc from 'fast-check';
import type { Challenge } from '../../functions/domain/challenge';
import type { Command, InstanceCommand } from '../../functions/domain/command';
import type { Deps } from '../../functions/use-cases/deps';
import { issueChallenge } from '../../functions/use-cases/issue-challenge';
import { performAction } from '../../functions/use-cases/perform-action';
import type { Settings } from '../../functions/use-cases/settings';
import { fakeWorld, type SPLUNK, type WEB, type FakeWorld } from '../support/fakes/fake-deps';
import { ProcessStopped, WorkflowModel } from './workflow-model';

/** Which process a call belongs to: it waits until that process serves, and fails once it stopped. */
interface Process {
  running(): boolean;
  serving: Promise<unknown>;
}
const ALWAYS: Process = { running: () => true, serving: Promise.resolve() };

/** Every method call on `target` takes effect only when the scheduler lets it, and only while its process runs. */
export function heldBy<T extends object>(s: fc.Scheduler, name: string, target: T, process: Process = ALWAYS): T {
  return new Proxy(target, {
    get(object, key) {
      const value = Reflect.get(object, key, object) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        Promise.all([s.schedule(Promise.resolve(), `${name}.${String(key)}`), process.serving]).then(() => {
          if (!process.running()) throw new ProcessStopped(`the process stopped before ${name}.${String(key)}`);
          return value.apply(object, args);
        });
    },
  });
}

const HELD: (keyof Deps)[] = ['challenges', 'workflow', 'ledger', 'instances', 'sendLimiter', 'attemptLimiter', 'messages', 'audit', 'factors'];

export interface ScheduledWorld {
  world: FakeWorld;
  engine: WorkflowModel;
  /** The adapters as the running process sees them: its requests wait until start-up recovery is done. */
  deps(): Deps;
  /** The same adapters with no scheduler in between, to set a run up before its steps race. */
  direct: Deps;
  /** Stops the process and starts a new one, which first runs `recover` (start-up recovery) on its adapters. */
  restart(recover: (deps: Deps) => Promise<unknown>): Promise<void>;
  /** Every action that reached the fleet, whether or not EC2 would have accepted it. */
  actionsTried: { action: string; instanceId: string }[];
  /** Every challenge write that took effect (a new challenge, or a conditional save that won), in order. */
  challengeWrites: Challenge[];
}

/** A world whose use cases see scheduled adapters; tests inspect the raw ones. */
export function scheduledWorld(s: fc.Scheduler, settings: Partial<Settings> = {}): ScheduledWorld {
  // No waiting on real timers inside a run: the user is answered "under way" at once.
  const world = fakeWorld({ authorizeWaitMs: 0, deliveryWaitMs: 0, ...settings });
  const engine = new WorkflowModel(world.audit, world.clock, (label) => s.schedule(Promise.resolve(), label));
  const actionsTried: ScheduledWorld['actionsTried'] = [];
  const fleet = world.fleet;
  const tried: Deps['instances'] = {
    list: () => fleet.list(),
    listAliases: () => fleet.listAliases(),
    perform: (action, instanceId) => {
      actionsTried.push({ action, instanceId });
      return fleet.perform(action, instanceId);
    },
  };
  const challengeWrites: Challenge[] = [];
  const store = world.challenges;
  const challenges: Deps['challenges'] = {
    get: (userId) => store.get(userId),
    remove: (userId, commandId) => store.remove(userId, commandId),
    replace: (challenge) => {
      challengeWrites.push(structuredClone(challenge));
      return store.replace(challenge);
    },
    save: async (next, expectedVersion) => {
      const saved = await store.save(next, expectedVersion);
      if (saved) challengeWrites.push(structuredClone(next));
      return saved;
    },
  };
  // Every code is new (100001, 100002, ...): which command a code belonged to is read off the message that carried it.
  let issued = 100_000;
  const codes: Deps['codes'] = { generate: () => String(++issued) };
  const raw: Deps = { ...world.deps, challenges, codes, instances: tried, workflow: engine };
  const heldFor = (process: Process) => {
    const held = { ...raw };
    for (const key of HELD) Object.assign(held, { [key]: heldBy(s, key, raw[key] as object, process) });
    return held;
  };
  let serving = heldFor({ running: () => engine.epoch === 0, serving: Promise.resolve() });
  const restart = async (recover: (deps: Deps) => Promise<unknown>) => {
    engine.stop();
    const epoch = engine.epoch;
    const running = () => engine.epoch === epoch;
    const recovering = recover(heldFor({ running, serving: Promise.resolve() }));
    serving = heldFor({ running, serving: recovering.catch(() => undefined) });
    await recovering;
  };
  return { world, engine, deps: () => serving, restart, actionsTried, challengeWrites, direct: raw };
}

export function commandOn(instance: typeof SPLUNK | typeof WEB, commandId: string): InstanceCommand {
  const { alias, instanceId } = instance;
  return { commandId, userId: 'alice', action: 'start', target: alias, policyTarget: alias, instanceId, requestedAt: '2026-01-01T00:00:00.000Z' };
}

/** Every code a text or e-mail carried, in the order they went out, with the target it confirms. */
export function sentCodes(world: FakeWorld): { code: string; target: string }[] {
  return world.outbox.messages.map((message) => {
    const [, code, target] = /^VoiceGate code (\d+) to \w+ (.+?)\. Expires/.exec(message.body) ?? [];
    if (!code || !target) throw new Error(`not a code message: ${message.subject}`);
    return { code, target };
  });
}

/** What the workflow's first step does: start the execution and issue the challenge (the code goes out). */
export async function startConfirmation({ engine }: Pick<ScheduledWorld, 'engine'>, deps: Deps, command: Command): Promise<string> {
  const { executionId } = await engine.start({ command });
  const taskToken = engine.tokenOf(executionId);
  try {
    await issueChallenge(deps, { command, executionId, taskToken });
  } catch (error) {
    // The state machine catches DeliveryFailed and ends the execution with it.
    if (!(error instanceof Error && error.name === 'DeliveryFailed')) throw error;
    await deps.workflow.sendTaskFailure(taskToken, error.name, error.message);
  }
  return executionId;
}

/** Time passes with nobody speaking: every wait times out and every verified execution acts. */
export async function drain({ world, engine, deps }: ScheduledWorld): Promise<void> {
  world.clock.advance(world.settings.codeTtlSeconds * 1000);
  for (const executionId of engine.waiting()) await engine.timeOut(executionId);
  for (const executionId of engine.verified()) {
    const { command } = engine.all().find((e) => e.executionId === executionId)!;
    await engine.performAction(executionId, () => performAction(deps(), { command }));
  }
}
