export * from './client.js';
export * from './idempotency.js';
export * from './payload.js';
export * from './signing.js';
