/** Unit tests (packages/NAME/__tests__) and end-to-end tests (test/): everything that needs only `npm ci`. */
const shared = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'es6' } },
    ],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};

export default {
  ...shared,
  testMatch: ['<rootDir>/packages/*/__tests__/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '\\.system\\.test\\.ts$'],
  testTimeout: 60000,
  // Most tests wait on child processes (the bundles, the workflow scenarios) and local servers rather than
  // on CPU: on 2 cores, 3 workers took the suite from about 5 to 2.5 minutes (jest's default is cores - 1).
  maxWorkers: 3,
};

export { shared };
