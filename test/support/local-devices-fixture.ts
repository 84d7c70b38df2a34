/**
 * The local devices subsystem (registry, CA, shadow service, MQTTS broker) on an in-memory
 * store, without the rest of the stack: for broker and shadow tests over real TLS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type MqttClient } from 'mqtt';
import { createDocumentClient } from '../../functions/adapters/aws/dynamodb/document-client';
import type { AuditEvent } from '../../functions/domain/audit-event';
import type { User } from '../../functions/domain/user';
import { systemClock } from '../../functions/ports/clock';
import { DeviceIdentity, type DeviceCredentials } from '../../infra/local/devices/agent/device-identity';
import { LocalDevices } from '../../infra/local/devices/local-devices';
import { ensureTables } from '../../infra/local/store/create-tables';
import { startDynalite, type RunningStore } from '../../infra/local/store/dynalite-server';

const USERS: Record<string, User> = {
  alice: { userId: 'alice', phone: '+15555550101', email: 'alice@example.com', targets: ['*'], preferredChannel: 'sms' },
  bob: { userId: 'bob', phone: '+15555550102', email: 'bob@example.com', targets: ['web'], preferredChannel: 'sms' },
};

export interface DevicesFixture {
  devices: LocalDevices;
  dataDir: string;
  /** What the devices published on the audit bus. */
  audit: AuditEvent[];
  /** Makes the thing's key and CSR in its own folder and registers it; returns its credentials. */
  enroll(thingName: string, newThing?: { owner: string; name: string; type: string }): Promise<DeviceCredentials>;
  /** A raw MQTT client over TLS with these credentials. */
  mqtt(credentials: DeviceCredentials, clientId: string): Promise<MqttClient>;
  close(): Promise<void>;
}

/** `simulate` runs the stand-ins for the seeded things, as `npm start` does. */
export async function startDevicesFixture({ simulate = false } = {}): Promise<DevicesFixture> {
  const dataDir = mkdtempSync(join(tmpdir(), 'voicegate-devices-'));
  const store: RunningStore = await startDynalite();
  const client = createDocumentClient(store.clientConfig);
  await ensureTables(client, [
    { tableName: 'things', partitionKey: 'thingName' },
    { tableName: 'shadows', partitionKey: 'thingName' },
  ]);
  const audit: AuditEvent[] = [];
  const users = { get: async (userId: string) => USERS[userId], create: async () => false };
  const devices = new LocalDevices(client, { things: 'things', shadows: 'shadows' }, users, systemClock, {
    dataDir,
    mqttPort: 0,
    simulate,
    actDelayMs: 0,
    log: () => undefined,
    audit: { publish: async (event) => void audit.push(event) },
  });
  await devices.seed();
  await devices.start();
  const url = devices.mqttUrl!;
  return {
    devices,
    dataDir,
    audit,
    async enroll(thingName, newThing) {
      const identity = await DeviceIdentity.open(join(dataDir, 'devices'), thingName);
      const outcome = await devices.registrar.register({ thingName, csr: identity.csrPem, ...newThing });
      if (outcome.kind !== 'registered') throw new Error(outcome.error);
      identity.saveCertificate(outcome.certificatePem, outcome.caCertificatePem);
      return identity.credentials()!;
    },
    mqtt: ({ key, cert, ca }, clientId) =>
      new Promise((resolve, reject) => {
        const client = connect(url, { clientId, key, cert, ca, rejectUnauthorized: true, protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 3000 });
        const refuse = (error: Error) => {
          client.end(true);
          reject(error);
        };
        client.once('connect', () => resolve(client));
        client.once('error', refuse);
        // A handshake the broker aborts can end without an error event.
        client.once('close', () => refuse(new Error('the broker closed the connection')));
      }),
    async close() {
      await devices.close();
      client.destroy();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
