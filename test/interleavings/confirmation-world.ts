/**
 * The confirmation protocol's real use cases on the in-memory adapters, with every adapter
 * call held by a fast-check scheduler: the scheduler decides when each store read or write,
 * workflow call and fleet action takes effect, so a run is one interleaving of the protocol.
 */
import fc from 'fast-check';
import type { Command, InstanceCommand } from '../../functions/domain/command';
import type { Deps } from '../../functions/use-cases/deps';
import { issueChallenge } from '../../functions/use-cases/issue-challenge';
import { fakeWorld, SPLUNK, WEB, type FakeWorld } from '../support/fakes/fake-deps';

/** Every method call on `target` takes effect only when the scheduler lets it. */
export function heldBy<T extends object>(s: fc.Scheduler, name: string, target: T): T {
  return new Proxy(target, {
    get(object, key) {
      const value = Reflect.get(object, key, object) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => s.schedule(Promise.resolve(), `${name}.${String(key)}`).then(() => value.apply(object, args));
    },
  });
}

const HELD: (keyof Deps)[] = ['challenges', 'workflow', 'ledger', 'instances', 'sendLimiter', 'attemptLimiter', 'messages', 'audit', 'factors'];

export interface ScheduledWorld {
  world: FakeWorld;
  deps: Deps;
  /** Every action that reached the fleet, whether or not EC2 would have accepted it. */
  actionsTried: { action: string; instanceId: string }[];
}

/** A world whose use cases see scheduled adapters; tests inspect the raw ones. */
export function scheduledWorld(s: fc.Scheduler): ScheduledWorld {
  // No waiting on real timers inside a run: the user is answered "under way" at once.
  const world = fakeWorld({ authorizeWaitMs: 0, deliveryWaitMs: 0 });
  const actionsTried: ScheduledWorld['actionsTried'] = [];
  const fleet = world.fleet;
  const tried: Deps['instances'] = {
    list: () => fleet.list(),
    perform: (action, instanceId) => {
      actionsTried.push({ action, instanceId });
      return fleet.perform(action, instanceId);
    },
  };
  const deps = { ...world.deps, instances: tried };
  for (const key of HELD) Object.assign(deps, { [key]: heldBy(s, key, deps[key] as object) });
  return { world, deps, actionsTried };
}

export function commandOn(instance: typeof SPLUNK | typeof WEB, commandId: string): InstanceCommand {
  const { alias, instanceId } = instance;
  return { commandId, userId: 'alice', action: 'start', target: alias, policyTarget: alias, instanceId, requestedAt: '2026-01-01T00:00:00.000Z' };
}

/** What the workflow's first step does: start the execution and issue the challenge (the code goes out). */
export async function startConfirmation(world: FakeWorld, deps: Deps, command: Command, code: string): Promise<string> {
  const { executionId } = await world.workflow.start({ command });
  const taskToken = world.workflow.tokenOf(executionId);
  world.codes.push(code);
  try {
    await issueChallenge(deps, { command, executionId, taskToken });
  } catch (error) {
    // The state machine catches DeliveryFailed and ends the execution with it.
    if (!(error instanceof Error && error.name === 'DeliveryFailed')) throw error;
    await deps.workflow.sendTaskFailure(taskToken, error.name, error.message);
  }
  return executionId;
}
