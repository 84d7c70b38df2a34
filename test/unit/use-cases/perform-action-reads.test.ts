/**
 * performAction reads the stored verification and checks the command at once (a round trip
 * fewer on a cold start), and still refuses in the order the checks go: no verified code
 * first, then whatever the command check finds.
 */
import { performAction, type PerformActionDeps } from '../../../functions/use-cases/perform-action';
import { aliceStartsSplunk, fakeWorld, type FakeWorld } from '../../support/fakes/fake-deps';
import { storeVerifiedChallenge } from '../../support/verified-challenge';

const failingFleet = (world: FakeWorld): PerformActionDeps => ({
  ...world.deps,
  instances: { ...world.deps.instances, listAliases: async () => Promise.reject(new Error('EC2 is throttling')) },
});

describe('performAction: the verification and the command are checked together', () => {
  it('asks for the fleet before the stored verification has answered', async () => {
    const world = fakeWorld();
    await storeVerifiedChallenge(world.deps, aliceStartsSplunk(), world.clock.now());
    const events: string[] = [];
    const deps: PerformActionDeps = {
      ...world.deps,
      challenges: {
        ...world.deps.challenges,
        get: async (userId) => {
          events.push('verification asked');
          const challenge = await world.deps.challenges.get(userId);
          events.push('verification answered');
          return challenge;
        },
      },
      instances: {
        list: () => world.fleet.list(),
        listAliases: async () => {
          events.push('fleet asked');
          return world.fleet.listAliases();
        },
        perform: (action, instanceId) => world.fleet.perform(action, instanceId),
      },
    };

    expect(await performAction(deps, { command: aliceStartsSplunk() })).toEqual({ instanceState: 'pending', alreadyPerformed: false });
    expect(events.indexOf('fleet asked')).toBeLessThan(events.indexOf('verification answered'));
  });

  it('refuses a command without a verified code as such even when the fleet read fails', async () => {
    const world = fakeWorld();

    await expect(performAction(failingFleet(world), { command: aliceStartsSplunk() })).rejects.toMatchObject({
      name: 'CommandRefused',
      message: 'no verified code for this command',
    });
  });

  it('fails with the fleet read, acting on nothing, when the verification is there', async () => {
    const world = fakeWorld();
    await storeVerifiedChallenge(world.deps, aliceStartsSplunk(), world.clock.now());

    await expect(performAction(failingFleet(world), { command: aliceStartsSplunk() })).rejects.toThrow('EC2 is throttling');
    expect(await world.ledger.status('cmd-1')).toBeUndefined();
  });
});
