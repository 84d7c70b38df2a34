/** A second `npm start` on a data dir a running stack holds: one line, exit 1, nothing touched. */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { StackAlreadyRunningError } from '../../infra/local/stack-lock';
import { LocalStackHarness } from '../support/local-stack-harness';

const ROOT = join(__dirname, '../..');

function npmStart(env: NodeJS.ProcessEnv): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'infra/local/start.ts'], { cwd: ROOT, env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  return new Promise((resolve) => child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr })));
}

/** Every file under the data dir with its size and modification time. */
function snapshot(dir: string): Record<string, string> {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return Object.fromEntries(
    entries.map((e) => {
      const path = join(e.parentPath, e.name);
      const { size, mtimeMs } = statSync(path);
      return [path, `${size}@${mtimeMs}`];
    }),
  );
}

describe('one stack per data dir', () => {
  let vg: LocalStackHarness;
  beforeAll(async () => (vg = await LocalStackHarness.start()));
  afterAll(async () => vg.close());

  it('a second npm start on the same data dir says who runs it in one line, exits 1 and changes nothing', async () => {
    const before = snapshot(vg.config.dataDir);
    const port = new URL(vg.stack.url).port;

    const second = await npmStart({ VOICEGATE_DATA_DIR: vg.config.dataDir, PORT: '0', VOICEGATE_MQTT_PORT: '0' });

    expect(second.exitCode).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^error: VoiceGate is already running on data dir .* \\(pid ${process.pid}, at http://127.0.0.1:${port}/\\)`)),
    ]);
    expect(snapshot(vg.config.dataDir)).toEqual(before);
    expect(await vg.say('alice', 'ListInstancesIntent')).toMatch(/^You have three instances/);
  }, 60_000);

  it('a second stack in the same process is refused before the store is opened', async () => {
    await expect(LocalStackHarness.start({ dataDir: vg.config.dataDir })).rejects.toBeInstanceOf(StackAlreadyRunningError);
    expect(await vg.say('alice', 'ListInstancesIntent')).toMatch(/^You have three instances/);
  });
});
