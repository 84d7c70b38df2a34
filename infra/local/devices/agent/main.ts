/**
 * `npm run device -- <thing name> [--owner <user> --name "<spoken name>" --type <type>]`:
 * a device simulator that registers itself from a CSR (first run) and connects to the local
 * broker over MQTTS with its own certificate, e.g. `npm run device -- front-door`.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readLocalConfig } from '../../config';
import { readOperatorToken } from '../../identity/operator-token';
import { runDevice } from './device-runner';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { owner: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' }, delay: { type: 'string', default: '500' } },
  });
  const [thingName] = positionals;
  if (!thingName) {
    console.error('usage: npm run device -- <thing name> [--owner <user id> --name "<spoken name>" --type lock|printer|"garage door"]');
    return 2;
  }
  const config = readLocalConfig();
  const { owner, name, type } = values;
  const agent = await runDevice({
    baseUrl: `http://127.0.0.1:${config.port}`,
    operatorToken: readOperatorToken(config.dataDir),
    devicesDir: join(config.dataDir, 'devices'),
    thingName,
    ...(owner && name && type && { newThing: { owner, name, type } }),
    defaultMqttUrl: `mqtts://127.0.0.1:${config.mqttPort}`,
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
