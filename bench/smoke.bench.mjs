// Smoke benchmarks (results: bench/results/smoke.json).
// 1. Verdict time for 100 endpoints that each answer after 50 ms: concurrency 100 against a sequential
//    baseline (one probe after another, as curl loops do), inside the engine and for the whole
//    `node dist/smoke/index.js` process, in the same run. Aim: the engine within 1.5x of the slowest endpoint.
//    Also the same 100 requests straight through undici (the HTTP client's floor on this machine).
// 2. Cold start of `node dist/smoke/index.js` (one probe against a local server) against bare `node -e 0`
//    (the physical floor) and a bundle that only imports @actions/core and sets one output (the toolkit
//    floor), built here with esbuild into a temp dir. Aim: within 1.2x of the toolkit floor. Beside the
//    times: what the smoke action loads at start (its entry and the chunks it imports statically, by
//    package) and what stays in chunks loaded on demand (dist/smoke/chunks/).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  buildToolkitFloor,
  bundleModule,
  median,
  ratio,
  root,
  round,
  startEndpointServer,
  startupLoad,
  timeProcess,
} from './cold-start.mjs';

const ENDPOINTS = 100;
const DELAY_MS = 50;
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 15);

const temp = await mkdtemp(join(tmpdir(), 'smoke-bench-'));
const server = await startEndpointServer(DELAY_MS);
const { base, port } = server;
const urls = Array.from({ length: ENDPOINTS }, (_, i) => `${base}/e/${i}`);

try {
  // The engine, bundled from source the same way the actions are.
  const engineFile = await bundleModule(
    join(root, 'packages/core/src/probes/index.ts'),
    join(temp, 'engine.mjs'),
  );
  const { loadProbes, runSmoke } = await import(pathToFileURL(engineFile).href);
  const policy = { timeoutMs: 5000, deadlineMs: 60_000, maxAttempts: 1 };

  const engineRun = async (targets, concurrency) => {
    const probes = await loadProbes({ urls: targets });
    const started = performance.now();
    const section = await runSmoke(probes, { ...policy, concurrency });
    const ms = performance.now() - started;
    if (section.result !== 'passed')
      throw new Error(`engine run failed: ${JSON.stringify(section.probes[0])}`);
    return { ms, slowestProbeMs: Math.max(...section.probes.map((p) => p.latency.maxMs)) };
  };
  await engineRun(urls.slice(0, 5), 5); // warm up the engine module and the connection code
  const single = [];
  for (let i = 0; i < 5; i++) single.push((await engineRun([urls[0]], 1)).ms);
  const concurrent = [];
  let slowestInRun = 0;
  for (let i = 0; i < 5; i++) {
    const run = await engineRun(urls, 100);
    concurrent.push(run.ms);
    slowestInRun = Math.max(slowestInRun, run.slowestProbeMs);
  }
  const sequential = (await engineRun(urls, 1)).ms;
  // The HTTP client's own floor: the same 100 requests straight through undici, no engine.
  const { Agent, request } = await import('undici');
  const agent = new Agent({});
  const rawRun = async () => {
    const started = performance.now();
    await Promise.all(
      urls.map(async (url) => {
        const response = await request(url, { dispatcher: agent });
        await response.body.text();
      }),
    );
    return performance.now() - started;
  };
  await rawRun();
  const raw = [];
  for (let i = 0; i < 5; i++) raw.push(await rawRun());
  await agent.close();
  const engine = {
    endpoints: ENDPOINTS,
    endpointDelayMs: DELAY_MS,
    singleEndpointMs: round(median(single)),
    concurrentMs: round(median(concurrent)),
    concurrentRunsMs: concurrent.map(round),
    slowestProbeInConcurrentRunsMs: round(slowestInRun),
    sequentialMs: round(sequential),
    rawUndiciConcurrentMs: round(median(raw)),
    speedup: ratio(sequential, median(concurrent)),
    concurrentOverSlowestEndpoint: ratio(median(concurrent), median(single)),
    concurrentOverSlowestProbeInRun: ratio(median(concurrent), slowestInRun),
    concurrentOverRawUndici: ratio(median(concurrent), median(raw)),
    aim: 'concurrentOverSlowestEndpoint <= 1.5',
  };
  console.log('engine', engine);

  // The whole action process, as a runner starts it.
  const workspace = join(temp, 'workspace');
  await mkdir(workspace);
  const runAction = async (inputs) => {
    const outputFile = join(temp, `out-${Math.random()}`);
    const summaryFile = join(temp, `sum-${Math.random()}`);
    await writeFile(outputFile, '');
    await writeFile(summaryFile, '');
    const env = {
      PATH: process.env.PATH,
      GITHUB_ACTIONS: 'true',
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: temp,
    };
    for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
    return timeProcess([join(root, 'dist/smoke/index.js')], env, workspace);
  };
  const processConcurrent = [];
  for (let i = 0; i < 3; i++)
    processConcurrent.push(await runAction({ urls: urls.join('\n'), concurrency: '100' }));
  const processSequential = await runAction({ urls: urls.join('\n'), concurrency: '1' });
  const wholeProcess = {
    concurrentMs: round(median(processConcurrent)),
    sequentialMs: round(processSequential),
    speedup: ratio(processSequential, median(processConcurrent)),
  };
  console.log('whole process', wholeProcess);

  // Cold start: three commands, interleaved so machine noise hits all of them alike.
  const floor = await buildToolkitFloor(join(temp, 'toolkit-floor'));
  const coldInputs = { urls: `${base}/now` };
  // The same run with a TCP probe: start-up without undici's first HTTP request (its llhttp WebAssembly
  // module is compiled on first use, and the process waits for V8's background tier-up before it exits).
  const coldTcpInputs = { urls: `tcp://127.0.0.1:${port}` };
  const cold = { node: [], toolkitFloor: [], smoke: [], smokeTcpProbe: [] };
  for (let i = 0; i < COLD_RUNS; i++) {
    cold.node.push(await timeProcess(['-e', '0'], { PATH: process.env.PATH }, temp));
    cold.toolkitFloor.push(await timeProcess([floor.bundle], floor.env, temp));
    cold.smoke.push(await runAction(coldInputs));
    cold.smokeTcpProbe.push(await runAction(coldTcpInputs));
  }
  const smokeLoad = await startupLoad(join(root, 'dist/smoke/index.js'));
  const coldStart = {
    runs: COLD_RUNS,
    nodeMs: round(median(cold.node)),
    toolkitFloorMs: round(median(cold.toolkitFloor)),
    smokeMs: round(median(cold.smoke)),
    smokeTcpProbeMs: round(median(cold.smokeTcpProbe)),
    smokeOverToolkitFloor: ratio(median(cold.smoke), median(cold.toolkitFloor)),
    // The fastest runs, less moved by other load on the machine than the medians.
    smokeOverToolkitFloorFastest: ratio(Math.min(...cold.smoke), Math.min(...cold.toolkitFloor)),
    smokeTcpProbeOverToolkitFloor: ratio(median(cold.smokeTcpProbe), median(cold.toolkitFloor)),
    firstHttpRequestCostMs: round(median(cold.smoke) - median(cold.smokeTcpProbe)),
    smokeOverNode: ratio(median(cold.smoke), median(cold.node)),
    toolkitFloorOverNode: ratio(median(cold.toolkitFloor), median(cold.node)),
    minMs: {
      node: round(Math.min(...cold.node)),
      toolkitFloor: round(Math.min(...cold.toolkitFloor)),
      smoke: round(Math.min(...cold.smoke)),
      smokeTcpProbe: round(Math.min(...cold.smokeTcpProbe)),
    },
    smokeEntryBytes: smokeLoad.entryBytes,
    smokeStartupBytes: smokeLoad.startupBytes,
    smokeStartupFiles: smokeLoad.startupFiles,
    smokeOnDemandBytes: smokeLoad.onDemandBytes,
    toolkitFloorBundleBytes: floor.bytes,
    smokeStartupWeight: smokeLoad.weight,
    aim: 'smokeOverToolkitFloor <= 1.2',
  };
  console.log('cold start', coldStart);

  const result = {
    benchmark: 'smoke',
    measuredAt: new Date().toISOString(),
    node: process.version,
    cpus: (await import('node:os')).cpus().length,
    engine,
    wholeProcess,
    coldStart,
  };
  await mkdir(join(root, 'bench/results'), { recursive: true });
  await writeFile(join(root, 'bench/results/smoke.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log('wrote bench/results/smoke.json');
} finally {
  server.close();
  await rm(temp, { recursive: true, force: true });
}
