import { join } from 'node:path';
import { totpCode } from '../../functions/domain/totp';
import type { DeviceAgent } from '../../infra/local/devices/agent/device-agent';
import { runDevice } from '../../infra/local/devices/agent/device-runner';
import type { DeviceRow } from '../../infra/local/devices/local-devices';
import { ALICE_PHONE, stackPerTest, type LocalStackHarness } from '../support/local-stack-harness';

const devicesOf = async (vg: LocalStackHarness) => (await vg.get<{ devices: DeviceRow[] }>('/api/devices')).devices;
const rowOf = async (vg: LocalStackHarness, thingName: string) => (await devicesOf(vg)).find((row) => row.thingName === thingName);

/** `npm run device -- <thing>` in this process: key and CSR on the device, CSR signed over HTTP, MQTTS with its own certificate. */
function realDevice(vg: LocalStackHarness, thingName: string, newThing?: { owner: string; name: string; type: string }): Promise<DeviceAgent> {
  return runDevice({
    baseUrl: vg.stack.url,
    operatorToken: vg.operatorToken,
    devicesDir: join(vg.config.dataDir, 'devices'),
    thingName,
    ...(newThing && { newThing }),
    defaultMqttUrl: 'mqtts://127.0.0.1:1',
    actDelayMs: 0,
    log: () => undefined,
  });
}

async function eventually(probe: () => Promise<boolean>, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Devices by voice (the devices issue), over HTTP with Alexa envelopes and over MQTT. */
describe('devices', () => {
  const start = stackPerTest();
  const agents: DeviceAgent[] = [];
  afterEach(async () => {
    await Promise.all(agents.splice(0).map((agent) => agent.stop()));
  });

  it("lists the seeded devices: alice's front door (a lock, locked) and 3D printer (idle)", async () => {
    const vg = await start({}, { devices: { simulate: false } });

    expect(await devicesOf(vg)).toEqual([
      expect.objectContaining({ thingName: '3d-printer', name: '3D printer', owner: 'alice', type: 'printer', reported: { status: 'idle' }, desired: {} }),
      expect.objectContaining({ thingName: 'front-door', name: 'front door', owner: 'alice', type: 'lock', reported: { lock: 'locked' }, desired: {} }),
    ]);
    expect((await rowOf(vg, 'front-door'))?.lastReportAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('command → code → authorize → the device receives the delta over MQTT → reports → the workflow succeeds', async () => {
    const vg = await start({}, { devices: { simulate: false } });
    const printer = await realDevice(vg, '3d-printer');
    agents.push(printer);
    const deltas: string[] = [];
    printer.on('delta', (value) => deltas.push(value));
    const row = await rowOf(vg, '3d-printer');
    expect(row).toMatchObject({ connected: true, certificateId: expect.stringMatching(/^[0-9a-f]{64}$/) });

    expect(await vg.say('alice', 'DeviceCommandIntent', { action: 'start', device: '3D printer' })).toBe(
      'To confirm starting the 3D printer I sent a 6-digit code to your phone ending in 0 1. Say authorize and the code.',
    );
    expect(deltas).toEqual([]);
    const code = await vg.lastCodeSentTo(ALICE_PHONE);
    expect((await vg.outbox()).at(-1)?.body).toMatch(/^VoiceGate code \d{6} to start the 3D printer\./);

    expect(await vg.say('alice', 'AuthorizeIntent', { code })).toBe('Code accepted. I have started the 3D printer.');

    expect(deltas).toEqual(['printing']);
    const execution = await vg.settled((await vg.latestExecution()).executionId);
    expect(execution).toMatchObject({ status: 'SUCCEEDED', action: 'start', target: 'the 3D printer' });
    expect(await vg.trailOf(execution.commandId)).toEqual(['Command Requested', 'Code Sent', 'Code Verified', 'Action Succeeded']);
    expect(await rowOf(vg, '3d-printer')).toMatchObject({ reported: { status: 'printing' }, desired: { status: 'printing' } });
    expect(await vg.say('alice', 'DeviceStatusIntent', { device: '3D printer' })).toMatch(/^The 3D printer is printing\. It reported (just now|\d seconds ago)\.$/);
  });

  it('registers a new thing from a CSR for its owner; the private key never reaches the stack', async () => {
    const vg = await start({}, { devices: { simulate: false } });

    const garage = await realDevice(vg, 'bobs-garage', { owner: 'bob', name: 'garage door', type: 'garage door' });
    agents.push(garage);

    await eventually(async () => (await rowOf(vg, 'bobs-garage'))?.reported.door === 'closed');
    expect(await rowOf(vg, 'bobs-garage')).toMatchObject({ owner: 'bob', name: 'garage door', type: 'garage door', connected: true });
    expect(await vg.say('bob', 'DeviceCommandIntent', { action: 'open', device: 'garage door' })).toMatch(/^To confirm opening the garage door I sent/);
    const refused = await vg.post('/api/devices/carols-door/certificate', { csr: 'not a CSR', owner: 'bob', name: 'door', type: 'lock' });
    expect(refused).toEqual({ status: 400, body: { error: expect.stringMatching(/certificate signing request/) } });
    const takeover = await vg.post('/api/devices/front-door/certificate', { csr: 'x', owner: 'bob' });
    expect(takeover).toEqual({ status: 409, body: { error: 'thing "front-door" exists with another owner' } });
    expect(await rowOf(vg, 'carols-door')).toBeUndefined();
    const thing = await vg.stack.devices.registry.get('bobs-garage');
    expect(thing?.certificates).toEqual([{ certificateId: expect.stringMatching(/^[0-9a-f]{64}$/), attachedAt: expect.any(String) }]);
    expect(JSON.stringify(await devicesOf(vg))).not.toMatch(/PRIVATE KEY/);
  });

  it('device offline: the workflow ends "Action Failed" after the bounded wait, and the request is withdrawn', async () => {
    const vg = await start({}, { devices: { simulate: false }, settings: { deviceResponseWaitMs: 300 } });
    await vg.say('alice', 'DeviceCommandIntent', { action: 'start', device: '3D printer' });

    expect(await vg.say('alice', 'AuthorizeIntent', { code: await vg.lastCodeSentTo(ALICE_PHONE) })).toBe(
      'Code accepted, but starting the 3D printer failed: the 3D printer did not respond. Check that it is powered and online, then ask again.',
    );

    const execution = await vg.settled((await vg.latestExecution()).executionId);
    expect(execution).toMatchObject({ status: 'FAILED', error: 'ActionFailed' });
    expect(await vg.trailOf(execution.commandId)).toEqual(['Command Requested', 'Code Sent', 'Code Verified', 'Action Failed']);
    expect(JSON.stringify((await vg.execution(execution.executionId)).history)).toContain('the 3D printer did not respond');
    expect(await rowOf(vg, '3d-printer')).toMatchObject({ reported: { status: 'idle' }, desired: {} });
  });

  it('another user\'s device name → "I can\'t find that device", no code sent, nothing started', async () => {
    const vg = await start({}, { devices: { simulate: false } });

    expect(await vg.say('bob', 'DeviceCommandIntent', { action: 'unlock', device: 'front door' })).toBe("I can't find that device.");
    expect(await vg.say('bob', 'DeviceStatusIntent', { device: 'front door' })).toBe("I can't find that device.");
    expect(await vg.outbox()).toEqual([]);
    expect(await vg.executions()).toEqual([]);
    expect(await vg.audit()).toEqual([]);
  });

  it('the stand-in devices make the issue\'s conversation work with one command (here with SMS allowed for unlocking)', async () => {
    const vg = await start({ settings: { factorPolicy: { default: ['sms'], actions: {}, targets: {}, emailEnabled: true } } });
    await vg.stack.devices.start();

    expect(await vg.say('alice', 'DeviceCommandIntent', { action: 'unlock', device: 'front door' })).toBe(
      'To confirm unlocking the front door I sent a 6-digit code to your phone ending in 0 1. Say authorize and the code.',
    );
    expect(await vg.say('alice', 'AuthorizeIntent', { code: await vg.lastCodeSentTo(ALICE_PHONE) })).toBe('Code accepted. The front door is unlocked.');
    const sent = (await vg.outbox()).length;

    expect(await vg.say('alice', 'DeviceStatusIntent', { device: 'front door' })).toMatch(/^The front door is unlocked\. It reported (just now|\d seconds ago)\.$/);
    expect(await vg.outbox()).toHaveLength(sent);
  });

  it('with the default factor policy, unlocking takes the code from the authenticator app', async () => {
    const vg = await start();
    const secret = await vg.enrollAuthenticator('alice');
    const stepUpText = await vg.outbox();
    await vg.stack.devices.start();

    expect(await vg.say('alice', 'DeviceCommandIntent', { action: 'unlock', device: 'front door' })).toBe(
      'To confirm unlocking the front door, say the code from your authenticator app.',
    );
    expect(await vg.say('alice', 'AuthorizeIntent', { code: totpCode(secret, Date.now() + 30_000) })).toBe('Code accepted. The front door is unlocked.');
    expect(await vg.outbox()).toEqual(stepUpText);
  });
});
