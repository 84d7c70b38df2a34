/**
 * moto_server, started from moto_launcher.py (which works around two moto 5.2.1 bugs), on an
 * internal port. MOTO_PORT names the public endpoint instead, because moto's Step Functions
 * interpreter calls services (Lambda among them) on localhost:$MOTO_PORT.
 */
import { spawn, spawnSync } from 'node:child_process';
import { onPath, stopChild, waitUntilAnswering } from '../../test/support/local-process';

/** moto_server with the two moto 5.2.1 workarounds; its arguments are moto_server's. */
export const MOTO_LAUNCHER = require.resolve('./moto_launcher.py');
const START_TIMEOUT_MS = 30_000;

export interface MotoProcess {
  port: number;
  stop(): Promise<void>;
}

export function motoInstalled(): boolean {
  return onPath('moto_server');
}

/**
 * Whether the installed moto serves an API operation (`stepfunctions`, `redrive_execution`):
 * its response class for the service has a handler of that name. moto answers any other
 * operation with an error, so tests of it are skipped where this is false.
 */
export function motoImplements(service: string, operation: string): boolean {
  const python = process.env.VOICEGATE_MOTO_PYTHON ?? 'python3';
  const probe = `import importlib,inspect;m=importlib.import_module('moto.${service}.responses');print(any(hasattr(c,'${operation}') for _,c in inspect.getmembers(m,inspect.isclass) if c.__module__==m.__name__))`;
  return spawnSync(python, ['-c', probe], { encoding: 'utf8' }).stdout.trim() === 'True';
}

export async function startMoto(port: number, publicPort: number): Promise<MotoProcess> {
  if (!motoInstalled()) throw new Error("moto_server is not installed: pip install 'moto[server]>=5.2'");
  const python = process.env.VOICEGATE_MOTO_PYTHON ?? 'python3';
  const child = spawn(python, [MOTO_LAUNCHER, '-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, MOTO_PORT: String(publicPort) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const stop = () => stopChild(child);
  try {
    await waitUntilAnswering(`http://127.0.0.1:${port}/moto-api/`, child, { timeoutMs: START_TIMEOUT_MS, output: () => stderr });
    // Without it moto records executions but never runs them.
    await configure(port, { stepfunctions: { execute_state_machine: true } });
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, stop };
}

async function configure(port: number, config: Record<string, unknown>): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${port}/moto-api/config`, { method: 'POST', body: JSON.stringify(config) });
  if (!response.ok) throw new Error(`moto refused its configuration: HTTP ${response.status}`);
}
