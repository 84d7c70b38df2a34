/**
 * What `npm run device -- <thing>` does, as a function tests can call: make the device's key
 * and CSR on first run, have the local stack sign the CSR over HTTP, then connect over MQTTS
 * with the device's own certificate and keep the thing's state.
 */
import { isDeviceType, type DeviceType } from '../../../../functions/domain/device';
import { DeviceAgent } from './device-agent';
import { DeviceIdentity, type DeviceCredentials } from './device-identity';

export interface DeviceRunOptions {
  /** The local stack, e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  /** The stack's operator token (from its data dir): registering a device is an operator act. */
  operatorToken: string;
  /** Where device folders live: `<data dir>/devices`. */
  devicesDir: string;
  thingName: string;
  /** Used when the thing does not exist yet: who owns it, what its owner calls it, its type. */
  newThing?: { owner: string; name: string; type: string };
  /** The broker when this device registered on an earlier run (the stack's VOICEGATE_MQTT_PORT). */
  defaultMqttUrl: string;
  actDelayMs: number;
  log: (line: string) => void;
}

interface DeviceRow {
  thingName: string;
  type: string;
}

interface Registration {
  certificateId: string;
  certificatePem: string;
  caCertificatePem: string;
  mqttUrl: string | null;
}

export async function runDevice(options: DeviceRunOptions): Promise<DeviceAgent> {
  const { thingName, log } = options;
  const known = (await getJson<{ devices: DeviceRow[] }>(`${options.baseUrl}/api/devices`, options.operatorToken)).devices.find(
    (row) => row.thingName === thingName,
  );
  const type = known?.type ?? options.newThing?.type;
  if (!isDeviceType(type)) throw new Error(`there is no thing "${thingName}": to register a new one, give --owner, --name and --type`);
  const identity = await DeviceIdentity.open(options.devicesDir, thingName);
  let credentials = identity.credentials();
  let brokerUrl = options.defaultMqttUrl;
  if (!credentials) {
    log(`${thingName}: made a private key and a certificate signing request in ${identity.folder} (the key stays there)`);
    const registration = await register(options, identity.csrPem, known ? undefined : options.newThing);
    identity.saveCertificate(registration.certificatePem, registration.caCertificatePem);
    credentials = identity.credentials() as DeviceCredentials;
    brokerUrl = registration.mqttUrl ?? brokerUrl;
    log(`${thingName}: the stack signed the CSR; certificate id ${registration.certificateId}`);
  }
  const agent = await DeviceAgent.connect({
    thingName,
    type: type as DeviceType,
    brokerUrl,
    credentials,
    actDelayMs: options.actDelayMs,
    reconnect: true,
    log,
  });
  agent.on('delta', (value) => log(`${thingName}: asked to be ${value}`));
  agent.on('reported', (value) => log(`${thingName}: reported ${value}`));
  log(`${thingName}: connected to ${brokerUrl} as ${thingName} with its own certificate; waiting for requests`);
  return agent;
}

async function register(options: DeviceRunOptions, csr: string, newThing: DeviceRunOptions['newThing']): Promise<Registration> {
  const url = `${options.baseUrl}/api/devices/${encodeURIComponent(options.thingName)}/certificate`;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${options.operatorToken}` };
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ csr, ...newThing }) });
  const body = (await response.json()) as Registration & { error?: string };
  if (!response.ok) throw new Error(`the stack refused the registration (${response.status}): ${body.error ?? 'no reason given'}`);
  return body;
}

async function getJson<T>(url: string, operatorToken: string): Promise<T> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${operatorToken}` } }).catch((cause: unknown) => {
    throw new Error(`VoiceGate is not answering at ${url}: run \`npm start\` first`, { cause });
  });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return (await response.json()) as T;
}
