// Scenario 9, version skew: a caller pinning `release-gate.yml@v1.2.3` runs v1.2.3's actions, even after
// `v1` moved on. An actions repository is built as release.yml builds one: main keeps `@v1`; each release
// commit is main with scripts/pin-release-refs.mjs applied, tagged vX.Y.Z, and v1 moved to it. The two
// releases' bundles differ visibly (each bundle prints its release), and the runner reads
// `org/release-actions/...@<ref>` from that repository (RepositorySettings.actionsRepository).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../harness/action.js';
import { loadRunner, type RepositorySettings, type RunRecord } from './runner/loader.js';
import { GOOD_V1, startWorld, type World } from './world.js';

const exec = promisify(execFile);
const marker = (release: string) => `release-actions bundle ${release}`;

let actions: string;
let gitDir: string;
let cacheDir: string;
/** Callers live under the checkout's ignored .tmp/ (the runner reads workflows relative to repoRoot). */
let callers: string;
let unpinnedMain: string;
let runner: Awaited<ReturnType<typeof loadRunner>>;
let world: World;

async function git(...args: string[]) {
  const { stdout } = await exec('git', args, {
    cwd: actions,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  });
  return stdout.trim();
}

/** Every bundle (ours and the fixture's) prints which release it belongs to. */
async function stampBundles(release: string) {
  for (const name of await readdir(join(actions, 'dist'))) {
    const file = join(actions, 'dist', name, 'index.js');
    const text = (await readFile(file, 'utf8')).replace(
      /^console\.log\('release-actions bundle [^']*'\);\n/,
      '',
    );
    await writeFile(file, `console.log('${marker(release)}');\n${text}`);
  }
}

/** What release.yml's release job does: pin, commit, annotated tag, move the major tag. */
async function release(tag: string) {
  await exec(process.execPath, [join(repoRoot, 'scripts/pin-release-refs.mjs'), tag, '--root', actions]);
  await git('commit', '-qam', `release ${tag}`);
  await git('tag', '-a', tag, '-m', tag);
  await git('tag', '-fa', 'v1', '-m', `v1 -> ${tag}`);
  await git('checkout', '-q', 'main');
}

beforeAll(async () => {
  const base = await mkdtemp(join(tmpdir(), 'release-pinning-'));
  actions = join(base, 'release-actions');
  cacheDir = join(base, 'refs');
  gitDir = join(actions, '.git');
  // This repository's actions as they are: each root action.yml, its dist bundle, the workflows.
  for (const entry of await readdir(repoRoot, { withFileTypes: true })) {
    if (!entry.isDirectory() || !existsSync(join(repoRoot, entry.name, 'action.yml'))) continue;
    await cp(join(repoRoot, entry.name, 'action.yml'), join(actions, entry.name, 'action.yml'));
    await cp(join(repoRoot, 'dist', entry.name), join(actions, 'dist', entry.name), { recursive: true });
  }
  await cp(join(repoRoot, '.github/workflows'), join(actions, '.github/workflows'), { recursive: true });
  // A tiny fixture action and a reusable workflow that calls it, as the real ones do (`@v1` on main).
  await mkdir(join(actions, 'marker'), { recursive: true });
  await writeFile(
    join(actions, 'marker/action.yml'),
    'name: marker\ndescription: prints its release\nruns:\n  using: node24\n  main: ../dist/marker/index.js\n',
  );
  await mkdir(join(actions, 'dist/marker'), { recursive: true });
  await writeFile(join(actions, 'dist/marker/index.js'), "console.log('the marker action ran');\n");
  await writeFile(
    join(actions, '.github/workflows/marker-gate.yml'),
    'name: marker gate\non:\n  workflow_call:\npermissions: {}\njobs:\n  gate:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: org/release-actions/marker@v1\n',
  );

  await exec('git', ['init', '-q', '-b', 'main', actions]);
  await stampBundles('v1.2.3');
  await git('add', '.');
  await git('commit', '-qm', 'main at v1.2.3');
  unpinnedMain = await git('rev-parse', 'HEAD');
  await git('checkout', '-q', '-b', 'release-v1.2.3');
  await release('v1.2.3');
  await stampBundles('v1.3.0');
  await git('commit', '-qam', 'main at v1.3.0');
  await git('checkout', '-q', '-b', 'release-v1.3.0');
  await release('v1.3.0');

  callers = join(repoRoot, '.tmp', `release-pinning-${process.pid}`);
  for (const ref of ['v1.2.3', 'v1', 'v9.9.9', unpinnedMain]) {
    await mkdir(callers, { recursive: true });
    await writeFile(
      join(callers, `marker-${ref}.yml`),
      `on: workflow_dispatch\npermissions: {}\njobs:\n  call:\n    uses: org/release-actions/.github/workflows/marker-gate.yml@${ref}\n`,
    );
  }
  await writeFile(
    join(callers, 'step-unknown-ref.yml'),
    'on: workflow_dispatch\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: org/release-actions/marker@v0.0.1\n',
  );
  await writeFile(
    join(callers, 'pinned-stand-in.yml'),
    'on: workflow_dispatch\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: mkdir -p out && echo hi > out/a.txt\n      - uses: actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2\n        with:\n          name: pinned\n          path: out/\n',
  );
  runner = await loadRunner();
  world = await startWorld();
}, 60_000);
afterAll(async () => {
  await world?.close();
  if (callers) await rm(callers, { recursive: true, force: true });
});

test('the release commits: reusable workflows pinned to their own tag, main still on @v1, v1 at v1.3.0', async () => {
  const show = (ref: string, path: string) => git('show', `${ref}:${path}`);
  expect(await show('v1.2.3', '.github/workflows/release-gate.yml')).toContain(
    'uses: org/release-actions/smoke@v1.2.3',
  );
  expect(await show('v1.2.3', '.github/workflows/release-gate.yml')).not.toMatch(
    /release-actions\/[a-z-]+@v1$/m,
  );
  expect(await show('main', '.github/workflows/release-gate.yml')).toContain(
    'uses: org/release-actions/smoke@v1\n',
  );
  expect(await git('rev-parse', 'v1^{commit}')).toBe(await git('rev-parse', 'v1.3.0^{commit}'));
  expect(await git('cat-file', '-t', 'v1.2.3')).toBe('tag'); // annotated
  // Only .github/workflows/ differs between main and its release commit.
  expect((await git('diff', '--name-only', unpinnedMain, 'v1.2.3')).split('\n')).toEqual(
    expect.arrayContaining(['.github/workflows/release-gate.yml', '.github/workflows/marker-gate.yml']),
  );
  expect(await git('diff', '--name-only', unpinnedMain, 'v1.2.3', '--', ':!.github/workflows')).toBe('');
});

function settings(): RepositorySettings {
  return { ...world.repo, actionsRepository: { gitDir, cacheDir } };
}

const callerOf = (ref: string) => relative(repoRoot, join(callers, `marker-${ref}.yml`));
const expectSucceeded = (run: RunRecord) =>
  expect({ conclusion: run.conclusion, log: run.conclusion === 'success' ? '' : run.log }).toEqual({
    conclusion: 'success',
    log: '',
  });

test('a caller pinned to @v1.2.3 runs v1.2.3 actions although v1 points at v1.3.0; a caller on @v1 runs v1.3.0', async () => {
  const pinned = await runner.runWorkflow(settings(), {
    workflow: callerOf('v1.2.3'),
    event: 'workflow_dispatch',
    sha: GOOD_V1,
  });
  expectSucceeded(pinned);
  expect(pinned.log).toContain('the marker action ran');
  expect(pinned.log).toContain(marker('v1.2.3'));
  expect(pinned.log).not.toContain(marker('v1.3.0'));

  const major = await runner.runWorkflow(settings(), {
    workflow: callerOf('v1'),
    event: 'workflow_dispatch',
    sha: GOOD_V1,
  });
  expectSucceeded(major);
  expect(major.log).toContain(marker('v1.3.0'));
  expect(major.log).not.toContain(marker('v1.2.3'));
});

test('the skew pinning prevents: an unpinned commit (@v1 inside) pinned by SHA runs whatever v1 is today', async () => {
  const run = await runner.runWorkflow(settings(), {
    workflow: callerOf(unpinnedMain),
    event: 'workflow_dispatch',
    sha: GOOD_V1,
  });
  expectSucceeded(run);
  // Its own bundles say v1.2.3, but the workflow's `marker@v1` ran v1.3.0's.
  expect(run.log).toContain(marker('v1.3.0'));
});

test('an unknown ref fails clearly, naming the ref: a reusable workflow at load, an action as its step', async () => {
  await expect(
    runner.runWorkflow(settings(), {
      workflow: callerOf('v9.9.9'),
      event: 'workflow_dispatch',
      sha: GOOD_V1,
    }),
  ).rejects.toThrow(/unable to resolve ref 'v9\.9\.9' of the actions repository/);
  const run = await runner.runWorkflow(settings(), {
    workflow: relative(repoRoot, join(callers, 'step-unknown-ref.yml')),
    event: 'workflow_dispatch',
    sha: GOOD_V1,
  });
  expect(run.conclusion).toBe('failure');
  expect(run.log).toContain("##[error]unable to resolve ref 'v0.0.1' of the actions repository");
});

test("this repository's release-gate.yml, pinned by the script to v1.2.3, runs only v1.2.3 bundles (v1 = v1.3.0)", async () => {
  const template = await readFile(join(repoRoot, 'action-templates/release-gate.yml'), 'utf8');
  const caller = join(callers, 'release-gate-v1.2.3.yml');
  await mkdir(dirname(caller), { recursive: true });
  await writeFile(caller, template.replaceAll('release-gate.yml@v1\n', 'release-gate.yml@v1.2.3\n'));
  const run = await runner.runWorkflow(settings(), {
    workflow: relative(repoRoot, caller),
    event: 'push',
    sha: '2'.repeat(40),
  });
  expectSucceeded(run);
  expect(run.job('staging').outputs).toMatchObject({ verdict: 'promote' });
  expect(run.job('production').outputs).toMatchObject({ verdict: 'promote' });
  // deploy-webhook, smoke and report ran in each environment, every one the v1.2.3 bundle.
  expect(run.log.split(marker('v1.2.3')).length - 1).toBeGreaterThanOrEqual(6);
  expect(run.log).not.toContain(marker('v1.3.0'));
}, 120_000);

test("GitHub's actions pinned to a commit SHA run their stand-ins (upload-artifact@<sha> # v4.6.2)", async () => {
  const run = await runner.runWorkflow(settings(), {
    workflow: relative(repoRoot, join(callers, 'pinned-stand-in.yml')),
    event: 'workflow_dispatch',
    sha: GOOD_V1,
  });
  expectSucceeded(run);
  expect(world.artifactFiles('pinned').get('a.txt')?.toString('utf8')).toBe('hi\n');
});
