import type { DeviceGateway } from '../../../functions/ports/device-gateway';
import { freshPerTest, type MakeFixture } from './fixture';

/** The gateway under test, and the device's side of the same shadow. */
export interface ShadowFixture {
  gateway: DeviceGateway;
  /** Creates a thing (in the registry) that has no shadow yet. */
  createThing(thingName: string): Promise<void>;
  /** What the device does after acting: `{ state: { reported } }`. */
  report(thingName: string, reported: Record<string, unknown>): Promise<void>;
}

export function deviceGatewayContract(name: string, makeFixture: MakeFixture<ShadowFixture>): void {
  describe(`DeviceGateway contract: ${name}`, () => {
    const fixture = freshPerTest(makeFixture);
    const thing = 'front-door';
    beforeEach(async () => fixture().createThing(thing));

    it('has no shadow for a thing that never reported nor was asked anything', async () => {
      expect(await fixture().gateway.read(thing)).toBeUndefined();
    });

    it('sets desired state, keeping what the device reported until it reports again', async () => {
      const { gateway, report } = fixture();
      await report(thing, { lock: 'locked' });

      await gateway.setDesired(thing, 'lock', 'unlocked');

      expect(await gateway.read(thing)).toMatchObject({ desired: { lock: 'unlocked' }, reported: { lock: 'locked' } });
      await report(thing, { lock: 'unlocked' });
      expect(await gateway.read(thing)).toMatchObject({ desired: { lock: 'unlocked' }, reported: { lock: 'unlocked' } });
    });

    it('tells when the device last reported (epoch ms) and counts versions', async () => {
      const { gateway, report } = fixture();
      const before = Date.now();
      await report(thing, { lock: 'locked' });
      await gateway.setDesired(thing, 'lock', 'unlocked');

      const shadow = await gateway.read(thing);

      expect(shadow?.version).toBe(2);
      expect(shadow?.lastReportAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
      expect(shadow?.lastReportAt).toBeLessThanOrEqual(Date.now());
    });

    it('withdraws a desired value with null', async () => {
      const { gateway, report } = fixture();
      await report(thing, { lock: 'locked' });
      await gateway.setDesired(thing, 'lock', 'unlocked');

      await gateway.setDesired(thing, 'lock', null);

      expect((await gateway.read(thing))?.desired).toEqual({});
    });
  });
}
