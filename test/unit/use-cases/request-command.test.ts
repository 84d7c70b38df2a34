import { mayControl } from '../../../functions/domain/user';
import type { SendRateLimiter } from '../../../functions/ports/send-rate-limiter';
import { listInstances } from '../../../functions/use-cases/list-instances';
import { requestCommand } from '../../../functions/use-cases/request-command';
import { enrolledAuthenticator } from '../../support/fakes/device-factor-world';
import { ALICE, BOB, SPLUNK, WEB, fakeWorld, type FakeWorld } from '../../support/fakes/fake-deps';

async function exhaust(limiter: SendRateLimiter, userId: string): Promise<void> {
  for (let i = 0; i < 1_000 && (await limiter.tryConsume(userId)); i++);
}

describe('mayControl (S11)', () => {
  it('allows a target the policy names, or every target for "*", and nothing else', () => {
    expect(mayControl({ targets: ['web'] }, 'web')).toBe(true);
    expect(mayControl({ targets: ['*'] }, 'splunk')).toBe(true);
    expect(mayControl({ targets: ['web'] }, 'splunk')).toBe(false);
    expect(mayControl({ targets: [] }, 'web')).toBe(false);
  });
});

describe('requestCommand', () => {
  let world: FakeWorld;
  beforeEach(() => {
    world = fakeWorld();
  });

  it('refuses a target outside the user policy (S11), audits the denial and starts no workflow', async () => {
    expect(await requestCommand(world.deps, BOB, 'start', 'splunk')).toEqual({ kind: 'not-allowed', target: 'splunk' });

    expect(world.audit.detailTypes()).toEqual(['Command Denied']);
    expect(world.audit.events[0]!.detail).toMatchObject({ reason: 'target not allowed by policy' });
  });

  it('acts on the instance whose alias was spoken, not on the first one listed', async () => {
    const outcome = await requestCommand(world.deps, ALICE, 'stop', '  Web ');

    expect(outcome).toMatchObject({ kind: 'delivery-pending', command: { target: 'web', instanceId: WEB.instanceId, action: 'stop' } });
  });

  it('answers unknown-target for a name no instance carries', async () => {
    expect(await requestCommand(world.deps, ALICE, 'start', 'mainframe')).toEqual({ kind: 'unknown-target', target: 'mainframe' });
  });

  it('refuses before starting a workflow once the send limit is reached for an SMS user (S8)', async () => {
    await exhaust(world.deps.sendLimiter, ALICE.userId);

    expect(await requestCommand(world.deps, ALICE, 'start', 'splunk')).toMatchObject({ kind: 'send-limit' });
    expect(world.audit.events.at(-1)!.detail).toMatchObject({ reason: 'code send limit reached' });
  });

  it('does not hold the attempt limit against a user whose code is sent', async () => {
    await exhaust(world.deps.attemptLimiter, ALICE.userId);

    expect(await requestCommand(world.deps, ALICE, 'start', 'splunk')).toMatchObject({ kind: 'delivery-pending' });
  });

  it('does not hold the send limit against a user who confirms with an authenticator app', async () => {
    await enrolledAuthenticator(world);
    await exhaust(world.deps.sendLimiter, ALICE.userId);

    expect(await requestCommand(world.deps, ALICE, 'start', 'splunk')).toMatchObject({ kind: 'delivery-pending' });
  });
});

describe('listInstances', () => {
  it('lists only the instances the user policy allows, with their state', async () => {
    const world = fakeWorld();

    expect(await listInstances(world.deps, BOB)).toEqual([WEB]);
    expect(await listInstances(world.deps, ALICE)).toEqual([SPLUNK, WEB]);
  });
});
