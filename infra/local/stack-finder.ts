import { wholeNumberSetting } from '../../functions/config/whole-number-setting';
import { LOCAL_DEFAULTS } from './config';
import { runningStackOn, type StackLockHolder } from './stack-lock';

/** The flags `npm run chat` and `npm run device` share to find the stack. */
export const STACK_FLAGS = {
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const STACK_FLAGS_HELP = [
  "  --port <n>        the stack's HTTP port (default: the running stack's, from its lock file; else $PORT or 3000)",
  "  --data-dir <dir>  the stack's data dir (default: $VOICEGATE_DATA_DIR or .voicegate)",
  '  -h, --help        show this help',
].join('\n');

/** Parsed flags, or undefined after printing what was wrong and the usage (a mistyped flag). */
export function parseFlags<T>(parse: () => T, usage: string): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) throw error;
    console.error(`${error.message}\n${usage}`);
    return undefined;
  }
}

export interface FoundStack {
  baseUrl: string;
  dataDir: string;
  /** The device broker's port, when the running stack recorded it. */
  mqttPort: number;
}

/**
 * Where the stack a tool should talk to listens: flags first, then the environment, then
 * the lock file of the stack running on the data dir, then the defaults.
 */
export function findStack(
  flags: { port?: string; 'data-dir'?: string },
  env: NodeJS.ProcessEnv = process.env,
  running: (dataDir: string) => StackLockHolder | undefined = runningStackOn,
): FoundStack {
  const dataDir = flags['data-dir'] ?? (env.VOICEGATE_DATA_DIR || LOCAL_DEFAULTS.dataDir);
  const holder = running(dataDir);
  const port = portFrom('--port', flags.port) ?? portFrom('PORT', env.PORT) ?? holder?.port ?? LOCAL_DEFAULTS.port;
  const mqttPort = portFrom('VOICEGATE_MQTT_PORT', env.VOICEGATE_MQTT_PORT) ?? holder?.mqttPort ?? LOCAL_DEFAULTS.mqttPort;
  return { baseUrl: `http://127.0.0.1:${port}`, dataDir, mqttPort };
}

/** A port to connect to (0 would mean "any" only to a listener). */
function portFrom(name: string, raw: string | undefined): number | undefined {
  return wholeNumberSetting(name, raw, { min: 1, max: 65535 });
}
