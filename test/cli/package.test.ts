import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { VERSION } from '@release-actions/core';
import { repoRoot } from '../harness/action.js';

/**
 * @release-actions/cli as a user gets it: `npm pack`, then installed from the tarball into an empty project
 * with no registry and an empty cache, which succeeds only because the package has no dependencies.
 */
const exec = promisify(execFile);
const packageDir = join(repoRoot, 'packages/cli');
let work: string;
let project: string;
let packed: { filename: string; size: number; files: { path: string }[] };

/** npm with nothing from the test process (NODE_OPTIONS, npm_config_* of the outer run) and no registry. */
function npm(args: string[], cwd: string) {
  return exec('npm', args, {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: work,
      npm_config_cache: join(work, 'npm-cache'),
      npm_config_registry: 'http://127.0.0.1:9/',
      npm_config_update_notifier: 'false',
    },
  });
}

function releaseGate(args: string[]) {
  return exec(join(project, 'node_modules/.bin/release-gate'), args, {
    cwd: project,
    env: { PATH: process.env.PATH ?? '', HOME: work },
  });
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'release-gate-package-'));
  const { stdout } = await npm(['pack', '--json', '--pack-destination', work], packageDir);
  [packed] = JSON.parse(stdout);
  project = join(work, 'project');
  await mkdir(project);
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'uses-release-gate', private: true }),
  );
  await npm(['install', '--offline', '--no-audit', '--no-fund', join(work, packed.filename)], project);
}, 60_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

test('the package holds the bundle, its README and package.json, and declares no dependencies', () => {
  const paths = packed.files.map((file) => file.path).sort();
  expect(paths).toContain('dist/index.js');
  expect(paths).toContain('README.md');
  expect(paths.filter((path) => !path.startsWith('dist/'))).toEqual(['README.md', 'package.json']);
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  expect(manifest).toMatchObject({ bin: { 'release-gate': 'dist/index.js' }, version: VERSION });
  expect(manifest.private).toBeUndefined();
  expect(manifest.dependencies).toBeUndefined();
});

test('the installed release-gate prints the version', async () => {
  const { stdout } = await releaseGate(['--version']);
  expect(stdout).toBe(`release-gate ${VERSION}\n`);
});

test('the installed release-gate smokes a local server', async () => {
  const server: Server = createServer((_request, response) => response.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const { stdout } = await releaseGate(['smoke', '--url', `http://127.0.0.1:${port}/healthz`]);
    expect(stdout).toContain('passed');
  } finally {
    server.close();
  }
});
