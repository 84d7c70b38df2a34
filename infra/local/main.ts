import { readLocalConfig } from './config';
import { startLocalStack } from './app';

/** `npm start`: the whole product on this machine, no AWS account. */
async function main(): Promise<void> {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24) {
    console.warn(`warning: running on Node ${process.versions.node}; VoiceGate needs Node 24. Run "npm ci" (without --ignore-scripts) so npm scripts use the project's Node.`);
  }
  const started = Date.now();
  const config = readLocalConfig();
  const stack = await startLocalStack(config);
  console.log(`VoiceGate is running (started in ${Date.now() - started} ms, data in ${config.dataDir})`);
  console.log(`  Operator console:  ${stack.url}/`);
  console.log(`  Alexa endpoint:    POST ${stack.url}/alexa   (skill id ${config.skillId})`);
  const { resumed, ended } = stack.recovered;
  if (resumed > 0) console.log(`  Resumed ${resumed} command(s) still waiting for their code.`);
  if (ended > 0) console.log(`  Ended ${ended} command(s) the previous run left unfinished (see the audit trail).`);
  console.log(`Try it: in another terminal run "npm run chat", then say "list instances" and "start splunk".`);
  const shutdown = () => void stack.close().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: Error & { code?: string }) => {
  if (error.code === 'EADDRINUSE') console.error(`error: port ${process.env.PORT ?? 3000} is in use. Stop the other program or set PORT, e.g. PORT=3001 npm start`);
  else console.error(`error: ${error.message}`);
  process.exit(1);
});
