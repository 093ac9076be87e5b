import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { releaseGateReportSchema } from '../../packages/core/src/report/schema.js';
import { type ActionRun, runBundle } from '../harness/action.js';
import { runCli } from '../harness/cli.js';

/**
 * Bake time (`watch`): a probe that passed is re-run for the window and fails once it fails more than
 * `watch-failure-limit` times. The smoke bundle against services whose health changes while it watches.
 */
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A service healthy until `failAfterMs` from its first request, failing after (Infinity: never). */
async function service(answer: (sinceFirstMs: number, request: number) => number): Promise<string> {
  let first: number | undefined;
  let requests = 0;
  const server = createServer((_request, response) => {
    first ??= performance.now();
    requests += 1;
    const status = answer(performance.now() - first, requests);
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status: status === 200 ? 'UP' : 'DOWN' }));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`;
}

function smoke(inputs: Record<string, string>, workspace?: string) {
  return runBundle('smoke', { inputs: { 'max-attempts': '1', ...inputs }, workspace, timeoutMs: 30_000 });
}

async function probeResults(run: ActionRun) {
  const report = releaseGateReportSchema.parse(
    JSON.parse(await readFile(join(run.workspace, 'release-gate/report.json'), 'utf8')),
  );
  return report.smoke!.probes;
}

describe('smoke watch (bake time), end to end', () => {
  test('a service that starts failing 3 s into a 6 s window fails the smoke, well before the window ends', async () => {
    const url = await service((since) => (since < 3_000 ? 200 : 503));
    const started = performance.now();
    const run = await smoke({ urls: url, watch: '6s', 'watch-interval': '500ms' });
    const elapsed = performance.now() - started;
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('failed');
    const [probe] = await probeResults(run);
    expect(probe!.verdict).toBe('failed');
    expect(probe!.reason).toMatch(
      /^failed in the 6s bake window: .*503.* \(\d+\/\d+ re-runs passed; 0 failure\(s\) allowed\)$/,
    );
    expect(probe!.watch).toMatchObject({ windowMs: 6_000, intervalMs: 500, failureLimit: 0, failures: 1 });
    expect(probe!.watch!.runs).toBeGreaterThanOrEqual(4);
    expect(probe!.watch!.passRate).toBeLessThan(1);
    expect(probe!.watch!.endedEarly).toMatch(/over the limit of 0/);
    // It failed at the first failing re-run, about 3 s in, not at the end of the window.
    expect(elapsed).toBeLessThan(5_800);
    expect(run.summary).toContain('#### Bake window');
    expect(run.summary).toMatch(/\| ❌ \| 127\.0\.0\.1:\d+\/healthz \| \d+% \(\d+\/\d+\) \|/);
  }, 30_000);

  test('a healthy service passes after the whole window, with its pass rate and worst latency', async () => {
    const url = await service(() => 200);
    const started = performance.now();
    const run = await smoke({ urls: url, watch: '2s', 'watch-interval': '400ms' });
    expect(run.code).toBe(0);
    expect(performance.now() - started).toBeGreaterThan(2_000);
    const [probe] = await probeResults(run);
    expect(probe!.reason).toMatch(/; held for 2s: 5\/5 re-runs passed$/);
    expect(probe!.watch).toMatchObject({ runs: 5, failures: 0, passRate: 1 });
    expect(probe!.watch!.worstLatencyMs).toEqual(expect.any(Number));
    expect(run.summary).toMatch(
      /\| ✅ \| 127\.0\.0\.1:\d+\/healthz \| 100% \(5\/5\) \| \d+ms \| 2s every 400ms, 0 failure\(s\) allowed \|/,
    );
  }, 30_000);

  test('watch-failure-limit lets one failed re-run through; a probe watch field overrides the input', async () => {
    const url = await service((_since, request) => (request === 3 ? 503 : 200));
    const workspace = await mkdtemp(join(tmpdir(), 'watch-'));
    await writeFile(
      join(workspace, 'probes.yml'),
      `probes:\n  - name: flaky once\n    url: ${url}\n    watch: 2s\n  - name: not watched\n    url: ${url}\n    watch: 0s\n`,
    );
    const run = await smoke(
      {
        probes: 'probes.yml',
        watch: '1m',
        'watch-interval': '400ms',
        'watch-failure-limit': '1',
        concurrency: '1',
      },
      workspace,
    );
    expect(run.code).toBe(0);
    const [flaky, plain] = await probeResults(run);
    expect(flaky!.watch).toMatchObject({ windowMs: 2_000, failures: 1, failureLimit: 1 });
    expect(flaky!.verdict).toBe('passed');
    expect(plain!.watch).toBeUndefined();
  }, 30_000);

  test('a crash-looping release that answers between restarts cannot pass with consecutive-successes and watch', async () => {
    // Up for two answers, down for one, over and over: each answer alone looks healthy two times in three.
    const url = await service((_since, request) => (request % 3 === 0 ? 503 : 200));
    const run = await smoke({
      urls: url,
      'consecutive-successes': '2',
      'max-attempts': '3',
      watch: '3s',
      'watch-interval': '300ms',
    });
    expect(run.code).toBe(1);
    const [probe] = await probeResults(run);
    expect(probe!.reason).toMatch(/^failed in the 3s bake window: /);
    // Without the window, the same release passes: two healthy answers in a row come before each crash.
    const again = await service((_since, request) => (request % 3 === 0 ? 503 : 200));
    const unwatched = await smoke({ urls: again, 'consecutive-successes': '2', 'max-attempts': '3' });
    expect(unwatched.code).toBe(0);
  }, 30_000);

  test('a watch longer than the deadline is a configuration error naming both, before any probe runs', async () => {
    const url = await service(() => 200);
    const run = await smoke({ urls: url, watch: '10m', deadline: '5m' });
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('error');
    expect(run.stdout).toContain(
      'its bake window (watch 10m) does not fit the smoke deadline 5m; raise deadline or shorten watch',
    );
    expect(run.summary).toContain('could not run');
  }, 30_000);

  test("a metric probe's analysis window longer than the deadline is refused the same way, naming both", async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'watch-'));
    await writeFile(
      join(workspace, 'probes.yml'),
      `probes:\n  - name: error-rate\n    type: prometheus\n    url: http://127.0.0.1:9\n    query: up\n    min: 1\n    interval: 30s\n    count: 10\n`,
    );
    const run = await smoke({ probes: 'probes.yml', deadline: '2m' }, workspace);
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('error');
    expect(run.stdout).toContain(
      "probe 'error-rate': its analysis window (initialDelay 0ms + interval 30s x (count 10 - 1) = 4m30s) does not fit the smoke deadline 2m; raise deadline or shorten the window",
    );
  }, 30_000);

  test('the CLI takes --watch and its window shows in the probe line', async () => {
    const url = await service(() => 200);
    const run = await runCli(['smoke', '--url', url, '--watch', '1s', '--watch-interval', '250ms']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/✔ 127\.0\.0\.1:\d+\/healthz {2}HTTP 200; held for 1s: 4\/4 re-runs passed/);
  }, 30_000);
});
