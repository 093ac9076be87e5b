export * from './calibration.js';
export * from './conditions.js';
export * from './drill-evaluate.js';
export * from './evaluate.js';
export * from './format.js';
export * from './markdown.js';
export * from './output.js';
export * from './schema.js';
