import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import dynalite from 'dynalite';
import { closeLevelIteratorsOnReturn } from './close-level-iterators';

export interface RunningStore {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * A DynamoDB-compatible server in this process: LevelDB files under `path` (survives
 * restarts), or memory when no path is given (tests). Bound to loopback on a free port.
 */
export async function startDynalite(path?: string): Promise<RunningStore> {
  if (path) mkdirSync(path, { recursive: true });
  closeLevelIteratorsOnReturn();
  const server: Server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(path && { path }) });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
