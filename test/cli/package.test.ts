import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { VERSION } from '@release-actions/core';
import { repoRoot } from '../harness/action.js';
import { installPackedCli, type PackedCli } from '../harness/packed-cli.js';

/** The package as a user installs it: packed, then installed from the tarball into an empty project, offline. */
const exec = promisify(execFile);
const packageDir = join(repoRoot, 'packages/cli');
let cli: PackedCli;

function releaseGate(args: string[]) {
  return exec(join(cli.project, 'node_modules/.bin/release-gate'), args, {
    cwd: cli.project,
    env: { PATH: process.env.PATH ?? '', HOME: cli.work },
  });
}

beforeAll(async () => {
  cli = await installPackedCli();
}, 60_000);

afterAll(async () => {
  await rm(cli.work, { recursive: true, force: true });
});

test('the package holds the bundle, its README and package.json, and declares no dependencies', () => {
  const paths = cli.packed.files.map((file) => file.path).sort();
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
