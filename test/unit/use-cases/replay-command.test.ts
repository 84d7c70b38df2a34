import type { InstanceCommand } from '../../../functions/domain/command';
import { issueChallenge } from '../../../functions/use-cases/issue-challenge';
import { replayCommand } from '../../../functions/use-cases/replay-command';
import { BOB, SPLUNK, WEB, fakeWorld, type FakeWorld } from '../../support/fakes/fake-deps';

const stored = (overrides: Partial<InstanceCommand> = {}): InstanceCommand => ({
  commandId: 'cmd-original',
  userId: 'alice',
  action: 'start',
  target: 'splunk',
  policyTarget: 'splunk',
  instanceId: SPLUNK.instanceId,
  requestedAt: '2025-12-31T23:00:00.000Z',
  ...overrides,
});

describe("replayCommand (an operator's replay of a stored execution)", () => {
  let world: FakeWorld;
  beforeEach(() => {
    world = fakeWorld();
    world.workflow.firstTask = (request) => issueChallenge(world.deps, request);
  });

  it('starts a copy of the stored command under a new id, marked as a replay, that its user confirms afresh', async () => {
    const outcome = await replayCommand(world.deps, stored(), 'exec-original');

    expect(outcome).toEqual({ kind: 'started', executionId: expect.any(String) });
    const [input] = world.workflow.inputs();
    expect(input?.command).toEqual({
      ...stored(),
      commandId: expect.not.stringMatching(/^cmd-original$/),
      requestedAt: new Date(world.clock.now()).toISOString(),
      replayOf: 'exec-original',
    });
    expect(await world.challenges.get('alice')).toMatchObject({
      commandId: input?.command.commandId,
      executionId: (outcome as { executionId: string }).executionId,
    });
    expect(world.outbox.messages).toHaveLength(1);
  });

  it.each([
    ['the user may no longer control the target (S11)', stored({ userId: BOB.userId }), 'target not allowed by policy'],
    ['the instance no longer carries the alias', stored({ instanceId: WEB.instanceId }), 'the instance does not carry that alias'],
    ['the user is gone', stored({ userId: 'mallory' }), 'the user does not exist'],
  ])('refuses, starting nothing, when %s', async (_, command, reason) => {
    expect(await replayCommand(world.deps, command, 'exec-original')).toEqual({ kind: 'refused', reason });

    expect(world.workflow.inputs()).toEqual([]);
  });
});
