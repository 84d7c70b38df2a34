/**
 * `npm run explore -- --runs N [--seed S]`: the interleaving suites with N runs per scenario
 * from a fresh seed (or S). A failure prints the seed, the path and the shrunk schedule.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10000' }, seed: { type: 'string' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a positive integer, got ${values.runs}`);
  process.exit(2);
}
const seed = values.seed ?? String(Math.floor(Math.random() * 2 ** 31));
console.log(`exploring ${runs} interleavings per scenario from seed ${seed}`);
const jest = spawnSync('npx', ['jest', '--selectProjects', 'interleavings', '--testTimeout', String(Math.max(60_000, runs * 100))], {
  stdio: 'inherit',
  env: { ...process.env, INTERLEAVING_RUNS: String(runs), INTERLEAVING_SEED: seed, INTERLEAVING_TIME_LIMIT_MS: '0' },
});
process.exit(jest.status ?? 1);
