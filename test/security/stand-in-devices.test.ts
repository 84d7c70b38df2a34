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

  it('yield the thing to a real device with its own certificate, and come back when it leaves', async () => {
    expect(await row('front-door')).toMatchObject({ connected: true, reported: { lock: 'locked' } });

    // A second device for the same thing: its own key, its own CSR, a second certificate on the thing.
    const identity = await DeviceIdentity.open(elsewhere, 'front-door');
    const registered = await fixture.devices.registrar.register({ thingName: 'front-door', csr: identity.csrPem });
    if (registered.kind !== 'registered') throw new Error(registered.error);
    identity.saveCertificate(registered.certificatePem, registered.caCertificatePem);
    const real = await DeviceAgent.connect({ thingName: 'front-door', type: 'lock', brokerUrl: fixture.devices.mqttUrl!, credentials: identity.credentials()!, reconnect: true });
    const deltas: string[] = [];
    real.on('delta', (value) => deltas.push(value));

    await new Promise((resolve) => setTimeout(resolve, 1500)); // longer than the stand-in's grace period
    expect(real.connected).toBe(true);
    await fixture.devices.gateway.setDesired('front-door', 'lock', 'unlocked');
    await until(() => Promise.resolve(deltas.length > 0));
    expect(deltas).toEqual(['unlocked']);
    expect((await fixture.devices.registry.get('front-door'))?.certificates).toHaveLength(2);

    await real.stop();
    const left = Date.now();
    await until(async () => (await row('front-door')).connected && Date.parse((await row('front-door')).lastReportAt!) >= Math.floor(left / 1000) * 1000, 4000);
    expect((await row('front-door')).reported).toEqual({ lock: 'unlocked' });
  }, 15_000);
});

async function until(probe: () => Promise<boolean>, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
