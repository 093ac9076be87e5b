export { VERSION } from '@release-actions/core';
export { COMMANDS } from './commands.js';
