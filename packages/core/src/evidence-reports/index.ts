export * from './delivery.js';
export * from './load-calibration.js';
export * from './markdown.js';
export * from './metrics.js';
export * from './receiver-drill.js';
export * from './receiver-validation.js';
export * from './schemas.js';
export * from './write.js';
