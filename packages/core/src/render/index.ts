export * from './gate-summary.js';
export * from './markdown.js';
export * from './smoke-summary.js';
export * from './webhook-summary.js';
