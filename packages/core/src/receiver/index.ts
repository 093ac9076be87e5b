export * from './deliveries.js';
export * from './event-log.js';
export * from './metrics.js';
export * from './server.js';
