import { loadBundled } from '../../harness/bundle-loader.js';
import type * as Runner from './run.js';

export type * from './run.js';

/**
 * The local workflow runner, loaded as an esbuild bundle: GitHub's workflow parser imports its JSON schema
 * without an import attribute, which neither Node 20 nor jest's module runtime accepts as is.
 */
export const loadRunner = () =>
  loadBundled<typeof Runner>(new URL('./run.ts', import.meta.url).pathname, [
    new URL('.', import.meta.url).pathname,
    new URL('../../harness', import.meta.url).pathname,
  ]);
