import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const TSX_CLI = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** `npm run soak -- --quick` end to end, so the soak cannot rot: a few dozen confirmations, memory sampled. */
describe('the soak run, in its quick smoke mode', () => {
  it('confirms every command through the real stack and reports the RSS growth of the last half', async () => {
    const child = spawn(process.execPath, [TSX_CLI, 'bench/soak.ts', '--quick', '--confirmations', '40'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.once('exit', done));

    expect({ code, stderr: code === 0 ? '' : stderr.slice(-2000) }).toEqual({ code: 0, stderr: '' });
    const rows = stdout.split('\n').filter((line) => /^\d+\t/.test(line));
    expect(rows.map((row) => Number(row.split('\t')[0]))).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40]);
    expect(stdout).toMatch(/RSS growth over confirmations 20–40: -?[\d.]+ MiB .*: SMOKE/);
  }, 180_000);
});
