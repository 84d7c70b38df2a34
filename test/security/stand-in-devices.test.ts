import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeviceAgent } from '../../infra/local/devices/agent/device-agent';
import { DeviceIdentity } from '../../infra/local/devices/agent/device-identity';
import { startDevicesFixture, type DevicesFixture } from '../support/local-devices-fixture';

/**
 * The stand-ins for the seeded things never fight a real device: a device with its own
 * certificate takes its thing over, and the stand-in comes back only once it has left.
 */
describe('stand-in devices', () => {
  let fixture: DevicesFixture;
  let elsewhere: string;
  beforeAll(async () => {
    fixture = await startDevicesFixture({ simulate: true });
    elsewhere = mkdtempSync(join(tmpdir(), 'voicegate-real-device-'));
  }, 20_000);
  afterAll(async () => {
    await fixture?.close();
    rmSync(elsewhere, { recursive: true, force: true });
  });

  const row = async (thingName: string) => (await fixture.devices.list()).find((candidate) => candidate.thingName === thingName)!;

  it('yield the thing to a device registered elsewhere, whose certificate replaces theirs, and stay away after it leaves', async () => {
    expect(await row('front-door')).toMatchObject({ connected: true, reported: { lock: 'locked' } });

    // A second device for the same thing: its own key, its own CSR; its certificate replaces the stand-in's.
    const identity = await DeviceIdentity.open(elsewhere, 'front-door');
    const registered = await fixture.devices.register({ thingName: 'front-door', csr: identity.csrPem });
    if (registered.kind !== 'registered') throw new Error(registered.error);
    identity.saveCertificate(registered.certificatePem, registered.caCertificatePem);
    const real = await DeviceAgent.connect({
      thingName: 'front-door',
      type: 'lock',
      brokerUrl: fixture.devices.mqttUrl!,
      credentials: identity.credentials()!,
      reconnect: true,
    });
    const deltas: string[] = [];
    real.on('delta', (value) => deltas.push(value));

    await new Promise((resolve) => setTimeout(resolve, 1500)); // longer than the stand-in's grace period
    expect(real.connected).toBe(true);
    await fixture.devices.gateway.setDesired('front-door', 'lock', 'unlocked');
    await until(() => Promise.resolve(deltas.length > 0));
    expect(deltas).toEqual(['unlocked']);
    expect((await fixture.devices.registry.get('front-door'))?.certificates).toEqual([expect.objectContaining({ certificateId: registered.certificateId })]);

    await real.stop();
    await new Promise((resolve) => setTimeout(resolve, 2500)); // past the stand-in's grace period
    expect(await row('front-door')).toMatchObject({ connected: false, reported: { lock: 'unlocked' } });
  }, 15_000);
});

async function until(probe: () => Promise<boolean>, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
