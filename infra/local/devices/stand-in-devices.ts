/**
 * Simulated devices for the seeded things, inside the stack, so the chat works with one
 * command. Each is a real MQTT device (its own key and certificate under the data dir's
 * device folder) that connects only while no other device is connected as its thing: a
 * real `npm run device` takes the thing over, and the stand-in comes back when it leaves.
 */
import type { Device } from '../../../functions/domain/device';
import { DeviceAgent } from './agent/device-agent';
import { DeviceIdentity, type DeviceCredentials } from './agent/device-identity';
import type { DeviceBroker } from './broker/device-broker';
import { certificateIdOf } from './pki/local-ca';
import type { DeviceRegistrar } from './registry/device-registration';
import type { LocalThingRegistry } from './registry/thing-registry';

export interface StandInOptions {
  devicesDir: string;
  broker: DeviceBroker;
  registrar: DeviceRegistrar;
  registry: Pick<LocalThingRegistry, 'isAttached'>;
  /** The simulated mechanism's delay between a delta and the report. */
  actDelayMs: number;
  log: (line: string) => void;
}

/** How long a thing must stay unconnected before its stand-in connects (a restarting device gets it back first). */
const GRACE_MS = 1000;

export class StandInDevices {
  private readonly agents = new Map<string, DeviceAgent>();
  private readonly starting = new Map<string, Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly things: Device[],
    private readonly options: StandInOptions,
  ) {
    options.broker.onConnectionChange((thingName, connected) => {
      if (!connected) this.later(thingName);
    });
  }

  /** Starts a stand-in for every thing nobody is connected as. */
  async start(): Promise<void> {
    await Promise.all(this.things.map((thing) => this.ensure(thing)));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    await Promise.allSettled(this.starting.values());
    await Promise.all([...this.agents.values()].map((agent) => agent.stop()));
  }

  private later(thingName: string): void {
    const thing = this.things.find((candidate) => candidate.thingName === thingName);
    if (!thing || this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.ensure(thing);
    }, GRACE_MS);
    timer.unref();
    this.timers.add(timer);
  }

  private ensure(thing: Device): Promise<void> {
    const { thingName } = thing;
    if (this.stopped || this.agents.has(thingName) || this.options.broker.connectedThings().has(thingName)) return Promise.resolve();
    const running = this.starting.get(thingName) ?? this.connect(thing).finally(() => this.starting.delete(thingName));
    this.starting.set(thingName, running);
    return running;
  }

  private async connect(thing: Device): Promise<void> {
    try {
      const credentials = await this.credentials(thing.thingName);
      // A real device registered for this thing revoked the stand-in's certificate: the thing is its now.
      if (!(await this.options.registry.isAttached(thing.thingName, certificateIdOf(credentials.cert)))) return;
      const agent = await DeviceAgent.connect({
        thingName: thing.thingName,
        type: thing.type,
        brokerUrl: this.options.broker.url,
        credentials,
        actDelayMs: this.options.actDelayMs,
        reconnect: false,
        log: (line) => this.stopped || this.options.log(`simulated ${thing.name}: ${line}`),
      });
      this.agents.set(thing.thingName, agent);
      agent.once('offline', () => {
        this.agents.delete(thing.thingName);
        this.later(thing.thingName);
      });
      if (this.stopped) await agent.stop();
    } catch (error) {
      if (!this.stopped) this.options.log(`the simulated ${thing.name} could not connect: ${(error as Error).message}`);
    }
  }

  /** The stand-in is a device like any other: its key stays in its folder, its CSR gets signed. */
  private async credentials(thingName: string): Promise<DeviceCredentials> {
    const identity = await DeviceIdentity.open(this.options.devicesDir, thingName);
    const existing = identity.credentials();
    if (existing) return existing;
    const outcome = await this.options.registrar.register({ thingName, csr: identity.csrPem });
    if (outcome.kind !== 'registered') throw new Error(outcome.error);
    identity.saveCertificate(outcome.certificatePem, outcome.caCertificatePem);
    const saved = identity.credentials();
    if (!saved) throw new Error(`${thingName}'s new certificate could not be read back`);
    return saved;
  }
}
