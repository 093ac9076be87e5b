// Metric probe benchmark (results: bench/results/metrics.json).
// 50 metric probes x 10 measurements, 500 ms apart, against a real local Prometheus (1 s scrapes of a
// small service), run by `node dist/smoke/index.js` as a runner starts it. The window's own length is the
// floor (interval x (count - 1) = 4.5 s): reported is the smoke's time over that floor (for the engine's
// own section and the whole process), the queries' latency, and the process's peak memory (RSS).
// Skips (exit 0) when `prometheus` is not installed.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleModule, median, ratio, root, round, timeProcess } from './cold-start.mjs';

const PROBES = 50;
const COUNT = 10;
const INTERVAL_MS = 500;
const RUNS = Number(process.env.BENCH_METRIC_RUNS ?? 3);
const JOBS = 10;
const prometheusBin = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';

if (!existsSync(prometheusBin)) {
  console.log(
    `metrics bench skipped: prometheus is not installed (${prometheusBin}); apt-get install prometheus`,
  );
  process.exit(0);
}
if (!existsSync(join(root, 'dist/smoke/index.js'))) {
  console.error('dist/smoke/index.js is missing: run node scripts/build.mjs first');
  process.exit(1);
}

const temp = await mkdtemp(join(tmpdir(), 'metrics-bench-'));
// The launcher the system tests use, bundled from its TypeScript source.
const launcherFile = await bundleModule(
  join(root, 'test/servers/prometheus.ts'),
  join(temp, 'prometheus.mjs'),
);
const { startMetricsService, startPrometheus } = await import(pathToFileURL(launcherFile).href);
const jobs = Object.fromEntries(
  Array.from({ length: JOBS }, (_, i) => [`job${i}`, { ok: 50, errors: i * 0.05 }]),
);
const service = await startMetricsService(jobs);
const prometheus = await startPrometheus(service);

try {
  const ratioQuery = (job) =>
    `sum(rate(http_requests_total{job="${job}",code=~"5.."}[5s])) / sum(rate(http_requests_total{job="${job}"}[5s]))`;
  await prometheus.waitFor(ratioQuery('job0'), (v) => v === 0);
  // Every job's rate settles before the first run (a rate over 5 s needs a few scrapes).
  await prometheus.waitFor(ratioQuery(`job${JOBS - 1}`), (v) => v !== undefined && v > 0);
  const probes = Array.from({ length: PROBES }, (_, i) => ({
    name: `metric-${i}`,
    type: 'prometheus',
    url: prometheus.url,
    query: i % 2 ? ratioQuery(`job${i % JOBS}`) : `http_request_duration_seconds_p99{job="job${i % JOBS}"}`,
    max: 0.5,
    interval: `${INTERVAL_MS}ms`,
    count: COUNT,
  }));
  const workspace = join(temp, 'workspace');
  await mkdir(workspace);
  await writeFile(join(workspace, 'probes.yml'), JSON.stringify({ probes }));
  const floorMs = INTERVAL_MS * (COUNT - 1);

  const runs = [];
  for (let run = 0; run < RUNS; run++) {
    const outputFile = join(temp, `out-${run}`);
    const rssFile = join(temp, `rss-${run}`);
    await writeFile(outputFile, '');
    await writeFile(join(temp, `summary-${run}`), '');
    const env = {
      PATH: process.env.PATH,
      GITHUB_ACTIONS: 'true',
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: join(temp, `summary-${run}`),
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: temp,
      BENCH_RSS_FILE: rssFile,
      INPUT_PROBES: 'probes.yml',
      INPUT_CONCURRENCY: String(PROBES),
      INPUT_DEADLINE: '60s',
      INPUT_TIMEOUT: '5s',
      'INPUT_REPORT-PATH': `report-${run}.json`,
    };
    // Peak RSS as the process itself sees it at exit (getrusage's maxrss, in KiB).
    const recordRss = `data:text/javascript,import{writeFileSync}from'node:fs';process.on('exit',()=>writeFileSync(process.env.BENCH_RSS_FILE,String(process.resourceUsage().maxRSS)))`;
    const processMs = await timeProcess(
      [`--import=${recordRss}`, join(root, 'dist/smoke/index.js')],
      env,
      workspace,
    );
    const report = JSON.parse(await readFile(join(workspace, `report-${run}.json`), 'utf8'));
    const section = report.smoke;
    if (section.result !== 'passed')
      throw new Error(
        `run ${run}: smoke ${section.result}: ${JSON.stringify(section.probes.find((p) => p.verdict !== 'passed'))}`,
      );
    const measurements = section.probes.flatMap((p) => p.measurements);
    if (measurements.length !== PROBES * COUNT)
      throw new Error(`run ${run}: ${measurements.length} measurements, expected ${PROBES * COUNT}`);
    const queryMs = measurements.map((m) => m.durationMs).sort((a, b) => a - b);
    runs.push({
      processMs: round(processMs),
      engineMs: section.durationMs,
      peakRssMb: round(Number(await readFile(rssFile, 'utf8')) / 1024),
      queryP50Ms: queryMs[Math.floor(queryMs.length * 0.5)],
      queryP95Ms: queryMs[Math.floor(queryMs.length * 0.95)],
      queryMaxMs: queryMs.at(-1),
    });
    console.log(`run ${run + 1} of ${RUNS}`, runs.at(-1));
  }

  const result = {
    benchmark: 'metrics',
    measuredAt: new Date().toISOString(),
    node: process.version,
    cpus: (await import('node:os')).cpus().length,
    prometheus: prometheusBin,
    probes: PROBES,
    measurementsPerProbe: COUNT,
    intervalMs: INTERVAL_MS,
    queries: PROBES * COUNT,
    floorMs,
    runs,
    engineMs: median(runs.map((r) => r.engineMs)),
    processMs: round(median(runs.map((r) => r.processMs))),
    engineOverFloor: ratio(median(runs.map((r) => r.engineMs)), floorMs),
    processOverFloor: ratio(median(runs.map((r) => r.processMs)), floorMs),
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
    queryP95Ms: median(runs.map((r) => r.queryP95Ms)),
  };
  console.log(result);
  await mkdir(join(root, 'bench/results'), { recursive: true });
  await writeFile(join(root, 'bench/results/metrics.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log('wrote bench/results/metrics.json');
} finally {
  await prometheus.stop();
  await service.close();
  await rm(temp, { recursive: true, force: true });
}
