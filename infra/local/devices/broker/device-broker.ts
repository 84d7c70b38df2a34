/**
 * The local MQTT broker devices connect to: aedes over TLS on loopback, where only client
 * certificates signed by the local CA get through the handshake, and the thing policy
 * (ThingAuthorizer) decides who may connect, publish, subscribe and receive — as AWS IoT
 * Core does. An unauthorized publish closes the connection, as AWS IoT Core does.
 */
import { once } from 'node:events';
import type { AddressInfo, Socket } from 'node:net';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import { certificateIdOf, type TlsCredentials } from '../pki/local-ca';
import type { PolicyContext } from './policy-evaluator';
import type { ThingAuthorizer } from './thing-authorizer';

export interface DeviceBrokerOptions {
  /** 0 picks a free port. */
  port: number;
  credentials: TlsCredentials;
  caCertificatePem: string;
  authorizer: ThingAuthorizer;
}

export type MessageHandler = (topic: string, payload: Buffer) => void;
export type ConnectionListener = (thingName: string, connected: boolean) => void;

/** CONNACK return code 5: not authorized (MQTT 3.1.1 table 3.1). */
const NOT_AUTHORIZED = 5;

export class DeviceBroker {
  /** Policy variables of each authenticated connection. */
  private readonly contexts = new WeakMap<Client, PolicyContext>();
  /** Authenticated clients between ready and disconnect; a takeover briefly holds two with one id. */
  private readonly ready = new Set<Client>();
  /** Every TLS socket, so closing does not wait on a client that never finished its handshake. */
  private readonly sockets = new Set<Socket>();
  private readonly listeners: ConnectionListener[] = [];

  private constructor(
    private readonly aedes: Aedes,
    private readonly server: Server,
  ) {}

  static async start({ port, credentials, caCertificatePem, authorizer }: DeviceBrokerOptions): Promise<DeviceBroker> {
    let broker: DeviceBroker | undefined;
    const aedes = await Aedes.createBroker({
      authenticate: (client, _username, _password, done) => {
        const certificate = (client.conn as TLSSocket).getPeerCertificate?.();
        if (!certificate?.raw) return done(notAuthorized(), false);
        authorizer.connect(client.id, certificateIdOf(certificate.raw)).then(
          (context) => {
            if (!context) return done(notAuthorized(), false);
            broker?.contexts.set(client, context);
            done(null, true);
          },
          (error: Error) => done(Object.assign(error, { returnCode: 3 }) as AuthenticateError, false),
        );
      },
      authorizePublish: (client, packet, done) => {
        const context = client && broker?.contexts.get(client);
        done(context && authorizer.mayPublish(context, packet.topic) ? null : new Error('not authorized to publish on this topic'));
      },
      // A refused subscription is answered with return code 128, as AWS IoT Core does.
      authorizeSubscribe: (client, subscription, done) => {
        const context = broker?.contexts.get(client);
        done(null, context && authorizer.maySubscribe(context, subscription.topic) ? subscription : null);
      },
      authorizeForward: (client, packet) => {
        const context = broker?.contexts.get(client);
        return context && authorizer.mayReceive(context, packet.topic) ? packet : null;
      },
    });
    const server = createServer(
      { key: credentials.key, cert: credentials.cert, ca: [caCertificatePem], requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2' },
      aedes.handle,
    );
    // A client without a valid certificate fails the handshake; that is its problem, not the broker's.
    server.on('tlsClientError', () => undefined);
    broker = new DeviceBroker(aedes, server);
    server.on('connection', (socket: Socket) => {
      broker.sockets.add(socket);
      socket.once('close', () => broker.sockets.delete(socket));
    });
    aedes.on('clientReady', (client) => broker.notify(client, true));
    aedes.on('clientDisconnect', (client) => broker.notify(client, false));
    server.listen(port, '127.0.0.1');
    try {
      await once(server, 'listening');
    } catch (error) {
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      throw error;
    }
    return broker;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `mqtts://127.0.0.1:${this.port}`;
  }

  /** Things with an authenticated connection right now. */
  connectedThings(): Set<string> {
    return new Set([...this.ready].map((client) => client.id));
  }

  /** Closes connections as this thing that authenticated with one of these (now revoked) certificates. */
  dropConnections(thingName: string, certificateIds: string[]): void {
    for (const client of this.ready) {
      const raw = (client.conn as TLSSocket).getPeerCertificate?.()?.raw;
      if (client.id === thingName && raw && certificateIds.includes(certificateIdOf(raw))) client.close();
    }
  }

  onConnectionChange(listener: ConnectionListener): void {
    this.listeners.push(listener);
  }

  /** Publishes as the service side (AWS IoT's shadow service): no policy applies to it. */
  publish(topic: string, message: unknown): Promise<void> {
    const payload = Buffer.from(JSON.stringify(message));
    return new Promise((resolve, reject) =>
      this.aedes.publish({ cmd: 'publish', topic, payload, qos: 0, retain: false, dup: false }, (error) => (error ? reject(error) : resolve())),
    );
  }

  /** Receives what devices publish on matching topics (after their publish was authorized). */
  subscribe(topicFilter: string, handler: MessageHandler): Promise<void> {
    return new Promise((resolve) => {
      this.aedes.subscribe(
        topicFilter,
        (packet, done) => {
          handler(packet.topic, Buffer.from(packet.payload));
          done();
        },
        resolve,
      );
    });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.aedes.close(() => resolve()));
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private notify(client: Client, connected: boolean): void {
    if (!this.contexts.has(client)) return;
    if (connected) this.ready.add(client);
    else this.ready.delete(client);
    for (const listener of this.listeners) listener(client.id, connected);
  }
}

function notAuthorized(): AuthenticateError {
  return Object.assign(new Error('not authorized'), { returnCode: NOT_AUTHORIZED }) as AuthenticateError;
}
