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
