import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './action.js';

/**
 * @release-actions/cli as a user gets it: `npm pack`, then installed from the tarball with no registry and an
 * empty cache, which succeeds only because the package has no dependencies.
 */
const exec = promisify(execFile);

export interface PackedCli {
  /** The temp folder holding everything: the tarball, the npm cache, HOME, the project and the global prefix. */
  work: string;
  tarball: string;
  packed: { filename: string; size: number; files: { path: string }[] };
  /** An empty project with the tarball installed (`npx -p @release-actions/cli` resolves to it). */
  project: string;
  /** `npm install -g` of the tarball went here; its `bin/` holds `release-gate`. */
  globalPrefix: string;
  /** The environment npm runs in: PATH, HOME and the offline npm settings, nothing of the test process. */
  env: Record<string, string>;
}

/** npm with no registry: a command that would need one fails at once instead of retrying. */
export function offlineNpmEnv(work: string, globalPrefix = join(work, 'global')): Record<string, string> {
  return {
    PATH: `${join(globalPrefix, 'bin')}:${process.env.PATH ?? ''}`,
    HOME: work,
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_registry: 'http://127.0.0.1:9/',
    npm_config_prefix: globalPrefix,
    npm_config_update_notifier: 'false',
    npm_config_fetch_retries: '0',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
}

/** Packs packages/cli and installs the tarball into an empty project and, with `global`, globally too. */
export async function installPackedCli(options: { global?: boolean } = {}): Promise<PackedCli> {
  const work = await mkdtemp(join(tmpdir(), 'release-gate-package-'));
  const globalPrefix = join(work, 'global');
  const env = offlineNpmEnv(work, globalPrefix);
  const npm = (args: string[], cwd: string) => exec('npm', args, { cwd, env });
  const { stdout } = await npm(
    ['pack', '--json', '--pack-destination', work],
    join(repoRoot, 'packages/cli'),
  );
  const [packed] = JSON.parse(stdout);
  const tarball = join(work, packed.filename);
  const project = join(work, 'project');
  await mkdir(project);
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'uses-release-gate', private: true }),
  );
  await npm(['install', '--offline', tarball], project);
  if (options.global) await npm(['install', '--global', '--offline', tarball], work);
  return { work, tarball, packed, project, globalPrefix, env };
}
