// @ts-check
/**
 * `npm run mutate`: StrykerJS over the code that decides the security rules, killed by the
 * fast tiers only (unit, contract, statemachines), so a surviving mutant means "no fast
 * test notices this change". Incremental: a re-run re-tests only what changed since the
 * committed incremental file.
 */
import { createRequire } from 'node:module';

const jestConfig = createRequire(import.meta.url)('./jest.config.js');
const FAST_TIERS = ['unit', 'contract', 'statemachines'];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    config: { ...jestConfig, reporters: ['default'], projects: jestConfig.projects.filter((p) => FAST_TIERS.includes(p.displayName)) },
    enableFindRelatedTests: false,
  },
  coverageAnalysis: 'perTest',
  mutate: ['functions/domain/**/*.ts', 'functions/use-cases/**/*.ts', 'skill/**/*.ts', 'infra/local/workflow/**/*.ts'],
  // Static mutants (module-level constants) need the whole fast suite per mutant; their
  // rules are pinned by the tests of the functions that read them.
  ignoreStatic: true,
  // The machine has 2 cores shared with other work.
  concurrency: 2,
  timeoutMS: 5_000,
  timeoutFactor: 2.5,
  incremental: true,
  incrementalFile: 'reports/mutation/incremental.json',
  reporters: ['clear-text', 'html', 'json', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/report.json' },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  tempDirName: 'reports/mutation/.stryker-tmp',
  cleanTempDir: true,
  thresholds: { high: 95, low: 90, break: null },
};
