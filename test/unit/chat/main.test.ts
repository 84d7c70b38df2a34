/** `npm run chat` as a process: piped stdin, the start-up hint, the exit codes. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StackLock } from '../../../infra/local/stack-lock';
import { closedPort, speech, startStubStack, type StubStack, writeOperatorToken } from './stub-stack';

const ROOT = join(__dirname, '../../..');

interface Finished {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

function runChat(port: number, dataDir: string, stdin: string, args: string[] = []): Promise<Finished> {
  return runTool('infra/local/chat/main.ts', stdin, args, { PORT: String(port), VOICEGATE_DATA_DIR: dataDir });
}

/** A tool as `npm run` starts it, with the environment's stack settings replaced by `env`. */
function runTool(script: string, stdin: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Finished> {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['VOICEGATE_SKILL_ID', 'PORT', 'VOICEGATE_DATA_DIR', 'VOICEGATE_MQTT_PORT']) delete base[name];
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), script, ...args], { cwd: ROOT, env: { ...base, ...env } });
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
      `Talking to cloud control as bob at ${stack.baseUrl}. Try: list instances, help, authorize <code>. Ctrl+D to quit.`,
      'alexa> You asked for ListInstancesIntent.',
      'alexa> You asked for StartInstanceIntent.',
      '',
    ]);
    expect(stack.alexaRequests().map(({ request }) => request.type)).toEqual(['IntentRequest', 'IntentRequest', 'SessionEndedRequest']);
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

  it('--port reaches a stack on another port', async () => {
    const { exitCode } = await runTool('infra/local/chat/main.ts', 'list instances\n', ['--port', String(stack.port), '--data-dir', stack.dataDir]);

    expect(exitCode).toBe(0);
    expect(stack.alexaRequests().map(({ request }) => request.type)).toEqual(['IntentRequest', 'SessionEndedRequest']);
  }, 20_000);

  it('finds the port in the lock file of the stack running on --data-dir', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'voicegate-chat-'));
    StackLock.acquire(dataDir).listening({ port: stack.port }); // this test process is the running "stack"
    writeOperatorToken(dataDir);

    const { exitCode, stdout } = await runTool('infra/local/chat/main.ts', 'list instances\n', ['--data-dir', dataDir, '--user', 'bob']);

    rmSync(dataDir, { recursive: true, force: true });
    expect(exitCode).toBe(0);
    expect(stdout).toContain(`as bob at ${stack.baseUrl}`);
    expect(stack.alexaRequests()).toHaveLength(2);
  }, 20_000);

  it('--help prints the usage with every flag and exits 0 without calling the stack', async () => {
    const { exitCode, stdout } = await runTool('infra/local/chat/main.ts', '', ['--help']);

    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^usage: npm run chat/);
    for (const flag of ['--user', '--port', '--data-dir', '--help']) expect(stdout).toContain(flag);
    expect(stack.requests).toEqual([]);
  }, 20_000);

  it('a mistyped flag prints what was wrong and the usage, exit 2', async () => {
    const { exitCode, stderr } = await runTool('infra/local/chat/main.ts', '', ['--prot', '3001']);

    expect(exitCode).toBe(2);
    expect(stderr).toContain("Unknown option '--prot'");
    expect(stderr).toContain('usage: npm run chat');
  }, 20_000);
});

describe('npm run device', () => {
  let stack: StubStack;
  beforeEach(async () => (stack = await startStubStack()));
  afterEach(() => stack.close());

  it('--help prints the usage with every flag and exits 0', async () => {
    const { exitCode, stdout } = await runTool('infra/local/devices/agent/main.ts', '', ['--help']);

    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^usage: npm run device -- <thing name>/);
    for (const flag of ['--owner', '--port', '--data-dir', '--help']) expect(stdout).toContain(flag);
  }, 20_000);

  it('--port asks the stack on that port about the device', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'voicegate-device-'));
    writeOperatorToken(dataDir);

    const { exitCode } = await runTool('infra/local/devices/agent/main.ts', '', ['front-door', '--port', String(stack.port), '--data-dir', dataDir]);

    rmSync(dataDir, { recursive: true, force: true });
    expect(exitCode).toBe(1); // the stub has no device API
    expect(stack.requests.map(({ method, path }) => `${method} ${path}`)).toContain('GET /api/devices');
  }, 30_000);
});
