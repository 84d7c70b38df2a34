/**
 * `npm run device -- <thing name> [--owner <user> --name "<spoken name>" --type <type>] [--port <n>]`:
 * a device simulator that registers itself from a CSR (first run) and connects to the local
 * broker over MQTTS with its own certificate, e.g. `npm run device -- front-door`.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LOCAL_DEFAULTS } from '../../config';
import { readOperatorToken } from '../../identity/operator-token';
import { findStack, parseFlags, STACK_FLAGS, STACK_FLAGS_HELP } from '../../stack-finder';
import { registerOnAws } from '../../../aws/register-device-command';
import { runDevice } from './device-runner';

const USAGE = `usage: npm run device -- <thing name> [--owner <user id> --name "<spoken name>" --type lock|printer|"garage door"] [--port <n> --data-dir <dir>]
       npm run device -- register <thing name> --owner <user id> --name "<spoken name>" --type <type> --aws [--stack-name <name> --data-dir <dir>]
Run a simulated IoT device that connects to the local stack's MQTTS broker with its own certificate,
or register a device on the deployed stack's AWS IoT (--aws; AWS credentials and region from the environment).
  --owner, --name, --type  register a new thing (all three), e.g. garage --owner alice --name "garage door" --type "garage door"
  --delay <ms>             how long the device takes to act (default: 500)
${STACK_FLAGS_HELP}`;

const OPTIONS = {
  owner: { type: 'string' },
  name: { type: 'string' },
  type: { type: 'string' },
  delay: { type: 'string', default: '500' },
  aws: { type: 'boolean' },
  'stack-name': { type: 'string' },
  ...STACK_FLAGS,
} as const;

async function main(): Promise<number> {
  const parsed = parseFlags(() => parseArgs({ allowPositionals: true, options: OPTIONS }), USAGE);
  if (!parsed) return 2;
  const { positionals, values } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals[0] === 'register') return register(positionals[1], values);
  const [thingName] = positionals;
  if (!thingName) {
    console.error(USAGE);
    return 2;
  }
  const stack = findStack(values);
  const { owner, name, type } = values;
  const agent = await runDevice({
    baseUrl: stack.baseUrl,
    operatorToken: readOperatorToken(stack.dataDir),
    devicesDir: join(stack.dataDir, 'devices'),
    thingName,
    ...(owner && name && type && { newThing: { owner, name, type } }),
    defaultMqttUrl: `mqtts://127.0.0.1:${stack.mqttPort}`,
    actDelayMs: Number(values.delay),
    log: (line) => console.log(line),
  });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
    agent.once('offline', resolve);
  });
  await agent.stop();
  return 0;
}

/** The device's key and CSR live in `<data dir>/devices/<thing>/`, as for the local simulator. */
async function register(
  thingName: string | undefined,
  values: { owner?: string; name?: string; type?: string; aws?: boolean; 'stack-name'?: string; 'data-dir'?: string },
): Promise<number> {
  const { owner, name, type } = values;
  if (!values.aws) {
    console.error(
      'register works on AWS only (--aws); on the local stack a new device registers itself: npm run device -- <thing> --owner ... --name ... --type ...',
    );
    return 2;
  }
  if (!thingName || !owner || !name || !type) {
    console.error(USAGE);
    return 2;
  }
  const dataDir = values['data-dir'] ?? (process.env.VOICEGATE_DATA_DIR || LOCAL_DEFAULTS.dataDir);
  return registerOnAws({
    thingName,
    owner,
    name,
    type,
    devicesDir: join(dataDir, 'devices'),
    ...(values['stack-name'] && { stackName: values['stack-name'] }),
    log: (line) => console.log(line),
  });
}

main().then(
  (exitCode) => (process.exitCode = exitCode),
  (error: Error) => {
    console.error(`error: ${error.message}`);
    process.exitCode = 1;
  },
);
