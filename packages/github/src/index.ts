export * from './context.js';
export * from './inputs.js';
export * from './logger.js';
export * from './run.js';
export * from './summary.js';
