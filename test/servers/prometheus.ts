import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real Prometheus (Debian's `prometheus`) on 127.0.0.1, scraping a small local service every second.
 * The service exposes, per job the test names, `http_requests_total{job,code="200"|"500"}` counters that
 * grow at the rates the test sets (requests per second) and a `http_request_duration_seconds_p99{job}`
 * latency gauge; the test changes them while Prometheus scrapes.
 */

export const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';

export function prometheusInstalled(): boolean {
  return existsSync(PROMETHEUS_BIN);
}

export interface JobTraffic {
  /** Successful requests per second (code 200). */
  ok: number;
  /** Failed requests per second (code 500). */
  errors: number;
  /** The p99 latency gauge, in seconds. */
  latencySeconds: number;
}

export interface MetricsService {
  url: string;
  port: number;
  /** Changes a job's rates or latency from now on (the counters keep what they have counted). */
  set(job: string, traffic: Partial<JobTraffic>): void;
  close(): Promise<void>;
}

interface JobState extends JobTraffic {
  okCount: number;
  errorCount: number;
  updatedAt: number;
}

/** The scraped service: counters integrate their rate over time, so `rate()` reads back what was set. */
export async function startMetricsService(
  jobs: Record<string, Partial<JobTraffic>>,
): Promise<MetricsService> {
  const state = new Map<string, JobState>();
  const advance = (job: JobState) => {
    const now = Date.now();
    const seconds = (now - job.updatedAt) / 1000;
    job.okCount += job.ok * seconds;
    job.errorCount += job.errors * seconds;
    job.updatedAt = now;
  };
  for (const [name, traffic] of Object.entries(jobs)) {
    state.set(name, {
      ok: 10,
      errors: 0,
      latencySeconds: 0.05,
      ...traffic,
      okCount: 0,
      errorCount: 0,
      updatedAt: Date.now(),
    });
  }
  const server = createServer((_req, res) => {
    const lines = ['# HELP http_requests_total Requests served.', '# TYPE http_requests_total counter'];
    const latency = [
      '# HELP http_request_duration_seconds_p99 The p99 request latency.',
      '# TYPE http_request_duration_seconds_p99 gauge',
    ];
    for (const [name, job] of state) {
      advance(job);
      lines.push(`http_requests_total{job="${name}",code="200"} ${job.okCount.toFixed(3)}`);
      lines.push(`http_requests_total{job="${name}",code="500"} ${job.errorCount.toFixed(3)}`);
      latency.push(`http_request_duration_seconds_p99{job="${name}"} ${job.latencySeconds}`);
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(`${[...lines, ...latency].join('\n')}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    set(name, traffic) {
      const job = state.get(name);
      if (!job) throw new Error(`no job '${name}' in the metrics service`);
      advance(job);
      Object.assign(job, traffic);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface Prometheus {
  url: string;
  /** When it first scraped the service (epoch ms): history before this does not exist. */
  firstScrapeAt: number;
  /** An instant query's first value (a number), or undefined when the result is empty. */
  value(query: string): Promise<number | undefined>;
  /** Polls `query` until `accept` holds for its value; throws after `timeoutMs`. */
  waitFor(
    query: string,
    accept: (value: number | undefined) => boolean,
    timeoutMs?: number,
  ): Promise<number | undefined>;
  /** Instant queries Prometheus has answered so far (its own `prometheus_http_requests_total`). */
  queriesServed(): Promise<number>;
  stop(): Promise<void>;
}

/** A port nobody listens on right now (for Prometheus, and for a "Prometheus is down" URL). */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts Prometheus scraping `target` every second (`honor_labels`, so the service's `job` labels stay),
 * waits for `/-/ready` and the first scrape. `stop()` kills it and removes its data.
 */
export async function startPrometheus(target: MetricsService): Promise<Prometheus> {
  const dir = await mkdtemp(join(tmpdir(), 'ra-prometheus-'));
  const config = join(dir, 'prometheus.yml');
  await writeFile(
    config,
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'scrape_configs:',
      '  - job_name: service',
      '    honor_labels: true',
      '    static_configs:',
      `      - targets: ['127.0.0.1:${target.port}']`,
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=error',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr = `${stderr}${chunk}`.slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const value = async (query: string): Promise<number | undefined> => {
    const response = await fetch(`${url}/api/v1/query`, {
      method: 'POST',
      body: new URLSearchParams({ query }),
      signal: AbortSignal.timeout(2000),
    });
    const json = (await response.json()) as {
      data?: { resultType: string; result: Array<{ value: [number, string] }> | [number, string] };
    };
    const data = json.data;
    if (!data) return undefined;
    if (data.resultType === 'scalar') return Number((data.result as [number, string])[1]);
    const first = (data.result as Array<{ value: [number, string] }>)[0];
    return first ? Number(first.value[1]) : undefined;
  };
  const waitFor: Prometheus['waitFor'] = async (query, accept, timeoutMs = 15_000) => {
    const until = Date.now() + timeoutMs;
    let last: number | undefined;
    while (Date.now() < until) {
      if (child.exitCode !== null) throw new Error(`prometheus exited ${child.exitCode}: ${stderr}`);
      try {
        last = await value(query);
        if (accept(last)) return last;
      } catch {
        // not up yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(
      `prometheus: ${query} never reached the expected value within ${timeoutMs}ms (last ${last})`,
    );
  };
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(killer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  try {
    const readyUntil = Date.now() + 20_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`prometheus exited ${child.exitCode}: ${stderr}`);
      const ready = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) })
        .then((r) => r.ok)
        .catch(() => false);
      if (ready) break;
      if (Date.now() > readyUntil) throw new Error(`prometheus was not ready within 20s: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await waitFor('count(http_requests_total)', (v) => v !== undefined && v > 0);
  } catch (error) {
    await stop();
    throw error;
  }
  const firstScrapeAt = Date.now();
  return {
    url,
    firstScrapeAt,
    value,
    waitFor,
    async queriesServed() {
      const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(2000) })).text();
      let total = 0;
      for (const line of text.split('\n')) {
        if (line.startsWith('prometheus_http_requests_total{') && line.includes('handler="/api/v1/query"'))
          total += Number(line.split(' ').at(-1));
      }
      return total;
    },
    stop,
  };
}
