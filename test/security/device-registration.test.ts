import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { DeviceIdentity, type DeviceCredentials } from '../../infra/local/devices/agent/device-identity';
import { startDevicesFixture, type DevicesFixture } from '../support/local-devices-fixture';
import { LocalStackHarness } from '../support/local-stack-harness';
import { rawRequest } from '../support/raw-http';

/** Issue 11 hole 1: a device certificate was anyone's for the asking, and a device could command itself. */
describe('device registration over the local API', () => {
  let vg: LocalStackHarness;
  let elsewhere: string;
  beforeAll(async () => {
    vg = await LocalStackHarness.start({}, { devices: { simulate: false } });
    elsewhere = mkdtempSync(join(tmpdir(), 'voicegate-attacker-'));
  });
  afterAll(async () => {
    await vg.close();
    rmSync(elsewhere, { recursive: true, force: true });
  });

  const attachedTo = async (thingName: string) => (await vg.stack.devices.registry.get(thingName))?.certificates.map((c) => c.certificateId);
  const registrations = async () => (await vg.audit()).filter((event) => event.detailType === 'Device Registered');
  const askForCertificate = (thingName: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    rawRequest(`${vg.stack.url}/api/devices/${thingName}/certificate`, { method: 'POST', headers, body: JSON.stringify(body) });

  it('a device certificate cannot be issued for a thing without the operator secret or its enrollment token', async () => {
    const { csrPem } = await DeviceIdentity.open(elsewhere, 'front-door');
    const before = await attachedTo('front-door');

    for (const extra of [{}, { enrollmentToken: 'guessed' }, { owner: 'alice', name: 'front door', type: 'lock' }]) {
      const answer = await askForCertificate('front-door', { csr: csrPem, ...extra });
      expect({ extra, status: answer.status }).toEqual({ extra, status: 401 });
    }
    const fromAPage = await askForCertificate('front-door', { csr: csrPem }, { authorization: `Bearer ${vg.operatorToken}`, origin: 'http://evil.example' });

    expect(fromAPage.status).toBe(403);
    expect(await attachedTo('front-door')).toEqual(before);
    expect(await registrations()).toEqual([]);
  });

  it('an enrollment token registers only the thing it was issued for, and only once', async () => {
    const issued = await vg.post('/api/devices/3d-printer/enrollment-token');
    const { enrollmentToken } = issued.body as { enrollmentToken: string };
    const printer = await DeviceIdentity.open(elsewhere, '3d-printer');
    const door = await DeviceIdentity.open(elsewhere, 'front-door');

    expect(issued.status).toBe(201);
    expect((await askForCertificate('front-door', { csr: door.csrPem, enrollmentToken })).status).toBe(401);
    expect((await askForCertificate('3d-printer', { csr: printer.csrPem, enrollmentToken })).status).toBe(201);
    expect((await askForCertificate('3d-printer', { csr: printer.csrPem, enrollmentToken })).status).toBe(401);
    const [event] = await registrations();
    expect(event?.detail).toMatchObject({ userId: 'alice', thingName: '3d-printer', created: 'false', replacedCertificates: 0 });
    expect(JSON.stringify(event)).not.toContain(enrollmentToken);
    expect(JSON.stringify(event)).not.toContain('BEGIN');
  });
});

describe('device certificates and shadows on the broker', () => {
  let fixture: DevicesFixture;
  let elsewhere: string;
  const open: MqttClient[] = [];
  beforeAll(async () => {
    fixture = await startDevicesFixture();
    elsewhere = mkdtempSync(join(tmpdir(), 'voicegate-second-device-'));
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((client) => client.endAsync(true)));
  });
  afterAll(async () => {
    await fixture?.close();
    rmSync(elsewhere, { recursive: true, force: true });
  });

  async function connected(credentials: DeviceCredentials, clientId: string): Promise<MqttClient> {
    const client = await fixture.mqtt(credentials, clientId);
    open.push(client);
    return client;
  }

  it('a second certificate for a thing revokes the first: the old device is cut off and cannot connect again', async () => {
    const first = await fixture.enroll('front-door');
    const oldDevice = await connected(first, 'front-door');
    const closed = new Promise<void>((resolve) => oldDevice.once('close', () => resolve()));

    const identity = await DeviceIdentity.open(elsewhere, 'front-door');
    const outcome = await fixture.devices.register({ thingName: 'front-door', csr: identity.csrPem });
    if (outcome.kind !== 'registered') throw new Error(outcome.error);
    identity.saveCertificate(outcome.certificatePem, outcome.caCertificatePem);

    await closed;
    await expect(fixture.mqtt(first, 'front-door')).rejects.toThrow(/Not authorized/i);
    expect((await connected(identity.credentials()!, 'front-door')).connected).toBe(true);
    expect((await fixture.devices.registry.get('front-door'))?.certificates.map((c) => c.certificateId)).toEqual([outcome.certificateId]);
    expect(fixture.audit.filter((event) => event.detailType === 'Device Registered').at(-1)?.detail).toMatchObject({
      thingName: 'front-door',
      certificateId: outcome.certificateId,
      replacedCertificates: 1,
    });
  });

  it("a device connection cannot set its own shadow's desired state: only the stack's gateway can", async () => {
    const device = await connected(await fixture.enroll('3d-printer'), '3d-printer');
    await device.subscribeAsync('$aws/things/3d-printer/shadow/update/+');
    const answered = new Promise((resolve) => device.once('message', resolve));

    await device.publishAsync(
      '$aws/things/3d-printer/shadow/update',
      JSON.stringify({ state: { desired: { status: 'printing' }, reported: { status: 'idle' } } }),
    );

    await answered;
    const shadow = await fixture.devices.gateway.read('3d-printer');
    expect(shadow?.desired ?? {}).toEqual({});
    expect(shadow?.reported).toMatchObject({ status: 'idle' });
  });
});
