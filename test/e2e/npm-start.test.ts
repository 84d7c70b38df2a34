/** `npm start` (infra/local/start.ts): the stack runs with the allocator settings, in the one process tsx started. */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE_NAME } from '../../infra/local/stack-lock';

const ROOT = join(__dirname, '../..');

interface Started {
  tsx: ChildProcess;
  dataDir: string;
  /** The stack's pid, as its lock file records it. */
  stackPid: number;
  exited: Promise<number | null>;
}

async function npmStart(extraEnv: NodeJS.ProcessEnv): Promise<Started> {
  const dataDir = mkdtempSync(join(tmpdir(), 'voicegate-npm-start-'));
  const { MALLOC_ARENA_MAX: _inherited, ...env } = process.env;
  const tsx = spawn(process.execPath, [require.resolve('tsx/cli'), 'infra/local/start.ts'], {
    cwd: ROOT,
    env: { ...env, VOICEGATE_DATA_DIR: dataDir, PORT: '0', VOICEGATE_MQTT_PORT: '0', ...extraEnv },
  });
  const exited = new Promise<number | null>((resolve) => tsx.once('exit', resolve));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    tsx.stdout?.on('data', (chunk) => {
      output += String(chunk);
      if (output.includes('Try it:')) resolve();
    });
    tsx.stderr?.on('data', (chunk) => (output += String(chunk)));
    void exited.then((code) => reject(new Error(`npm start exited with ${code}: ${output}`)));
  });
  const { pid } = JSON.parse(readFileSync(join(dataDir, LOCK_FILE_NAME), 'utf8')) as { pid: number };
  return { tsx, dataDir, stackPid: pid, exited };
}

/** The process's environment as the kernel shows it (Linux). */
function environmentOf(pid: number): Record<string, string> {
  const entries = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
  return Object.fromEntries(entries.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
}

function childrenOf(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

// /proc shows another process's environment; glibc (whose setting this is) is Linux's C library.
const onLinux = process.platform === 'linux' ? describe : describe.skip;

onLinux('npm start', () => {
  let started: Started | undefined;

  afterEach(async () => {
    if (started && started.tsx.exitCode === null) {
      started.tsx.kill('SIGTERM');
      await started.exited;
    }
    if (started) rmSync(started.dataDir, { recursive: true, force: true });
    started = undefined;
  });

  it('runs the stack with one malloc arena in the process tsx started, and stops cleanly on SIGTERM', async () => {
    started = await npmStart({});

    expect(environmentOf(started.stackPid).MALLOC_ARENA_MAX).toBe('1');
    // The launcher replaced itself with the stack: no second Node process stays around.
    expect(childrenOf(started.tsx.pid ?? 0)).toEqual([started.stackPid]);

    started.tsx.kill('SIGTERM');
    expect(await started.exited).toBe(0);
    expect(existsSync(join(started.dataDir, LOCK_FILE_NAME))).toBe(false);
  }, 90_000);

  it('keeps an allocator setting the user gave', async () => {
    started = await npmStart({ MALLOC_ARENA_MAX: '2' });

    expect(environmentOf(started.stackPid).MALLOC_ARENA_MAX).toBe('2');
  }, 90_000);
});
