export * from './context.js';
export * from './delivery.js';
export * from './deploy.js';
export * from './deployments.js';
export * from './host.js';
export * from './trigger-rollback.js';
export * from './verify-rollback.js';
