import { loadBundled } from '../harness/bundle-loader.js';
import type * as GithubApi from './github-api.js';

export type {
  ApiDeployment,
  ApiStatus,
  Fault,
  GithubApiServer,
  RecordedRequest,
} from './github-api.js';

/**
 * The local GitHub API server (github-api.ts), loaded as an esbuild bundle: jest cannot load
 * openapi-backend's CommonJS-requires-ESM chain itself.
 */
export async function startGithubApi(
  options: Parameters<typeof GithubApi.startGithubApi>[0] = {},
): Promise<GithubApi.GithubApiServer> {
  const module = await loadBundled<typeof GithubApi>(new URL('./github-api.ts', import.meta.url).pathname, [
    new URL('.', import.meta.url).pathname,
  ]);
  return module.startGithubApi(options);
}
