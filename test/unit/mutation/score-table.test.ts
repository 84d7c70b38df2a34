import { addTallies, formatScoreTable, type MutationReport, mutationScore, type Tally, tallyReport } from '../../mutation/score-table';

const tally = (counts: Partial<Tally>): Tally => ({ killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, invalid: 0, ...counts });

describe("npm run mutate's score table", () => {
  it('counts every mutant of every file by its status, errors apart and pending not at all', () => {
    const report: MutationReport = {
      files: {
        'a.ts': { mutants: [{ status: 'Killed' }, { status: 'Survived' }, { status: 'Timeout' }, { status: 'CompileError' }] },
        'b.ts': { mutants: [{ status: 'NoCoverage' }, { status: 'Ignored' }, { status: 'Killed' }, { status: 'RuntimeError' }, { status: 'Pending' }] },
      },
    };

    expect(tallyReport(report)).toEqual(tally({ killed: 2, timeout: 1, survived: 1, noCoverage: 1, ignored: 1, invalid: 2 }));
  });

  it('scores like Stryker: timeouts count as detected, no coverage as undetected, ignored and errors not at all', () => {
    expect(mutationScore(tally({ killed: 6, timeout: 3, survived: 2, noCoverage: 1, ignored: 50, invalid: 7 }))).toBe(75);
    expect(mutationScore(tally({ ignored: 4 }))).toBeUndefined();
  });

  it('scores the overall row from the summed counts, not as the mean of the area scores', () => {
    const overall = addTallies([tally({ killed: 1 }), tally({ killed: 8, survived: 1 })]);

    expect(overall).toEqual(tally({ killed: 9, survived: 1 }));
    expect(mutationScore(overall)).toBe(90);
  });

  it('passes at exactly 90 % overall and misses just below it', () => {
    const table = (survived: number) => formatScoreTable([{ area: 'domain', tally: tally({ killed: 900, survived }) }]);

    expect(table(100)).toContain('PASS at 90.0 %');
    expect(table(101)).toContain('MISS at 89.9 %');
  });

  it('misses the target while an area has no report, whatever the others score', () => {
    const table = formatScoreTable([
      { area: 'domain', tally: tally({ killed: 10 }) },
      { area: 'skill', tally: undefined },
    ]);

    expect(table).toMatch(/^skill\s.*no report$/m);
    expect(table).toContain('MISS at 100.0 % (no report for skill)');
  });

  it('prints a row per area, then the overall row, in aligned columns', () => {
    const lines = formatScoreTable([
      { area: 'use-cases', tally: tally({ killed: 3, timeout: 1, survived: 1, noCoverage: 3, ignored: 2 }) },
      { area: 'skill', tally: tally({ killed: 1 }) },
    ]).split('\n');

    expect(lines.slice(0, 4)).toEqual([
      'area       killed  timeout  survived  no coverage  ignored    score',
      'use-cases       3        1         1            3        2   50.0 %',
      'skill           1        0         0            0        0  100.0 %',
      'overall         4        1         1            3        2   55.6 %',
    ]);
  });
});
