/**
 * `npm run bench [-- --quick] [--out FILE] [--only SECTIONS] [--cpu-prof DIR]`: measures
 * the product as it runs (see bench/README.md), prints one table to stdout, progress to
 * stderr, and writes the results as JSON (bench/results.json by default).
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from './options';
import { stderrProgress } from './progress';
import { runBench } from './run';
import { machineLine, renderTable, tableRows } from './table';

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24) {
    throw new Error(`the bench needs Node 24 (this is ${process.version}); run it with "npm run bench" after "npm ci" so npm scripts use the project's Node`);
  }
  const progress = stderrProgress();
  progress(`bench (${options.quick ? 'quick smoke mode' : 'full'}): ${options.only.join(', ')}`);
  const [load] = loadavg();
  if (load !== undefined && load > cpus().length / 2) {
    progress(`note: the machine is busy (load ${load.toFixed(2)} on ${cpus().length} cores); every number will be slower than on a quiet machine`);
  }
  const results = await runBench(options, progress);
  writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
  progress(`wrote ${options.out}`);
  process.stdout.write(`${machineLine(results)}\n\n${renderTable(tableRows(results))}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
