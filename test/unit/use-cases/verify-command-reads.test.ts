/** verifyCommand reads the user and the target's store at once, and still answers in the order the checks go. */
import { verifyCommand } from '../../../functions/use-cases/verify-command';
import { fakeWorld, SPLUNK } from '../../support/fakes/fake-deps';

const startSplunk = (userId: string) => ({
  commandId: 'cmd-1',
  userId,
  action: 'start' as const,
  target: 'splunk',
  policyTarget: 'splunk',
  instanceId: SPLUNK.instanceId,
  requestedAt: '2026-01-01T00:00:00.000Z',
});

describe('verifyCommand: the user and the fleet are read together', () => {
  it('asks for the fleet before the user read has answered (one round trip, not two, on a cold start)', async () => {
    const { deps } = fakeWorld();
    const events: string[] = [];
    const users = {
      ...deps.users,
      get: async (userId: string) => {
        events.push('user asked');
        const user = await deps.users.get(userId);
        events.push('user answered');
        return user;
      },
    };
    const instances = {
      ...deps.instances,
      listAliases: async () => {
        events.push('fleet asked');
        return deps.instances.listAliases();
      },
    };

    expect(await verifyCommand({ ...deps, users, instances }, startSplunk('alice'))).toMatchObject({ ok: true, policyTarget: 'splunk' });
    expect(events.indexOf('fleet asked')).toBeLessThan(events.indexOf('user answered'));
  });

  const failingFleet = (deps: ReturnType<typeof fakeWorld>['deps']) => ({
    ...deps,
    instances: { ...deps.instances, listAliases: async () => Promise.reject(new Error('EC2 is throttling')) },
  });

  it('refuses an unknown user as unknown even when the fleet read fails', async () => {
    expect(await verifyCommand(failingFleet(fakeWorld().deps), startSplunk('mallory'))).toEqual({ ok: false, reason: 'the user does not exist' });
  });

  it("refuses a target outside the user's policy by policy even when the fleet read fails", async () => {
    expect(await verifyCommand(failingFleet(fakeWorld().deps), startSplunk('bob'))).toEqual({ ok: false, reason: 'target not allowed by policy' });
  });

  it('fails with the fleet read when the user may control the target', async () => {
    await expect(verifyCommand(failingFleet(fakeWorld().deps), startSplunk('alice'))).rejects.toThrow('EC2 is throttling');
  });
});
