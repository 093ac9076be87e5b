// Cold start of every action (results: bench/results/actions.json): `node dist/<action>/index.js` as a
// runner starts it (inputs as INPUT_* with action.yml's defaults, GITHUB_OUTPUT and the step summary as
// files), each with one cheap, realistic invocation (see INVOCATIONS), against the toolkit floor (a
// bundle that only imports @actions/core and sets one output) and bare `node -e 0`, interleaved in the
// same run so machine noise hits all of them alike. Beside the times: what each action loads at start
// (its entry and the chunks it imports statically, by package) and what stays in chunks loaded on demand.
// Aim: every action within 1.5x of the toolkit floor. `node bench/actions.bench.mjs [action...]`.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  buildToolkitFloor,
  median,
  ratio,
  root,
  round,
  startEndpointServer,
  startupLoad,
  timeProcess,
} from './cold-start.mjs';

const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 15);
const SHA = 'a'.repeat(40);

/**
 * One invocation per action: `inputs` over action.yml's defaults, the workspace it runs in (`gate`: the
 * one a smoke and a deploy-webhook run left a report in, as in a release job), the exit codes it may end
 * with, and what it does, for the results. No GitHub token and no artifact runtime anywhere: these are
 * the runs that need neither, so they show what an action pays at start when it never calls GitHub.
 */
const INVOCATIONS = {
  smoke: {
    what: 'one HTTP probe against a local server',
    inputs: ({ base }) => ({ urls: `${base}/now` }),
  },
  'deploy-webhook': {
    what: 'one unsigned deploy webhook to a local server (200), no GitHub deployment',
    inputs: ({ base }) => ({
      'webhook-url': `${base}/now/deploy`,
      environment: 'staging',
      sha: SHA,
      version: '1.4.2',
    }),
  },
  'trigger-rollback': {
    what: 'one rollback webhook to a local server (200) with an explicit rollback-ref',
    inputs: ({ base }) => ({
      'webhook-url': `${base}/now/rollback`,
      environment: 'staging',
      'rollback-ref': 'v1.4.1',
      sha: SHA,
    }),
  },
  'rollback-verify': {
    what: 'one HTTP probe against a local server, no callback webhook',
    inputs: ({ base }) => ({ environment: 'staging', urls: `${base}/now` }),
  },
  evidence: {
    what: 'load-calibration: 20 requests to a local server',
    inputs: ({ base }) => ({
      kind: 'load-calibration',
      targets: `${base}/now`,
      requests: '20',
      rate: '0',
      concurrency: '2',
    }),
  },
  report: {
    what: "the gate's verdict (promote) from the smoke + deploy report; no runtime token, so not uploaded",
    workspace: 'gate',
    inputs: () => ({}),
  },
  'drill-evaluate': {
    what: 'the smoke + deploy report as the staging drill report (attention_required: no production)',
    workspace: 'gate',
    inputs: () => ({ staging: 'release-gate/report.json', 'out-dir': 'drill-artifacts' }),
  },
  'readiness-checklist': {
    what: 'the default checklist over the smoke + deploy report (NO-GO, exit 1); no upload runtime',
    workspace: 'gate',
    codes: [0, 1],
    inputs: () => ({ 'release-owner': 'octocat', 'rollback-owner': 'octocat', 'rollback-ref': 'v1.4.1' }),
  },
};

const only = process.argv.slice(2);
const actions = Object.keys(INVOCATIONS).filter((action) => !only.length || only.includes(action));
const temp = await mkdtemp(join(tmpdir(), 'actions-bench-'));
const server = await startEndpointServer(0);

/** The defaults from `<action>/action.yml`, as the runner applies them (`${{ }}` expressions left out). */
async function actionDefaults(action) {
  const yaml = parseYaml(await readFile(join(root, action, 'action.yml'), 'utf8'));
  return Object.fromEntries(
    Object.entries(yaml.inputs ?? {})
      .filter(([, spec]) => spec.default !== undefined && !String(spec.default).includes('${{'))
      .map(([name, spec]) => [name, String(spec.default)]),
  );
}

/** The step environment of one action run: a runner's variables, fresh output and summary files. */
async function stepEnv(action, inputs, workspace) {
  const output = join(temp, `out-${Math.random()}`);
  const summary = join(temp, `sum-${Math.random()}`);
  await writeFile(output, '');
  await writeFile(summary, '');
  const env = {
    PATH: process.env.PATH,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: temp,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_RUN_ID: '1001',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTOR: 'octocat',
    GITHUB_WORKFLOW: 'release',
    GITHUB_SHA: SHA,
    GITHUB_REF: 'refs/heads/main',
  };
  for (const [name, value] of Object.entries({ ...(await actionDefaults(action)), ...inputs }))
    env[`INPUT_${name.toUpperCase()}`] = value;
  return env;
}

const workspaces = { gate: join(temp, 'gate') };
await mkdir(workspaces.gate);
const runOnce = async (action, workspace) => {
  const invocation = INVOCATIONS[action];
  const env = await stepEnv(action, invocation.inputs(server), workspace);
  return timeProcess([join(root, 'dist', action, 'index.js')], env, workspace, invocation.codes);
};

try {
  // The report the gate-side actions read: a smoke and a deploy-webhook run in the gate workspace.
  await runOnce('smoke', workspaces.gate);
  await runOnce('deploy-webhook', workspaces.gate);
  for (const action of actions) {
    if (INVOCATIONS[action].workspace) continue;
    workspaces[action] = join(temp, action);
    await mkdir(workspaces[action]);
  }
  const workspaceOf = (action) => workspaces[INVOCATIONS[action].workspace ?? action];
  // One warm-up each (file cache), then COLD_RUNS rounds, every command once per round.
  const floor = await buildToolkitFloor(join(temp, 'toolkit-floor'));
  for (const action of actions) await runOnce(action, workspaceOf(action));
  const times = { node: [], toolkitFloor: [], ...Object.fromEntries(actions.map((a) => [a, []])) };
  for (let i = 0; i < COLD_RUNS; i++) {
    times.node.push(await timeProcess(['-e', '0'], { PATH: process.env.PATH }, temp));
    times.toolkitFloor.push(await timeProcess([floor.bundle], floor.env, temp));
    for (const action of actions) times[action].push(await runOnce(action, workspaceOf(action)));
  }
  const floorMs = median(times.toolkitFloor);
  const floorMinMs = Math.min(...times.toolkitFloor);
  const perAction = {};
  for (const action of actions) {
    const load = await startupLoad(join(root, 'dist', action, 'index.js'));
    perAction[action] = {
      invocation: INVOCATIONS[action].what,
      ms: round(median(times[action])),
      overToolkitFloor: ratio(median(times[action]), floorMs),
      // The fastest runs, less moved by other load on the machine than the medians.
      minMs: round(Math.min(...times[action])),
      overToolkitFloorFastest: ratio(Math.min(...times[action]), floorMinMs),
      entryBytes: load.entryBytes,
      startupBytes: load.startupBytes,
      startupFiles: load.startupFiles.length,
      onDemandBytes: load.onDemandBytes,
      startupWeight: load.weight,
    };
  }
  const result = {
    benchmark: 'actions',
    measuredAt: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    runs: COLD_RUNS,
    nodeMs: round(median(times.node)),
    toolkitFloorMs: round(floorMs),
    toolkitFloorMinMs: round(floorMinMs),
    toolkitFloorBundleBytes: floor.bytes,
    actions: perAction,
    aim: 'every overToolkitFloor <= 1.5',
  };
  console.table(
    Object.fromEntries(
      Object.entries(perAction).map(([action, a]) => [
        action,
        {
          ms: a.ms,
          'x floor': a.overToolkitFloor,
          'x floor (fastest)': a.overToolkitFloorFastest,
          'startup KB': Math.round(a.startupBytes / 1024),
        },
      ]),
    ),
  );
  console.log(`toolkit floor ${result.toolkitFloorMs} ms, node -e 0 ${result.nodeMs} ms, ${COLD_RUNS} runs`);
  await mkdir(join(root, 'bench/results'), { recursive: true });
  await writeFile(join(root, 'bench/results/actions.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log('wrote bench/results/actions.json');
} finally {
  server.close();
  await rm(temp, { recursive: true, force: true });
}
