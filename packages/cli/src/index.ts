export { VERSION } from '@release-actions/core/version';
export { COMMANDS } from './commands.js';
