import { join } from 'node:path';
import { readLocalConfig } from './config';
import { OPERATOR_TOKEN_FILE } from './identity/operator-token';
import { startLocalStack } from './app';
import { toolCommand } from './tool-hints';

/** `npm start`: the whole product on this machine, no AWS account. */
async function main(): Promise<void> {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24) {
    console.warn(
      `warning: running on Node ${process.versions.node}; VoiceGate needs Node 24. Run "npm ci" (without --ignore-scripts) so npm scripts use the project's Node.`,
    );
  }
  const started = Date.now();
  const config = readLocalConfig();
  const stack = await startLocalStack(config);
  const address = { port: Number(new URL(stack.url).port), dataDir: config.dataDir };
  console.log(`VoiceGate is running (started in ${Date.now() - started} ms, data in ${config.dataDir})`);
  console.log(`  Operator console:  ${stack.consoleUrl}`);
  console.log(`                     (the token in it is your operator secret, kept in ${join(config.dataDir, OPERATOR_TOKEN_FILE)})`);
  console.log(`  Alexa endpoint:    POST ${stack.url}/alexa   (skill id ${config.skillId})`);
  // The stack serves without devices if the MQTT port is taken; say so rather than fail.
  const mqttUrl = await stack.devices.start().then(
    () => stack.devices.mqttUrl,
    () => undefined,
  );
  if (mqttUrl) {
    stack.lock.listening({ port: address.port, mqttPort: Number(new URL(mqttUrl).port) });
    console.log(`  Device broker:     ${mqttUrl}   (TLS, client certificates; \`${toolCommand('device', address, 'front-door')}\`)`);
  } else console.log(`  Device broker:     not running: port ${config.mqttPort} is in use? Set VOICEGATE_MQTT_PORT.`);
  const { resumed, ended } = stack.recovered;
  if (resumed > 0) console.log(`  Resumed ${resumed} command(s) still waiting for their code.`);
  if (ended > 0) console.log(`  Ended ${ended} command(s) the previous run left unfinished (see the audit trail).`);
  console.log(
    `Try it: in another terminal run "${toolCommand('chat', address)}", then say "list instances", "start splunk" or "what is the status of the front door".`,
  );
  const shutdown = () => void stack.close().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

// A second start on a held data dir (StackAlreadyRunning) is one line too: its message says who holds it.
main().catch((error: Error & { code?: string }) => {
  if (error.code === 'EADDRINUSE')
    console.error(`error: port ${process.env.PORT ?? 3000} is in use. Stop the other program or set PORT, e.g. PORT=3001 npm start`);
  else console.error(`error: ${error.message}`);
  process.exit(1);
});
