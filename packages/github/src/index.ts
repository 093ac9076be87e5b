export * from './context.js';
export * from './gate-summary.js';
export * from './inputs.js';
export * from './logger.js';
export * from './run.js';
export * from './summary.js';
