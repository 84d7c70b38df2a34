import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const TSX_CLI = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** `npm run soak -- --quick` end to end, so the soak cannot rot: a few dozen confirmations, memory sampled. */
describe('the soak run, in its quick smoke mode', () => {
  it('confirms every command through the real stack and reports the RSS growth of the last half, trend and two-sample', async () => {
    // Without a value of its own, so the stack gets npm start's.
    const { MALLOC_ARENA_MAX: _own, ...env } = process.env;
    const child = spawn(process.execPath, [TSX_CLI, 'bench/soak.ts', '--quick', '--confirmations', '40'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.once('exit', done));

    expect({ code, stderr: code === 0 ? '' : stderr.slice(-2000) }).toEqual({ code: 0, stderr: '' });
    const rows = stdout.split('\n').filter((line) => /^\d+\t/.test(line));
    // Every 5% through warm-up, every 1% (here every confirmation) through the judged last half.
    expect(rows.map((row) => Number(row.split('\t')[0]))).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, ...Array.from({ length: 20 }, (_, i) => 21 + i)]);
    expect(stdout).toMatch(/^stack process allocator: .*MALLOC_ARENA_MAX=1/m);
    expect(stdout).toMatch(/Growth over confirmations 20–40 \(least-squares trend of 21 samples/);
    expect(stdout).toMatch(/^ {2}RSS : trend -?[\d.]+ MiB .*, two samples -?[\d.]+ MiB$/m);
    expect(stdout).toMatch(/RSS trend -?[\d.]+ MiB, anon trend -?[\d.]+ MiB; target each <= 5.0 MiB: SMOKE/);
  }, 180_000);
});
