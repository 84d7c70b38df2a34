import { join } from 'node:path';
import { DeviceAgent } from '../../infra/local/devices/agent/device-agent';
import { DeviceIdentity } from '../../infra/local/devices/agent/device-identity';
import { startDevicesFixture } from '../support/local-devices-fixture';

it('debug takeover', async () => {
  const fixture = await startDevicesFixture({ simulate: true });
  const rows = async () => (await fixture.devices.list()).map((r) => `${r.thingName} ${r.connected} ${r.lastReportAt}`);
  console.log('start', await rows());
  const identity = await DeviceIdentity.open(join(fixture.dataDir, 'devices'), 'front-door');
  const real = await DeviceAgent.connect({ thingName: 'front-door', type: 'lock', brokerUrl: fixture.devices.mqttUrl!, credentials: identity.credentials()!, reconnect: true, log: (l) => console.log('real', l) });
  await new Promise((r) => setTimeout(r, 1500));
  console.log('after real', await rows(), [...(fixture.devices as any).broker.connectedThings()]);
  await real.stop();
  await new Promise((r) => setTimeout(r, 2500));
  console.log('after stop', await rows(), [...(fixture.devices as any).broker.connectedThings()]);
  await fixture.close();
}, 20000);
