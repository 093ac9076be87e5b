export * from './artifacts.js';
export * from './schemas.js';
export * from './spec.js';
