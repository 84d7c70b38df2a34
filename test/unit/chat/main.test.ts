/** `npm run chat` as a process: piped stdin, the start-up hint, the exit codes. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { closedPort, speech, startStubStack, type StubStack } from './stub-stack';

const ROOT = join(__dirname, '../../..');

interface Finished {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

function runChat(port: number, dataDir: string, stdin: string, args: string[] = []): Promise<Finished> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), VOICEGATE_DATA_DIR: dataDir };
  delete env.VOICEGATE_SKILL_ID;
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'infra/local/chat/main.ts', ...args], { cwd: ROOT, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr })));
}

describe('npm run chat', () => {
  let stack: StubStack;

  beforeEach(async () => {
    stack = await startStubStack();
  });
  afterEach(() => stack.close());

  it('answers every piped line, slow answers included, then ends the session and exits 0', async () => {
    // Arrange: a skill that takes its time, so lines queue up behind pending turns
    stack.answerAlexa = async (envelope) => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      return speech(`You asked for ${envelope.request.intent?.name}.`);
    };

    // Act
    const { exitCode, stdout } = await runChat(stack.port, stack.dataDir, 'list instances\nstart splunk\n', ['--user', 'bob']);

    // Assert
    expect(exitCode).toBe(0);
    expect(stdout.split('\n')).toEqual([
      `Talking to cloud control as bob at ${stack.baseUrl}. Try: list instances, start splunk, authorize <code>. Ctrl+D to quit.`,
      'alexa> You asked for ListInstancesIntent.',
      'alexa> You asked for StartInstanceIntent.',
      '',
    ]);
    expect(stack.alexaRequests().map(({ request }) => request.type)).toEqual([
      'IntentRequest',
      'IntentRequest',
      'SessionEndedRequest',
    ]);
    expect(stack.requests.find(({ path }) => path === '/api/dev/tokens')?.body).toEqual({ userId: 'bob' });
  }, 20_000);

  it('says to run npm start, and exits 1, when nothing listens on the port', async () => {
    const { exitCode, stdout, stderr } = await runChat(await closedPort(), stack.dataDir, 'list instances\n');

    expect(exitCode).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([expect.stringContaining('run `npm start`')]);
  }, 20_000);

  it('exits 1 before the first utterance when the stack does not know the user', async () => {
    const { exitCode, stdout, stderr } = await runChat(stack.port, stack.dataDir, 'list instances\n', ['--user', 'nobody']);

    expect(exitCode).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('POST /api/dev/tokens answered 404');
    expect(stack.alexaRequests()).toEqual([]);
  }, 20_000);
});
