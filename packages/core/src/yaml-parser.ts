// Imported only by yaml.ts, on its first call.
export { parse } from 'yaml';
