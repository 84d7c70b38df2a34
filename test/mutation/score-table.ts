/**
 * The arithmetic and layout of `npm run mutate`'s summary: counts per status from a
 * mutation-testing-report-schema report, and the score the way Stryker computes it.
 */

/** A mutant's status as the report schema spells it. */
export type MutantStatus = 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';

/** The part of a mutation-testing-report-schema report the summary reads. */
export interface MutationReport {
  files: Record<string, { mutants: { status: MutantStatus }[] }>;
}

export interface Tally {
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  ignored: number;
  /** Compile and runtime errors: the mutant never ran, so it counts neither way. */
  invalid: number;
}

export const MUTATION_TARGET_PERCENT = 90;

const EMPTY: Tally = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, invalid: 0 };

const FIELD_OF_STATUS: Record<MutantStatus, keyof Tally | undefined> = {
  Killed: 'killed',
  Timeout: 'timeout',
  Survived: 'survived',
  NoCoverage: 'noCoverage',
  Ignored: 'ignored',
  CompileError: 'invalid',
  RuntimeError: 'invalid',
  // Only in a report written mid-run; it has no result yet.
  Pending: undefined,
};

export function tallyReport(report: MutationReport): Tally {
  const tally = { ...EMPTY };
  for (const { mutants } of Object.values(report.files)) {
    for (const { status } of mutants) {
      const field = FIELD_OF_STATUS[status];
      if (field === undefined) continue;
      tally[field]++;
    }
  }
  return tally;
}

export function addTallies(tallies: Tally[]): Tally {
  const sum = { ...EMPTY };
  for (const tally of tallies) {
    for (const field of Object.keys(sum) as (keyof Tally)[]) sum[field] += tally[field];
  }
  return sum;
}

/** Stryker's mutation score in percent: detected ÷ (detected + undetected); undefined when nothing was scored. */
export function mutationScore(tally: Tally): number | undefined {
  const detected = tally.killed + tally.timeout;
  const scored = detected + tally.survived + tally.noCoverage;
  return scored === 0 ? undefined : (100 * detected) / scored;
}

export interface AreaRow {
  area: string;
  /** Undefined when the area has no report yet. */
  tally: Tally | undefined;
}

/** The per-area table, the overall row, and whether the overall score meets the target. */
export function formatScoreTable(rows: AreaRow[]): string {
  const reported = rows.flatMap((row) => (row.tally ? [row.tally] : []));
  const overall = addTallies(reported);
  const missing = rows.filter((row) => !row.tally).map((row) => row.area);
  const lines = [
    ['area', 'killed', 'timeout', 'survived', 'no coverage', 'ignored', 'score'],
    ...rows.map((row) => tableRow(row.area, row.tally)),
    tableRow('overall', overall),
  ];
  return [...alignColumns(lines), '', verdict(mutationScore(overall), missing)].join('\n');
}

function tableRow(label: string, tally: Tally | undefined): string[] {
  if (!tally) return [label, '–', '–', '–', '–', '–', 'no report'];
  const counts = [tally.killed, tally.timeout, tally.survived, tally.noCoverage, tally.ignored].map(String);
  return [label, ...counts, formatPercent(mutationScore(tally))];
}

function formatPercent(score: number | undefined): string {
  return score === undefined ? '–' : `${score.toFixed(1)} %`;
}

function verdict(score: number | undefined, missingAreas: string[]): string {
  const met = score !== undefined && score >= MUTATION_TARGET_PERCENT && missingAreas.length === 0;
  const missing = missingAreas.length > 0 ? ` (no report for ${missingAreas.join(', ')})` : '';
  return `target: overall ≥ ${MUTATION_TARGET_PERCENT} % → ${met ? 'PASS' : 'MISS'} at ${formatPercent(score)}${missing}`;
}

function alignColumns(lines: string[][]): string[] {
  const widths = lines[0]?.map((_, column) => Math.max(...lines.map((line) => line[column]?.length ?? 0))) ?? [];
  return lines.map((line) => line.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  '));
}
