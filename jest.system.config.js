/** Tests that need a Debian tool (promtool); `.ci/run` installs it before running these. */
import { shared } from './jest.config.js';

export default {
  ...shared,
  testMatch: ['<rootDir>/test/**/*.system.test.ts'],
  passWithNoTests: true,
  testTimeout: 120000,
};
