export * from './bundle.js';
export * from './digest.js';
export * from './glob.js';
export * from './manifest.js';
export * from './summary.js';
