export * from './inputs.js';
export * from './logger.js';
export * from './run.js';
