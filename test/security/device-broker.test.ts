import { generateKeyPairSync } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import forge from 'node-forge';
import { DeviceAgent } from '../../infra/local/devices/agent/device-agent';
import type { DeviceCredentials } from '../../infra/local/devices/agent/device-identity';
import { startDevicesFixture, type DevicesFixture } from '../support/local-devices-fixture';

/**
 * The local broker enforces the thing policy over real TLS: a certificate connects only as
 * its own thing and reaches only that thing's shadow topics (the same document the CDK
 * stack deploys, see test/infra/devices.test.ts).
 */
describe('the local MQTT broker authorizes like AWS IoT Core', () => {
  let fixture: DevicesFixture;
  let frontDoor: DeviceCredentials;
  let printer: DeviceCredentials;
  const open: MqttClient[] = [];

  beforeAll(async () => {
    fixture = await startDevicesFixture();
    [frontDoor, printer] = await Promise.all([fixture.enroll('front-door'), fixture.enroll('3d-printer')]);
  }, 20_000);
  afterEach(async () => {
    await Promise.all(open.splice(0).map((client) => client.endAsync(true)));
  });
  afterAll(async () => fixture?.close());

  async function connected(credentials: DeviceCredentials, clientId: string): Promise<MqttClient> {
    const client = await fixture.mqtt(credentials, clientId);
    open.push(client);
    return client;
  }

  it('lets a certificate connect with its own thing name as client id', async () => {
    const client = await connected(frontDoor, 'front-door');

    expect(client.connected).toBe(true);
    await waitFor(() => fixture.devices.list().then((rows) => rows.find((row) => row.thingName === 'front-door')?.connected));
  });

  it.each(['3d-printer', 'front-door-2', 'anything'])('refuses the front door certificate connecting as "%s"', async (clientId) => {
    await expect(fixture.mqtt(frontDoor, clientId)).rejects.toThrow(/Not authorized/i);
  });

  it('refuses a client certificate the local CA did not sign, in the TLS handshake', async () => {
    await expect(fixture.mqtt({ ...frontDoor, ...selfSigned('front-door') }, 'front-door')).rejects.toThrow();
  });

  it("refuses subscriptions to another thing's topics and to wildcards across things (SUBACK 128)", async () => {
    const client = await connected(frontDoor, 'front-door');

    const subscribe = (topic: string) =>
      client.subscribeAsync(topic).then(
        () => 'granted',
        (error: Error) => error.message,
      );

    expect(await subscribe('$aws/things/front-door/shadow/update/delta')).toBe('granted');
    for (const topic of ['$aws/things/3d-printer/shadow/update/delta', '$aws/things/+/shadow/update/delta', '#']) {
      expect(await subscribe(topic)).toBe('Subscribe error: Unspecified error');
    }
    expect(client.connected).toBe(true);
  });

  it("closes the connection of a device that publishes on another thing's topic, and the message goes nowhere", async () => {
    const printerAgent = await DeviceAgent.connect({ thingName: '3d-printer', type: 'printer', brokerUrl: fixture.devices.mqttUrl!, credentials: printer });
    const deltas: string[] = [];
    printerAgent.on('delta', (value) => deltas.push(value));
    const intruder = await connected(frontDoor, 'front-door');
    const closed = new Promise<void>((resolve) => intruder.once('close', () => resolve()));

    intruder.publish('$aws/things/3d-printer/shadow/update', JSON.stringify({ state: { desired: { status: 'printing' } } }));

    await closed;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(deltas).toEqual([]);
    expect((await fixture.devices.shadows.get('3d-printer'))?.state.desired).toBeUndefined();
    await printerAgent.stop();
  });

  it('delivers a desired change to the thing it is for, and records what the device reports', async () => {
    const agent = await DeviceAgent.connect({ thingName: 'front-door', type: 'lock', brokerUrl: fixture.devices.mqttUrl!, credentials: frontDoor });
    const reported = new Promise((resolve) => agent.on('reported', (value) => value === 'unlocked' && resolve(value)));

    await fixture.devices.gateway.setDesired('front-door', 'lock', 'unlocked');

    await reported;
    await waitFor(async () => (await fixture.devices.gateway.read('front-door'))?.reported.lock === 'unlocked');
    await agent.stop();
  });
});

function selfSigned(commonName: string): { key: string; cert: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  cert.setSubject([{ name: 'commonName', value: commonName }]);
  cert.setIssuer([{ name: 'commonName', value: 'VoiceGate Local Device CA' }]);
  cert.sign(forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()), forge.md.sha256.create());
  return { key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), cert: forge.pki.certificateToPem(cert) };
}

async function waitFor(probe: () => Promise<unknown>, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
