/** Named test layers: each folder under test/ is its own jest project. */
const transform = { '^.+\\.(t|j|mj)s$': ['@swc/jest'] };
// middy and jose ship ESM only; let swc turn them into CommonJS for jest.
const transformIgnorePatterns = ['/node_modules/(?!(@middy|jose)/)'];
const layer = (name, extra = {}) => ({
  displayName: name,
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
  transform,
  transformIgnorePatterns,
  testEnvironment: 'node',
  ...extra,
});

module.exports = {
  projects: [layer('unit'), layer('contract'), layer('adapters'), layer('statemachines'), layer('e2e'), layer('security'), layer('faults'), layer('infra')],
};
