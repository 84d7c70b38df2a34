/**
 * `npm run chat [-- --user bob --port 3001]`: talk to the local stack as you would to an Echo.
 * Reads one utterance per line, interactively or piped (`echo "list instances" | npm run chat`).
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import model from '../../../skill/skill-package/interactionModels/custom/en-US.json';
import { findStack, parseFlags, STACK_FLAGS, STACK_FLAGS_HELP } from '../stack-finder';
import { readOperatorToken } from '../identity/operator-token';
import { ChatSession, ServerUnreachableError } from './session';
import { createUtteranceMatcher } from './utterance-matcher';

const USAGE = `usage: npm run chat [-- --user <user id> --port <n> --data-dir <dir>]
Talk to the local VoiceGate stack as you would to an Echo, one utterance per line.
  --user <user id>  the linked account to speak as (default: alice)
${STACK_FLAGS_HELP}`;

async function main(): Promise<number> {
  const values = parseFlags(() => parseArgs({ options: { user: { type: 'string', default: 'alice' }, ...STACK_FLAGS } }).values, USAGE);
  if (!values) return 2;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const { baseUrl, dataDir } = findStack(values);
  const session = new ChatSession({
    baseUrl,
    operatorToken: readOperatorToken(dataDir),
    userId: values.user,
    skillId: process.env.VOICEGATE_SKILL_ID,
    matcher: createUtteranceMatcher(model),
    print: (line) => console.log(line),
  });
  try {
    await session.connect();
  } catch (error) {
    if (!(error instanceof ServerUnreachableError)) throw error;
    console.error(`VoiceGate is not answering at ${baseUrl}: run \`npm start\` in another terminal first, or pass its --port.`);
    return 1;
  }
  console.log(`Talking to cloud control as ${values.user} at ${baseUrl}. Try: list instances, help, authorize <code>. Ctrl+D to quit.`);
  await converse(session, process.stdin.isTTY === true);
  return 0;
}

/** One turn per line, in order; piped input ends only after its last turn is answered. */
async function converse(session: ChatSession, interactive: boolean): Promise<void> {
  const lines = createInterface({ input: process.stdin, output: process.stdout, terminal: interactive, prompt: 'you> ' });
  lines.on('SIGINT', () => lines.close()); // Ctrl+C quits like Ctrl+D
  if (interactive) lines.prompt();
  for await (const line of lines) {
    await session.say(line).catch(reportError);
    if (interactive) lines.prompt();
  }
  await session.end().catch(reportError);
}

function reportError(error: unknown): void {
  console.error(`[error] ${error instanceof Error ? error.message : String(error)}`);
}

main().then(
  (exitCode) => (process.exitCode = exitCode),
  (error: unknown) => {
    reportError(error);
    process.exitCode = 1;
  },
);
