import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type * as GithubApi from './github-api.js';

export type { ApiDeployment, ApiStatus, Fault, GithubApiServer, RecordedRequest } from './github-api.js';

const here = new URL('.', import.meta.url).pathname;
let loaded: Promise<typeof GithubApi> | undefined;

/**
 * Loads the local GitHub API server (github-api.ts) as an esbuild bundle, built once per content hash
 * into the temp directory: jest cannot load openapi-backend's CommonJS-requires-ESM chain itself.
 */
async function load(): Promise<typeof GithubApi> {
  const source = join(here, 'github-api.ts');
  const hash = createHash('sha256')
    .update(readFileSync(source))
    .update(readFileSync(join(here, 'github-api.spec.json')))
    .digest('hex')
    .slice(0, 16);
  const outfile = join(tmpdir(), `release-actions-github-api-${hash}.mjs`);
  if (!existsSync(outfile)) {
    const temp = `${outfile}.${process.pid}.tmp.mjs`;
    await build({
      entryPoints: [source],
      outfile: temp,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      banner: {
        js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
      logLevel: 'warning',
    });
    const { renameSync } = await import('node:fs');
    renameSync(temp, outfile);
  }
  return (await import(outfile)) as typeof GithubApi;
}

export async function startGithubApi(
  options: Parameters<typeof GithubApi.startGithubApi>[0] = {},
): Promise<GithubApi.GithubApiServer> {
  loaded ??= load();
  return (await loaded).startGithubApi(options);
}
