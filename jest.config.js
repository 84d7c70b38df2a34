/** Named test layers: each folder under test/ is its own jest project. */
const transform = { '^.+\\.(t|j|mj)s$': ['@swc/jest'] };
// middy, jose, otplib's crypto and Base32 (@noble, @scure) and the aedes MQTT broker ship ESM only; let swc turn them into CommonJS for jest.
const transformIgnorePatterns = ['/node_modules/(?!(@middy|jose|@noble|@scure|aedes)/)'];
const layer = (name, extra = {}) => ({
  displayName: name,
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
  transform,
  transformIgnorePatterns,
  testEnvironment: 'node',
  // `npm run mutate` keeps its sandboxes under reports/.
  modulePathIgnorePatterns: ['<rootDir>/reports/'],
  ...extra,
});

// Deploys the synthesized stack on moto once per run (npm run emulator); the test files share it.
const EMULATOR = {
  globalSetup: '<rootDir>/test/emulator/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/emulator/support/global-teardown.ts',
};

// puppeteer-core (which drives Debian's chromium for test/console) and its own dependencies ship ESM only too.
const browserTransformIgnorePatterns = ['/node_modules/(?!(@middy|jose|@noble|@scure|aedes|puppeteer-core|@puppeteer|chromium-bidi)/)'];

module.exports = {
  // Stacks start and stop in hooks; on a busy 2-core machine 5 s is too tight for them.
  // (A global option: jest ignores testTimeout inside a project.)
  testTimeout: 30_000,
  // Failures (with their output) and the totals only: a passing run fits on one screen.
  reporters: [['summary', { summaryThreshold: 0 }], '<rootDir>/test/support/plain-summary-reporter.js'],
  projects: [
    layer('unit'),
    layer('contract'),
    layer('adapters'),
    layer('statemachines'),
    layer('interleavings'),
    layer('e2e'),
    layer('security'),
    layer('faults'),
    layer('infra'),
    layer('console', { transformIgnorePatterns: browserTransformIgnorePatterns }),
    layer('emulator', EMULATOR),
  ],
};
