/**
 * Everything devices need on one machine, as AWS IoT Core provides it in the cloud: a
 * thing registry, a certificate authority, the Device Shadow service and an MQTTS broker
 * enforcing the thing policy — plus stand-ins for the seeded devices.
 */
import type { Logger } from '../../../functions/ports/logger';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbUserDirectory } from '../../../functions/adapters/aws/dynamodb/dynamodb-user-directory';
import type { AuditPublisher } from '../../../functions/ports/audit-publisher';
import type { Clock } from '../../../functions/ports/clock';
import type { UserDirectory } from '../../../functions/ports/user-directory';
import { LOCAL_TABLE_NAMES } from '../store/local-tables';
import { DeviceBroker } from './broker/device-broker';
import { ThingAuthorizer } from './broker/thing-authorizer';
import { LocalCertificateAuthority } from './pki/local-ca';
import { DeviceRegistrar, type RegistrationOutcome, type RegistrationRequest } from './registry/device-registration';
import { EnrollmentTokens } from './registry/enrollment-tokens';
import { LocalThingRegistry, deviceOf } from './registry/thing-registry';
import { SEED_DEVICES, seedDevices } from './seed-devices';
import { LocalShadowGateway } from './shadow/local-shadow-gateway';
import { ShadowService } from './shadow/shadow-service';
import { ShadowStore } from './shadow/shadow-store';
import { StandInDevices } from './stand-in-devices';

export interface LocalDevicesOptions {
  dataDir: string;
  /** 0 picks a free port. */
  mqttPort: number;
  /** Stand-ins for the seeded things while no real device is connected as them. */
  simulate: boolean;
  /** The stand-ins' simulated mechanical delay. */
  actDelayMs: number;
  log: (line: string) => void;
  /** Where `Device Registered` events go. */
  audit: AuditPublisher;
}

/** A row of GET /api/devices. */
export interface DeviceRow {
  thingName: string;
  name: string;
  owner: string;
  type: string;
  reported: Record<string, unknown>;
  desired: Record<string, unknown>;
  lastReportAt: string | null;
  /** The newest certificate attached to the thing. */
  certificateId: string | null;
  connected: boolean;
}

/** Test seams for the stack (LocalStackOverrides.devices). */
export interface DeviceOverrides {
  /** false: no stand-ins, so only devices a test connects itself answer. */
  simulate?: boolean;
  actDelayMs?: number;
}

/** A stand-in lock takes a moment to turn, as a real one would. */
const STAND_IN_ACT_DELAY_MS = 250;

/** The local stack's devices on its store, data dir and MQTT port. */
export function createLocalDevices(
  client: DynamoDBDocumentClient,
  clock: Clock,
  config: { dataDir: string; mqttPort: number },
  audit: AuditPublisher,
  logger: Logger,
  overrides: DeviceOverrides = {},
): LocalDevices {
  const tables = { things: LOCAL_TABLE_NAMES.things, shadows: LOCAL_TABLE_NAMES.shadows };
  return new LocalDevices(client, tables, new DynamoDbUserDirectory(client, LOCAL_TABLE_NAMES.users), clock, {
    dataDir: config.dataDir,
    mqttPort: config.mqttPort,
    simulate: overrides.simulate ?? true,
    actDelayMs: overrides.actDelayMs ?? STAND_IN_ACT_DELAY_MS,
    log: (line) => logger.warn('devices', { event: line }),
    audit,
  });
}

export class LocalDevices {
  readonly registry: LocalThingRegistry;
  readonly shadows: ShadowService;
  readonly gateway: LocalShadowGateway;
  readonly registrar: DeviceRegistrar;
  readonly enrollmentTokens: EnrollmentTokens;
  /** Made on first use: a stack that never meets a device never makes keys. */
  private ca: Promise<LocalCertificateAuthority> | undefined;
  private broker: DeviceBroker | undefined;
  private standIns: StandInDevices | undefined;
  private running: Promise<void> | undefined;
  private closing = false;

  constructor(
    client: DynamoDBDocumentClient,
    tables: { things: string; shadows: string },
    users: UserDirectory,
    clock: Clock,
    private readonly options: LocalDevicesOptions,
  ) {
    this.registry = new LocalThingRegistry(client, tables.things);
    this.shadows = new ShadowService(new ShadowStore(client, tables.shadows), clock);
    this.gateway = new LocalShadowGateway(this.shadows);
    this.registrar = new DeviceRegistrar(this.registry, users, () => this.certificateAuthority(), options.audit, clock);
    this.enrollmentTokens = new EnrollmentTokens(() => clock.now());
  }

  /** Registers a device; a connection still using a certificate this one replaced is cut at once. */
  async register(request: RegistrationRequest): Promise<RegistrationOutcome> {
    const outcome = await this.registrar.register(request);
    if (outcome.kind === 'registered' && outcome.replaced.length > 0) this.broker?.dropConnections(outcome.thingName, outcome.replaced);
    return outcome;
  }

  seed(): Promise<void> {
    return seedDevices(this.registry, this.shadows);
  }

  /** Starts the broker (and the stand-ins); resolves when devices can connect. */
  start(): Promise<void> {
    this.running ??= this.startBroker();
    return this.running;
  }

  /** Where devices connect, once the broker runs. */
  get mqttUrl(): string | undefined {
    return this.broker?.url;
  }

  async list(): Promise<DeviceRow[]> {
    const connected = this.broker?.connectedThings() ?? new Set<string>();
    const things = await this.registry.list();
    return Promise.all(
      things.map(async (thing) => {
        const shadow = await this.gateway.read(thing.thingName);
        return {
          ...deviceOf(thing),
          reported: shadow?.reported ?? {},
          desired: shadow?.desired ?? {},
          lastReportAt: shadow?.lastReportAt ? new Date(shadow.lastReportAt).toISOString() : null,
          certificateId: thing.certificates[0]?.certificateId ?? null,
          connected: connected.has(thing.thingName),
        };
      }),
    );
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.running?.catch(() => undefined);
    await this.standIns?.stop();
    await this.broker?.close();
  }

  private certificateAuthority(): Promise<LocalCertificateAuthority> {
    this.ca ??= LocalCertificateAuthority.open(join(this.options.dataDir, 'iot'));
    return this.ca;
  }

  private async startBroker(): Promise<void> {
    const ca = await this.certificateAuthority();
    const credentials = await ca.serverCredentials();
    if (this.closing) return;
    this.broker = await DeviceBroker.start({
      port: this.options.mqttPort,
      credentials,
      caCertificatePem: ca.certificatePem,
      authorizer: new ThingAuthorizer(this.registry),
    });
    this.shadows.connect(this.broker);
    await this.broker.subscribe('$aws/things/+/shadow/+', (topic, payload) => {
      this.shadows.handle(topic, payload).catch((error: Error) => this.closing || this.options.log(`shadow service: ${error.message}`));
    });
    if (!this.options.simulate || this.closing) return;
    this.standIns = new StandInDevices(SEED_DEVICES, {
      devicesDir: join(this.options.dataDir, 'devices'),
      broker: this.broker,
      registrar: this.registrar,
      registry: this.registry,
      actDelayMs: this.options.actDelayMs,
      log: this.options.log,
    });
    await this.standIns.start();
  }
}
