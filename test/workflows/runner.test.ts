// The local workflow runner's own semantics, on small fixture workflows: what GitHub does with triggers,
// status functions, continue-on-error, post steps, matrices, environments, secrets, permissions and
// concurrency, so the scenarios that run our templates rest on behaviour that is itself checked.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type ArtifactServer, startArtifactServer } from '../servers/artifact-server.js';
import { type GithubApiServer, startGithubApi } from '../servers/github-api-loader.js';
import { loadRunner, type RepositorySettings } from './runner/loader.js';

let github: GithubApiServer;
let artifacts: ArtifactServer;
let root: string;
let runner: Awaited<ReturnType<typeof loadRunner>>;

beforeAll(async () => {
  artifacts = await startArtifactServer();
  github = await startGithubApi({ artifacts });
  runner = await loadRunner();
  root = await mkdtemp(join(tmpdir(), 'runner-fixture-'));
  // A node action of "this repository" with a post step; it writes outputs and state with file commands.
  await put(
    'echo-action/action.yml',
    `name: echo\ndescription: d\ninputs:\n  message:\n    description: m\n    default: hello \${{ github.repository }}\noutputs:\n  said:\n    description: s\nruns:\n  using: node24\n  main: main.mjs\n  post: post.mjs\n`,
  );
  await put(
    'echo-action/main.mjs',
    `import { appendFileSync } from 'node:fs';
const message = process.env['INPUT_MESSAGE'];
console.log('saying ' + message);
appendFileSync(process.env.GITHUB_OUTPUT, 'said=' + message + '\\n');
appendFileSync(process.env.GITHUB_STATE, 'said=' + message + '\\n');
if (message === 'fail') process.exit(1);
`,
  );
  await put('echo-action/post.mjs', `console.log('post saw ' + process.env.STATE_said);\n`);
});
afterAll(async () => {
  await github.close();
  await artifacts.close();
});

async function put(path: string, content: string) {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), content);
}

function settings(extra: Partial<RepositorySettings> = {}): RepositorySettings {
  return { repoRoot: root, repository: 'acme/shop', github, artifacts, stepTimeoutMs: 20_000, ...extra };
}

test('push filters: branches [main] runs on main; $default-branch (a template placeholder) never matches a copied file', async () => {
  await put(
    '.github/workflows/main.yml',
    'on:\n  push:\n    branches: [main]\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n',
  );
  await put(
    '.github/workflows/placeholder.yml',
    'on:\n  push:\n    branches: [$default-branch]\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n',
  );
  const main = await runner.runWorkflow(settings(), {
    workflow: '.github/workflows/main.yml',
    event: 'push',
    sha: 'a'.repeat(40),
  });
  expect(main).toMatchObject({ triggered: true, conclusion: 'success' });
  const other = await runner.runWorkflow(settings(), {
    workflow: '.github/workflows/main.yml',
    event: 'push',
    sha: 'a'.repeat(40),
    ref: 'refs/heads/dev',
  });
  expect(other.triggered).toBe(false);
  const placeholder = await runner.runWorkflow(settings(), {
    workflow: '.github/workflows/placeholder.yml',
    event: 'push',
    sha: 'a'.repeat(40),
  });
  expect(placeholder).toMatchObject({ triggered: false, reason: expect.stringContaining('$default-branch') });
});

test('steps: status functions, continue-on-error outcome vs conclusion, GITHUB_ENV/GITHUB_OUTPUT, action defaults and post steps in reverse order', async () => {
  await put(
    '.github/workflows/steps.yml',
    `on: workflow_dispatch
jobs:
  a:
    runs-on: ubuntu-latest
    outputs:
      said: \${{ steps.echo.outputs.said }}
    steps:
      - id: echo
        uses: ./echo-action
      - id: soft
        continue-on-error: true
        uses: org/release-actions/echo-action@v1
        with:
          message: fail
      - id: env
        run: |
          echo "GREETING=from env" >> "$GITHUB_ENV"
          echo "value=\${{ steps.soft.outcome }}/\${{ steps.soft.conclusion }}" >> "$GITHUB_OUTPUT"
      - id: sees-env
        run: echo "greeting=$GREETING" >> "$GITHUB_OUTPUT"
      - id: hard
        run: exit 3
      - id: skipped-by-success
        run: echo never
      - id: on-failure
        if: failure()
        run: echo "ran=yes" >> "$GITHUB_OUTPUT"
      - id: always
        if: \${{ always() && steps.hard.outcome == 'failure' }}
        run: echo ok
`,
  );
  const run = await runner.runWorkflow(settings(), {
    workflow: '.github/workflows/steps.yml',
    event: 'workflow_dispatch',
    sha: 'b'.repeat(40),
  });
  const job = run.job('a');
  const step = (id: string) => job.steps.find((s) => s.id === id)!;
  expect(job.result).toBe('failure');
  expect(step('echo').outputs.said).toBe('hello acme/shop');
  expect(step('soft')).toMatchObject({ outcome: 'failure', conclusion: 'success' });
  expect(step('env').outputs.value).toBe('failure/success');
  expect(step('sees-env').outputs.greeting).toBe('from env');
  expect(step('hard')).toMatchObject({ outcome: 'failure', conclusion: 'failure' });
  expect(step('skipped-by-success').outcome).toBe('skipped');
  expect(step('on-failure').outputs.ran).toBe('yes');
  expect(step('always').outcome).toBe('success');
  // Post steps run last, the later main step's first, each with its own state.
  const posts = job.steps.filter((s) => s.post);
  expect(posts.map((s) => s.log.trim())).toEqual(['post saw fail', 'post saw hello acme/shop']);
  expect(job.steps.at(-1)!.post).toBe(true);
  expect(job.outputs.said).toBe('hello acme/shop');
});

test('matrix with include, needs outputs, and a job output holding a secret is dropped as GitHub drops it', async () => {
  await put(
    '.github/workflows/matrix.yml',
    `on: workflow_dispatch
jobs:
  m:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        include:
          - environment: staging
            drill: true
          - environment: production
            drill: false
    steps:
      - run: echo "\${{ matrix.environment }}=\${{ matrix.drill }}"
  leak:
    runs-on: ubuntu-latest
    outputs:
      token: \${{ steps.s.outputs.token }}
      plain: \${{ steps.s.outputs.plain }}
    steps:
      - id: s
        run: |
          echo "token=\${{ secrets.API_TOKEN }}" >> "$GITHUB_OUTPUT"
          echo "plain=visible" >> "$GITHUB_OUTPUT"
          echo "the token is \${{ secrets.API_TOKEN }}"
  after:
    needs: [m, leak]
    runs-on: ubuntu-latest
    steps:
      - id: n
        run: echo "seen=\${{ needs.leak.outputs.plain }}|\${{ needs.leak.outputs.token }}|\${{ needs.m.result }}" >> "$GITHUB_OUTPUT"
`,
  );
  const run = await runner.runWorkflow(settings({ secrets: { API_TOKEN: 'tok_0123456789abcdef' } }), {
    workflow: '.github/workflows/matrix.yml',
    event: 'workflow_dispatch',
    sha: 'c'.repeat(40),
  });
  expect(run.jobs.map((j) => j.key).filter((k) => k.startsWith('m '))).toEqual([
    'm (staging, true)',
    'm (production, false)',
  ]);
  expect(run.job('m (staging, true)').steps[0]!.log).toContain('staging=true');
  const leak = run.job('leak');
  expect(leak.droppedOutputs).toEqual(['token']);
  expect(leak.steps[0]!.log).toContain('the token is ***');
  expect(leak.steps[0]!.log).not.toContain('tok_0123456789abcdef');
  expect(leak.steps[0]!.rawLog).toContain('tok_0123456789abcdef');
  expect(run.job('after').steps[0]!.outputs.seen).toBe('visible||success');
});

test('environments: secrets resolve only in a job that names the environment, never in a caller job; GitHub records a deployment unless deployment: false; permissions bound the job token', async () => {
  await put(
    '.github/workflows/called.yml',
    `on:
  workflow_call:
    inputs:
      environment:
        type: string
        required: true
      flag:
        type: boolean
        default: true
    secrets:
      PASSED:
        required: false
    outputs:
      seen:
        value: \${{ jobs.inner.outputs.seen }}
jobs:
  inner:
    runs-on: ubuntu-latest
    environment: \${{ inputs.environment }}
    permissions:
      deployments: write
    outputs:
      seen: \${{ steps.s.outputs.seen }}
    steps:
      - id: s
        run: |
          echo "seen=\${{ secrets.ENV_ONLY != '' }}/\${{ secrets.PASSED != '' }}/\${{ inputs.flag }}" >> "$GITHUB_OUTPUT"
          code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: token \${{ github.token }}" \\
            "$GITHUB_API_URL/repos/$GITHUB_REPOSITORY/deployments" -d '{"ref":"main","environment":"x","required_contexts":[]}')
          echo "create-deployment: $code"
`,
  );
  await put(
    '.github/workflows/caller.yml',
    `on: workflow_dispatch
permissions:
  contents: read
jobs:
  call:
    uses: ./.github/workflows/called.yml
    with:
      environment: staging
    secrets:
      PASSED: \${{ secrets.ENV_ONLY }}
  plain:
    runs-on: ubuntu-latest
    environment:
      name: production
      deployment: false
    steps:
      - id: s
        run: echo "seen=\${{ secrets.ENV_ONLY != '' }}" >> "$GITHUB_OUTPUT"
`,
  );
  const before = github.deployments.length;
  const run = await runner.runWorkflow(
    settings({ environments: { staging: { secrets: { ENV_ONLY: 'env-secret-value-1' } }, production: {} } }),
    { workflow: '.github/workflows/caller.yml', event: 'workflow_dispatch', sha: 'd'.repeat(40) },
  );
  // The caller job cannot see staging's secret (PASSED is empty); the job inside staging can.
  expect(run.job('call').outputs.seen).toBe('true/false/true');
  expect(run.job('plain').steps[0]!.outputs.seen).toBe('false');
  // The called job asked for deployments: write, but the caller's workflow grants only contents: read.
  expect(run.job('call/inner').permissions).toEqual({ deployments: 'none' });
  expect(run.job('call/inner').steps[0]!.log).toContain('create-deployment: 403');
  expect(github.forbiddenRequests.at(-1)).toMatchObject({
    tokenLabel: 'call/inner',
    required: 'deployments: write',
  });
  // GitHub's own deployment for the staging job, none for production (deployment: false).
  const created = github.deployments.slice(before);
  expect(created.map((d) => [d.environment, d.sha, d.statuses.map((s) => s.state)])).toEqual([
    ['staging', 'd'.repeat(40), ['in_progress', 'success']],
  ]);
});

test('concurrency: by default a newcomer cancels the pending job; with queue: max every run waits its turn in order', async () => {
  for (const [name, queue] of [
    ['single', ''],
    ['max', '\n      queue: max'],
  ] as const) {
    await put(
      `.github/workflows/${name}.yml`,
      `on: workflow_dispatch
jobs:
  j:
    runs-on: ubuntu-latest
    concurrency:
      group: deploy-\${{ github.repository }}
      cancel-in-progress: false${queue}
    steps:
      - run: sleep 0.5
`,
    );
  }
  const start = async (name: string) => {
    const concurrency = new runner.ConcurrencyGroups();
    const repo = settings({ concurrency });
    const runs: Array<Promise<Awaited<ReturnType<typeof runner.runWorkflow>>>> = [];
    for (let i = 0; i < 3; i++) {
      runs.push(
        runner.runWorkflow(repo, {
          workflow: `.github/workflows/${name}.yml`,
          event: 'workflow_dispatch',
          sha: 'e'.repeat(40),
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return Promise.all(runs);
  };
  const single = await start('single');
  expect(single.map((r) => r.job('j').result)).toEqual(['success', 'cancelled', 'success']);
  const queued = await start('max');
  expect(queued.map((r) => r.job('j').result)).toEqual(['success', 'success', 'success']);
  const [a, b, c] = queued.map((r) => r.job('j'));
  expect(b!.steps[0]!.outcome).toBe('success');
  expect(a!.finishedAt).toBeLessThanOrEqual(b!.finishedAt - 400);
  expect(b!.finishedAt).toBeLessThanOrEqual(c!.finishedAt - 400);
}, 60_000);

test("expressions: every '' in a string literal is one quote, as GitHub evaluates it (a run: script with several quotes and ${{ }})", async () => {
  await put(
    '.github/workflows/quotes.yml',
    `on: workflow_dispatch
jobs:
  q:
    runs-on: ubuntu-latest
    steps:
      - id: s
        run: echo "out=\${{ github.repository }} %{a} {b} it's Bob's" >> "$GITHUB_OUTPUT"
`,
  );
  const run = await runner.runWorkflow(settings(), {
    workflow: '.github/workflows/quotes.yml',
    event: 'workflow_dispatch',
    sha: 'f'.repeat(40),
  });
  expect(run.job('q').steps[0]!.outputs.out).toBe("acme/shop %{a} {b} it's Bob's");
});
