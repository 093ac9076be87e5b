export * from './schemas.js';
export * from './spec.js';
