/**
 * A device's side of the shadow protocol, as firmware built on the AWS IoT Device SDK would
 * do it: connect over MQTTS with the device's own certificate and the thing name as client
 * id, ask for the shadow, act on each delta (after a simulated mechanical delay) and report
 * the new state. `npm run device` and the stack's stand-ins for the seeded things use it.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { connect, type MqttClient } from 'mqtt';
import { DEVICE_CATALOGUE, type DeviceType, type DeviceTypeSpec } from '../../../../functions/domain/device';
import { shadowTopicPrefix } from '../../../../functions/domain/thing-policy';
import type { DeviceCredentials } from './device-identity';

export interface DeviceAgentOptions {
  thingName: string;
  type: DeviceType;
  /** e.g. mqtts://127.0.0.1:8883 */
  brokerUrl: string;
  credentials: DeviceCredentials;
  /** How long the simulated mechanism takes to act on a delta. */
  actDelayMs?: number;
  /** Reconnect after losing the connection (a stand-in must not take the thing back from a real device). */
  reconnect?: boolean;
  /** Told about problems only; states come as 'delta' and 'reported' events. */
  log?: (line: string) => void;
}

export interface DeviceAgentEvents {
  /** A desired value arrived. */
  delta: [value: string];
  /** The device reported its state. */
  reported: [value: string];
  /** The connection is gone and will not come back by itself. */
  offline: [];
}

const CONNECT_TIMEOUT_MS = 5000;

export class DeviceAgent extends EventEmitter<DeviceAgentEvents> {
  private current: string | undefined;
  private readonly spec: DeviceTypeSpec;
  private readonly topics: ReturnType<typeof shadowTopics>;

  private constructor(
    private readonly options: DeviceAgentOptions,
    private readonly client: MqttClient,
  ) {
    super();
    this.spec = DEVICE_CATALOGUE[options.type];
    this.topics = shadowTopics(options.thingName);
  }

  /** Connects and asks for the shadow; resolves once connected, rejects when the broker refuses. */
  static async connect(options: DeviceAgentOptions): Promise<DeviceAgent> {
    const { key, cert, ca } = options.credentials;
    const client = connect(options.brokerUrl, {
      clientId: options.thingName,
      protocolVersion: 4,
      clean: true,
      key,
      cert,
      ca,
      rejectUnauthorized: true,
      connectTimeout: CONNECT_TIMEOUT_MS,
      reconnectPeriod: options.reconnect ? 1000 : 0,
    });
    const agent = new DeviceAgent(options, client);
    client.on('message', (topic, payload) => agent.receive(topic, payload));
    client.on('connect', () => agent.start().catch((error: Error) => agent.log(`could not ask for the shadow: ${error.message}`)));
    client.on('close', () => {
      if (!options.reconnect || client.disconnecting) agent.emit('offline');
    });
    try {
      await new Promise<void>((resolve, reject) => {
        client.once('connect', () => resolve());
        client.once('error', reject);
        client.once('close', () => reject(new Error(`${options.brokerUrl} closed the connection`)));
      });
    } catch (error) {
      client.end(true);
      throw error;
    }
    return agent;
  }

  get state(): string | undefined {
    return this.current;
  }

  get connected(): boolean {
    return this.client.connected;
  }

  /** Disconnects at once (a pending report is dropped, as when a device loses power). */
  async stop(): Promise<void> {
    await this.client.endAsync(true);
  }

  private async start(): Promise<void> {
    const { delta, getAccepted, getRejected, updateRejected, get } = this.topics;
    await this.client.subscribeAsync([delta, getAccepted, getRejected, updateRejected], { qos: 1 });
    await this.client.publishAsync(get, JSON.stringify({ clientToken: randomUUID() }), { qos: 1 });
  }

  private receive(topic: string, payload: Buffer): void {
    const message = parse(payload);
    const { delta, getAccepted, getRejected, updateRejected } = this.topics;
    if (topic === getAccepted) this.resume(record(message.state));
    else if (topic === getRejected)
      this.report(this.spec.initial); // a new thing: no shadow yet
    else if (topic === delta) this.act(record(message.state)[this.spec.property]);
    else if (topic === updateRejected) this.log(`the shadow refused a report: ${String(message.message)}`);
  }

  /** After (re)connecting: report the state it is in (the last one reported), then catch up with any pending request. */
  private resume(state: Record<string, unknown>): void {
    const reported = record(state.reported)[this.spec.property];
    this.current = typeof reported === 'string' ? reported : this.spec.initial;
    const pending = record(state.delta)[this.spec.property];
    if (pending !== undefined) this.act(pending);
    else this.report(this.current);
  }

  private act(value: unknown): void {
    if (typeof value !== 'string' || !Object.values(this.spec.actions).includes(value)) {
      this.log(`ignored a request for "${String(value)}": a ${this.options.type} cannot do that`);
      return;
    }
    this.emit('delta', value);
    setTimeout(() => this.report(value), this.options.actDelayMs ?? 0);
  }

  private report(value: string): void {
    this.current = value;
    const update = { state: { reported: { [this.spec.property]: value } }, clientToken: randomUUID() };
    this.client.publishAsync(this.topics.update, JSON.stringify(update), { qos: 1 }).then(
      () => this.emit('reported', value),
      (error: Error) => this.log(`could not report: ${error.message}`),
    );
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}

function shadowTopics(thingName: string) {
  const prefix = shadowTopicPrefix(thingName);
  return {
    update: `${prefix}update`,
    delta: `${prefix}update/delta`,
    updateRejected: `${prefix}update/rejected`,
    get: `${prefix}get`,
    getAccepted: `${prefix}get/accepted`,
    getRejected: `${prefix}get/rejected`,
  };
}

function parse(payload: Buffer): Record<string, unknown> {
  try {
    return record(JSON.parse(payload.toString()));
  } catch {
    return {};
  }
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
