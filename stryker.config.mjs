// @ts-check
/**
 * `npm run mutate`: StrykerJS over the code that decides the security rules, killed by the
 * fast tiers only (unit, contract, statemachines), so a surviving mutant means "no fast
 * test notices this change". Incremental: a re-run re-tests only what changed since the
 * committed incremental file.
 */
import { createRequire } from 'node:module';

// MUTATE_TIERS=unit,contract narrows the run when the machine is busy (the local stacks are the slow part).
const FAST_TIERS = (process.env.MUTATE_TIERS ?? 'unit,contract,statemachines').split(',');

const require = createRequire(import.meta.url);
const jestConfig = require('./jest.config.js');
/** Each area keeps its own incremental file, so a re-run (or a change landed) in one area leaves the others' results alone. */
const AREAS = require('./test/mutation/areas.json');
// `npm run mutate` (test/mutation/mutate.ts) sets the area for each run.
const area = process.env.MUTATE_AREA;
if (area === undefined || !Object.hasOwn(AREAS, area)) {
  throw new Error(`MUTATE_AREA must be one of ${Object.keys(AREAS).join(', ')} (got ${area ?? 'nothing'}); npm run mutate runs them all in turn`);
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    config: {
      ...jestConfig,
      reporters: ['default'],
      // The chat/device tool tests spawn processes and test none of the mutated code.
      projects: jestConfig.projects
        .filter((project) => FAST_TIERS.includes(project.displayName))
        .map((project) => ({ ...project, testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/unit/chat/'] })),
    },
    enableFindRelatedTests: false,
  },
  coverageAnalysis: 'perTest',
  mutate: AREAS[area],
  // Static mutants (module-level constants) need the whole fast suite per mutant; their
  // rules are pinned by the tests of the functions that read them.
  ignoreStatic: true,
  // The machine has 2 cores shared with other work.
  concurrency: 2,
  timeoutMS: 5_000,
  dryRunTimeoutMinutes: 30,
  timeoutFactor: 2.5,
  incremental: true,
  incrementalFile: `reports/mutation/incremental-${area}.json`,
  reporters: ['clear-text', 'html', 'json', 'progress'],
  htmlReporter: { fileName: `reports/mutation/${area}.html` },
  jsonReporter: { fileName: `reports/mutation/${area}.json` },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  tempDirName: 'reports/mutation/.stryker-tmp',
  cleanTempDir: true,
  thresholds: { high: 95, low: 90, break: null },
};
