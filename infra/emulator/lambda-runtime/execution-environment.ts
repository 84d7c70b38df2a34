/**
 * One Lambda execution environment: a Node 24 child process running lambda-worker.cjs with the
 * function's environment, answering one invocation at a time.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { projectPath } from '../../aws/project-paths';
import type { LambdaFunctionSpec } from './function-spec';

export type InvocationOutcome = { result: unknown } | { error: { errorType: string; errorMessage: string; trace?: string[] } };

const WORKER = require.resolve('./lambda-worker.cjs');

/** The functions' runtime is nodejs24.x: the project's own Node 24 (the `node` devDependency), whichever Node runs the emulator. */
export function lambdaNodeBinary(): string {
  const projectNode = projectPath('node_modules', 'node', 'bin', 'node');
  const binary = existsSync(projectNode) ? projectNode : process.execPath;
  const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  if (!version.startsWith('v24.')) {
    throw new Error(`the functions run on nodejs24.x but ${binary} is ${version}: run npm ci (without --ignore-scripts) to install the project's Node 24`);
  }
  return binary;
}

export class ExecutionEnvironment {
  private constructor(
    private readonly spec: LambdaFunctionSpec,
    private readonly child: ChildProcess,
  ) {}

  /** Starts the process and waits for the handler module to load (the init phase). */
  static async start(node: string, spec: LambdaFunctionSpec, env: Record<string, string>, log: Writable): Promise<ExecutionEnvironment> {
    const child = spawn(node, [WORKER], { env, cwd: spec.bundleDir, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    // Piped by the stdio option above; the types cannot tell with an IPC channel in the list.
    if (!child.stdout || !child.stderr) {
      child.kill();
      throw new Error(`${spec.functionName}: the runtime process has no output pipes`);
    }
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`${spec.functionName} failed to initialize (exit code ${code})`)));
    });
    child.removeAllListeners('exit');
    return new ExecutionEnvironment(spec, child);
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Runs one invocation; past the function's Timeout the environment is ended, as Lambda does. */
  invoke(event: unknown): Promise<InvocationOutcome> {
    const requestId = randomUUID();
    const timeoutMs = this.spec.timeoutSeconds * 1000;
    return new Promise((resolve) => {
      const finish = (outcome: InvocationOutcome) => {
        clearTimeout(timer);
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
        resolve(outcome);
      };
      const onMessage = (message: { requestId?: string } & InvocationOutcome) => {
        if (message.requestId === requestId) finish(message);
      };
      const onExit = (code: number | null) =>
        finish({ error: { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: exit status ${code}` } });
      const timer = setTimeout(() => {
        this.stop();
        finish({
          error: {
            errorType: 'Sandbox.Timedout',
            errorMessage: `RequestId: ${requestId} Error: Task timed out after ${this.spec.timeoutSeconds.toFixed(2)} seconds`,
          },
        });
      }, timeoutMs);
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
      this.child.send({ requestId, event, deadline: Date.now() + timeoutMs, invokedFunctionArn: this.spec.functionArn });
    });
  }

  stop(): void {
    if (this.alive) this.child.kill('SIGKILL');
  }
}
