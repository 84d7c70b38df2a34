import type { Instance } from '../../../functions/domain/instance';
import { InstanceThrottledError, type InstanceGateway } from '../../../functions/ports/instance-gateway';
import { freshPerTest, type MakeFixture } from './fixture';

/** The fleet every fixture seeds: tagged instances in settled states. */
export const SEEDED_FLEET = [
  { alias: 'splunk', state: 'stopped' },
  { alias: 'web', state: 'running' },
  { alias: 'db', state: 'running' },
] as const;

export interface FleetFixture {
  gateway: InstanceGateway;
  /** The id the fleet gave the seeded instance with this alias. */
  idOf(alias: (typeof SEEDED_FLEET)[number]['alias']): string;
}

const byId = (instances: Instance[], instanceId: string) => instances.find((instance) => instance.instanceId === instanceId);

export function instanceGatewayContract(name: string, makeFixture: MakeFixture<FleetFixture>): void {
  describe(`InstanceGateway contract: ${name}`, () => {
    const fleet = freshPerTest(makeFixture);

    it('lists every seeded instance with its alias and state', async () => {
      const listed = await fleet().gateway.list();

      for (const { alias, state } of SEEDED_FLEET) {
        expect(byId(listed, fleet().idOf(alias))).toEqual({ instanceId: fleet().idOf(alias), alias, state });
      }
    });

    it('lists instances in instance-id order, so "the first one named so" means the same everywhere', async () => {
      const ids = (await fleet().gateway.list()).map((instance) => instance.instanceId);

      expect(ids).toEqual([...ids].sort((a, b) => a.localeCompare(b)));
    });

    it('lists the same instances, in the same order, by id and alias alone (what checking a command reads)', async () => {
      const { gateway } = fleet();
      const listed = await gateway.list();

      expect(await gateway.listAliases()).toEqual(listed.map(({ instanceId, alias }) => ({ instanceId, alias })));
    });

    it('answers the state right after each action, as EC2 does', async () => {
      const { gateway, idOf } = fleet();

      expect(await gateway.perform('start', idOf('splunk'))).toBe('pending');
      expect(await gateway.perform('stop', idOf('web'))).toBe('stopping');
      expect(await gateway.perform('reboot', idOf('db'))).toBe('running');
    });

    it('refuses an instance it does not have, as EC2 names it, not as throttling', async () => {
      const error = await fleet()
        .gateway.perform('start', 'i-0000000000000dead')
        .catch((e: unknown) => e);

      expect(error).not.toBeInstanceOf(InstanceThrottledError);
      expect(error).toHaveProperty('name', 'InvalidInstanceID.NotFound');
    });
  });
}
