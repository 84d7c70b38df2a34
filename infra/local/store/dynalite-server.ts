import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, type Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { closeLevelIteratorsOnReturn } from './close-level-iterators';

export interface RunningStore {
  /** How a DynamoDB client reaches this store (and nothing else can). */
  clientConfig: DynamoDBClientConfig;
  close(): Promise<void>;
}

/**
 * A DynamoDB-compatible server in this process: LevelDB files under `path` (survives
 * restarts), or memory when no path is given (tests). dynalite checks no signature and
 * answers any origin with CORS, so it gets no TCP port at all: it listens on a Unix socket
 * in a fresh owner-only directory, which neither a web page nor another OS user can reach.
 */
export async function startDynalite(path?: string): Promise<RunningStore> {
  if (path) mkdirSync(path, { recursive: true, mode: 0o700 });
  closeLevelIteratorsOnReturn();
  const socketDir = mkdtempSync(join(tmpdir(), 'voicegate-store-'));
  const socketPath = join(socketDir, 'dynalite.sock');
  const server: Server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(path && { path }) });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  return {
    clientConfig: {
      // The host name is never resolved: every connection goes to the socket.
      endpoint: 'http://voicegate-store.invalid',
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      requestHandler: { httpAgent: new SocketAgent(socketPath) },
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}

/**
 * At most this many connections to the store; further requests wait in the agent for one. A
 * Unix socket refuses a connect at once (EAGAIN) when its listen backlog is full, where TCP
 * retries, so an unbounded agent failed requests under a burst (1,000 users at once). 50 is
 * the SDK's own default agent's limit, which this agent replaces.
 */
const MAX_STORE_CONNECTIONS = 50;

/** An HTTP agent whose every connection is to one Unix socket, with keep-alive and a bound like the SDK's default agent. */
class SocketAgent extends Agent {
  constructor(private readonly socketPath: string) {
    super({ keepAlive: true, maxSockets: MAX_STORE_CONNECTIONS });
  }

  override createConnection(): ReturnType<typeof connect> {
    return connect(this.socketPath);
  }
}
