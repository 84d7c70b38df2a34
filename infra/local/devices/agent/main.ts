/**
 * `npm run device -- <thing name> [--owner <user> --name "<spoken name>" --type <type>] [--port <n>]`:
 * a device simulator that registers itself from a CSR (first run) and connects to the local
 * broker over MQTTS with its own certificate, e.g. `npm run device -- front-door`.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readOperatorToken } from '../../identity/operator-token';
import { findStack, parseFlags, STACK_FLAGS, STACK_FLAGS_HELP } from '../../stack-finder';
import { runDevice } from './device-runner';

const USAGE = `usage: npm run device -- <thing name> [--owner <user id> --name "<spoken name>" --type lock|printer|"garage door"] [--port <n> --data-dir <dir>]
Run a simulated IoT device that connects to the local stack's MQTTS broker with its own certificate.
  --owner, --name, --type  register a new thing (all three), e.g. garage --owner alice --name "garage door" --type "garage door"
  --delay <ms>             how long the device takes to act (default: 500)
${STACK_FLAGS_HELP}`;

const OPTIONS = {
  owner: { type: 'string' },
  name: { type: 'string' },
  type: { type: 'string' },
  delay: { type: 'string', default: '500' },
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

main().then(
  (exitCode) => (process.exitCode = exitCode),
  (error: Error) => {
    console.error(`error: ${error.message}`);
    process.exitCode = 1;
  },
);
