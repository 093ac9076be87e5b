export * from './checklist.js';
export * from './evaluate.js';
export * from './evidence.js';
export * from './output.js';
export * from './readiness-checklist.js';
export * from './record.js';
export * from './rules.js';
