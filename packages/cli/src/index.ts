export { COMMANDS } from './commands.js';
export { VERSION } from './version.js';
