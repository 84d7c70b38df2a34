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
  // Stacks start and stop in hooks; on a busy 2-core machine 5 s is too tight for them.
  testTimeout: 30_000,
  ...extra,
});

module.exports = {
  // testTimeout is a global option: set inside a project it is ignored and tests get jest's 5 s.
  testTimeout: 30_000,
  // Failures (with their output) and the totals only: a passing run fits on one screen.
  reporters: [['summary', { summaryThreshold: 0 }], '<rootDir>/test/support/plain-summary-reporter.js'],
  projects: [layer('unit'), layer('contract'), layer('adapters'), layer('statemachines'), layer('e2e'), layer('security'), layer('faults'), layer('infra')],
};
