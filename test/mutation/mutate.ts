/**
 * `npm run mutate [-- --areas skill,domain] [--table-only] [stryker options…]`: runs StrykerJS
 * once per area (each with its own incremental file, see stryker.config.mjs), then prints the
 * score per area and overall against the 90 % target. Options other than --areas and
 * --table-only go to every `stryker run`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import AREAS from './areas.json';
import { type AreaRow, formatScoreTable, type MutationReport, tallyReport } from './score-table';

const ALL_AREAS = Object.keys(AREAS);

interface Options {
  areas: string[];
  tableOnly: boolean;
  strykerArgs: string[];
}

function parseOptions(argv: string[]): Options {
  const options: Options = { areas: ALL_AREAS, tableOnly: false, strykerArgs: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--table-only') options.tableOnly = true;
    else if (arg === '--areas') options.areas = parseAreas(argv[++i]);
    else if (arg.startsWith('--areas=')) options.areas = parseAreas(arg.slice('--areas='.length));
    else options.strykerArgs.push(arg);
  }
  return options;
}

function parseAreas(list: string | undefined): string[] {
  const areas = (list ?? '').split(',').filter(Boolean);
  const unknown = areas.filter((area) => !ALL_AREAS.includes(area));
  if (areas.length === 0 || unknown.length > 0) {
    console.error(`--areas takes a comma-separated list of ${ALL_AREAS.join(', ')}; got "${list ?? ''}"`);
    process.exit(2);
  }
  return areas;
}

/** Runs one area; true when Stryker finished. */
function runArea(area: string, step: string, strykerArgs: string[]): boolean {
  console.log(`\n=== mutate ${step}: ${area} (${AREAS[area as keyof typeof AREAS].join(', ')}) ===`);
  const startedAt = Date.now();
  const stryker = spawnSync('npx', ['stryker', 'run', ...strykerArgs], { stdio: 'inherit', env: { ...process.env, MUTATE_AREA: area } });
  const minutes = ((Date.now() - startedAt) / 60_000).toFixed(1);
  const finished = stryker.status === 0;
  console.log(`=== ${area}: ${finished ? 'done' : `stryker failed (exit ${stryker.status ?? stryker.signal})`} after ${minutes} min ===`);
  return finished;
}

/** The latest report of the area: this machine's last run, else the committed incremental file. */
function readAreaRow(area: string): AreaRow {
  for (const path of [`reports/mutation/${area}.json`, `reports/mutation/incremental-${area}.json`]) {
    if (!existsSync(path)) continue;
    console.log(`${area}: ${path}`);
    return { area, tally: tallyReport(JSON.parse(readFileSync(path, 'utf8')) as MutationReport) };
  }
  return { area, tally: undefined };
}

const options = parseOptions(process.argv.slice(2));
const failed = options.tableOnly ? [] : options.areas.filter((area, i) => !runArea(area, `${i + 1}/${options.areas.length}`, options.strykerArgs));
console.log('\nMutation score per area (killed + timeout) ÷ (killed + timeout + survived + no coverage):');
const rows = ALL_AREAS.map(readAreaRow);
console.log(`\n${formatScoreTable(rows)}`);
if (failed.length > 0) {
  console.error(`stryker failed for ${failed.join(', ')}; their rows are from an earlier run`);
  process.exit(1);
}
