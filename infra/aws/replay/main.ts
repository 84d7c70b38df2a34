import { SFNClient } from '@aws-sdk/client-sfn';
import { replayExecution } from './replay-execution';

const USAGE = 'usage: npm run replay -- <execution ARN of VoiceGate-confirm-command>';

/** `npm run replay -- <execution ARN>`: replays a stored command with the operator's own AWS credentials. */
async function main(args: string[]): Promise<void> {
  const [executionArn] = args;
  if (!executionArn || args.length !== 1 || executionArn === '--help') {
    console.log(USAGE);
    process.exitCode = executionArn === '--help' ? 0 : 1;
    return;
  }
  const region = executionArn.split(':')[3];
  const replay = await replayExecution(new SFNClient(region ? { region } : {}), executionArn);
  console.log(`Started ${replay.executionArn} (command ${replay.commandId}); it sends the user a fresh code.`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`replay failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
