import { DynamoDbDeviceDirectory } from '../../functions/adapters/aws/dynamodb/dynamodb-device-directory';
import { TABLES } from '../../functions/adapters/aws/dynamodb/tables';
import { systemClock } from '../../functions/ports/clock';
import { LocalThingRegistry } from '../../infra/local/devices/registry/thing-registry';
import { LocalShadowGateway } from '../../infra/local/devices/shadow/local-shadow-gateway';
import { ShadowService } from '../../infra/local/devices/shadow/shadow-service';
import { ShadowStore } from '../../infra/local/devices/shadow/shadow-store';
import { dynaliteTable } from '../support/dynamodb-tables';
import { InMemoryDevices } from '../support/fakes/in-memory-devices';
import { deviceDirectoryContract } from './suites/device-directory.contract';
import { deviceGatewayContract } from './suites/device-gateway.contract';

deviceDirectoryContract('DynamoDbDeviceDirectory on dynalite', async () => {
  const { client, tableName, cleanup } = await dynaliteTable(TABLES.devices);
  return { subject: new DynamoDbDeviceDirectory(client, tableName), cleanup };
});

deviceDirectoryContract('LocalThingRegistry on dynalite', async () => {
  const { client, tableName, cleanup } = await dynaliteTable({ name: 'things', partitionKey: 'thingName' });
  return { subject: new LocalThingRegistry(client, tableName), cleanup };
});

deviceGatewayContract('LocalShadowGateway (the local Device Shadow service)', async () => {
  const { client, tableName, cleanup } = await dynaliteTable({ name: 'shadows', partitionKey: 'thingName' });
  const shadows = new ShadowService(new ShadowStore(client, tableName), systemClock);
  const subject = {
    gateway: new LocalShadowGateway(shadows),
    createThing: async () => undefined, // the local service keeps a shadow for any thing name
    report: async (thingName: string, reported: Record<string, unknown>) => {
      await shadows.update(thingName, JSON.stringify({ state: { reported } }));
    },
  };
  return { subject, cleanup };
});

/** The use-case tests' fake answers held to the same suites as the real local device services. */
deviceDirectoryContract("InMemoryDevices (the use-case tests' fake)", async () => ({
  subject: new InMemoryDevices(systemClock),
  cleanup: async () => undefined,
}));

deviceGatewayContract("InMemoryDevices (the use-case tests' fake)", async () => {
  const devices = new InMemoryDevices(systemClock);
  const subject = {
    gateway: devices,
    // The contract plays the device: the fake's own device must not answer for it.
    createThing: async (thingName: string) => void devices.offline.add(thingName),
    report: (thingName: string, reported: Record<string, unknown>) => devices.report(thingName, reported),
  };
  return { subject, cleanup: async () => undefined };
});
