export * from './event-log.js';
export * from './metrics.js';
export * from './server.js';
