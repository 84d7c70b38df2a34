/**
 * moto_server as a child process, one per test file: a real AWS API emulator spoken to
 * with the real SDK wire protocol. Where moto_server is missing the suite is skipped
 * with a visible warning rather than passing silently; under CI (CI=true) it fails instead,
 * so a CI image without moto cannot go green with the AWS suites unrun. A moto of another
 * version than EXPECTED_MOTO_VERSION fails the suite everywhere.
 */
import { spawn } from 'node:child_process';
import { MOTO_LAUNCHER } from '../../infra/emulator/moto-process';
import { freePort, onPath, stopChild, waitUntilAnswering } from './local-process';
import { installedMotoVersion, motoVersionProblem } from './moto-version';

/** Moto's own view of its state by service and model, e.g. `sns.SMS`, `ses.Message`. */
export type MotoData = Record<string, Record<string, unknown[]>>;

export interface MotoServer {
  endpoint: string;
  data(): Promise<MotoData>;
  /** Sets moto's runtime options, e.g. `{ stepfunctions: { execute_state_machine: true } }`. */
  configure(config: Record<string, unknown>): Promise<void>;
}

/** Generous: on a busy 2-core machine moto's Python start-up alone can take many seconds. */
const START_TIMEOUT_MS = 90_000;

const motoInstalled = onPath('moto_server');

/**
 * Declares `name` as a describe block that gets a running moto_server; the callback
 * receives an accessor valid inside hooks and tests.
 */
export function describeWithMoto(name: string, declare: (moto: () => MotoServer) => void): void {
  if (!motoInstalled && process.env.CI === 'true') {
    describe(name, () => {
      it('needs moto_server, which CI must install', () => {
        throw new Error(`moto_server not found on PATH: ${motoVersionProblem(undefined)}`);
      });
    });
    return;
  }
  if (!motoInstalled) {
    // Straight to stderr: jest drops console output of files whose tests were all skipped.
    process.stderr.write(`moto_server not found: AWS adapter tests skipped (${name})\n`);
    describe.skip(`${name} [moto_server not found]`, () => declare(() => notRunning()));
    return;
  }
  describe(name, () => {
    let running: { server: MotoServer; stop(): Promise<void> } | undefined;
    beforeAll(async () => {
      running = await startMoto();
    }, START_TIMEOUT_MS);
    afterAll(async () => running?.stop());
    declare(() => running?.server ?? notRunning());
  });
}

let versionChecked: string | undefined;

async function startMoto(): Promise<{ server: MotoServer; stop(): Promise<void> }> {
  versionChecked ??= installedMotoVersion() ?? 'unknown';
  const problem = motoVersionProblem(versionChecked);
  if (problem) throw new Error(problem);
  const port = await freePort();
  // Service integrations in moto's Step Functions interpreter call back on MOTO_PORT.
  // The emulator's launcher: moto_server with its moto 5.2.1 bugs worked around.
  const child = spawn('python3', [MOTO_LAUNCHER, '-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, MOTO_PORT: String(port) },
    stdio: 'ignore',
  });
  const stop = () => stopChild(child);
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(`${endpoint}/moto-api/`, child, { timeoutMs: START_TIMEOUT_MS });
  } catch (error) {
    await stop();
    throw error;
  }
  return { server: motoServer(endpoint), stop };
}

function motoServer(endpoint: string): MotoServer {
  return {
    endpoint,
    data: async () => (await (await fetch(`${endpoint}/moto-api/data.json`)).json()) as MotoData,
    configure: async (config) => {
      const response = await fetch(`${endpoint}/moto-api/config`, { method: 'POST', body: JSON.stringify(config) });
      if (!response.ok) throw new Error(`moto refused its configuration: HTTP ${response.status}`);
    },
  };
}

function notRunning(): never {
  throw new Error('moto_server is not running');
}
