import { lookup } from 'node:dns/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type SmokeTarget, startSmokeTarget } from '../../../test/servers/smoke-target.js';
import { runSmoke } from '../src/probes/engine.js';
import type { RunCommand } from '../src/probes/executors/types.js';
import { loadProbes } from '../src/probes/load.js';
import type { SmokePolicyInput } from '../src/probes/schema.js';
import { Redactor } from '../src/redact.js';
import { smokeSectionSchema } from '../src/report/smoke-section.js';

let target: SmokeTarget;
beforeAll(async () => {
  target = await startSmokeTarget();
});
afterAll(() => target.close());

/** Short waits so the suite stays fast; the policy logic is the same. */
const FAST: SmokePolicyInput = { timeoutMs: 1000, deadlineMs: 10_000, backoffBaseMs: 20, backoffCapMs: 100 };

async function smoke(urls: string | string[], policy: SmokePolicyInput = {}, deps = {}) {
  const probes = await loadProbes({ urls });
  const section = await runSmoke(probes, { ...FAST, ...policy }, deps);
  expect(smokeSectionSchema.safeParse(section).success).toBe(true);
  return section;
}

describe('retry policy', () => {
  test('503 then recovery passes and records every status', async () => {
    const section = await smoke(`${target.base}/flaky?fail=2&k=recover`);
    expect(section.probes[0]).toMatchObject({
      verdict: 'passed',
      attempts: 3,
      statusCodes: [503, 503, 200],
      reason: 'HTTP 200 after 3 attempts',
    });
    expect(section.result).toBe('passed');
  });

  test('a probe that never recovers fails with a human reason', async () => {
    const section = await smoke(`${target.base}/always?status=503`, { maxAttempts: 4 });
    expect(section.probes[0]).toMatchObject({
      verdict: 'failed',
      attempts: 4,
      statusCodes: [503, 503, 503, 503],
      reason: 'expected 200-299, got 503 after 4 attempts',
    });
    expect(section).toMatchObject({ result: 'failed', failedCount: 1, passedCount: 0 });
  });

  test('429 with Retry-After waits as long as the server asked, not the (tiny) backoff', async () => {
    const section = await smoke(`${target.base}/throttled?after=1&k=unit`);
    expect(section.probes[0]).toMatchObject({ verdict: 'passed', statusCodes: [429, 200] });
    const [first, second] = target.times.get('/throttled?after=1&k=unit')!;
    expect(second! - first!).toBeGreaterThanOrEqual(950);
  });

  test('a Retry-After past the deadline ends the probe at once', async () => {
    const started = performance.now();
    const section = await smoke(`${target.base}/throttled?after=120&k=late`, { deadlineMs: 2000 });
    expect(performance.now() - started).toBeLessThan(1500);
    expect(section.probes[0]?.reason).toBe(
      'expected 200-299, got 429; the server asked to retry after 2m, past the deadline',
    );
  });

  test('consecutive successes: passes only after N in a row', async () => {
    const section = await smoke(`${target.base}/flaky?fail=1&k=stable`, {
      consecutiveSuccesses: 3,
      stabilisationIntervalMs: 5,
    });
    expect(section.probes[0]).toMatchObject({
      verdict: 'passed',
      attempts: 4,
      statusCodes: [503, 200, 200, 200],
      reason: 'HTTP 200, 3 in a row after 4 attempts',
    });
  });

  test('the deadline bounds a never-answering server whatever the timeout says', async () => {
    const started = performance.now();
    const section = await smoke(`${target.base}/hang`, { timeoutMs: 30_000, deadlineMs: 400 });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(section.probes[0]?.verdict).toBe('failed');
    // The attempt got the 400ms the deadline left, not a timeout anyone set: it says so.
    expect(section.probes[0]?.reason).toMatch(
      /^no complete answer within the \d+ms left \(deadline reached\)$/,
    );
  });

  test('probes run concurrently up to the limit', async () => {
    const urls = Array.from({ length: 10 }, (_, i) => `${target.base}/slow?ms=150&i=${i}`);
    const wide = await smoke(urls, { concurrency: 10 });
    const narrow = await smoke(urls, { concurrency: 2 });
    expect(wide.result).toBe('passed');
    expect(wide.durationMs).toBeLessThan(1000);
    // 5 rounds of 150ms at concurrency 2.
    expect(narrow.durationMs).toBeGreaterThanOrEqual(700);
  });

  test('cancellation ends waits and attempts and marks the section', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = performance.now();
    const section = await smoke(
      [`${target.base}/hang?c=1`, `${target.base}/always?status=500&c=1`],
      {
        timeoutMs: 5000,
        backoffBaseMs: 5000,
        backoffCapMs: 5000,
        maxAttempts: 10,
      },
      { signal: controller.signal },
    );
    expect(performance.now() - started).toBeLessThan(1500);
    expect(section.cancelled).toBe(true);
    expect(section.result).toBe('failed');
    expect(section.probes.map((p) => p.reason)).toEqual([
      'not run: cancelled',
      expect.stringMatching(/^cancelled/),
    ]);
  });
});

describe('answers and assertions', () => {
  test('every health format, judged by body as well as status', async () => {
    const section = await smoke(
      [
        `${target.base}/health-json/pass`,
        `${target.base}/health-json/warn`,
        `${target.base}/health-json/fail`,
        `${target.base}/actuator/up`,
        `${target.base}/actuator/down`,
        `${target.base}/readyz?verbose`,
        `${target.base}/readyz?verbose&fail=etcd`,
      ],
      { maxAttempts: 1 },
    );
    expect(section.probes.map((p) => [p.verdict, p.healthFormat, p.reason, p.warnings])).toEqual([
      ['passed', 'health+json', 'HTTP 200', []],
      ['passed', 'health+json', 'HTTP 200', ['health+json status warn: disk:utilization']],
      ['failed', 'health+json', 'health+json status fail: db:connections (HTTP 503)', []],
      ['passed', 'actuator', 'HTTP 200', []],
      ['failed', 'actuator', 'actuator status DOWN: db, redis', []],
      ['passed', 'readyz', 'HTTP 200', []],
      ['failed', 'readyz', 'readyz check failed: [-] etcd (HTTP 500)', []],
    ]);
  });

  test('body assertions and latency budgets report expected and actual', async () => {
    const probes = await loadProbes({ urls: [] as string[] }).catch(() => []);
    expect(probes).toEqual([]);
    const { parseProbesText, normaliseProbe } = await import('../src/probes/load.js');
    const entries = await parseProbesText(
      `- url: ${target.base}/ok
  assertions:
    - { path: status, equals: ok }
    - { path: 'checks.db[0].status', in: [up, UP] }
    - { path: version, matches: "^2\\\\." }
    - { path: missing, exists: true }
- url: ${target.base}/slow?ms=120
  latencyBudget: 50ms
`,
      'probes',
    );
    const section = await runSmoke(
      entries.map((e, i) => normaliseProbe(e, {}, `probe ${i + 1}`)),
      { ...FAST, maxAttempts: 1 },
    );
    expect(section.probes[0]?.failures).toEqual([
      'version: expected matches /^2\\./, got "1.4.2"',
      'missing: expected exists, got (missing)',
    ]);
    expect(section.probes[0]?.reason).toBe('version: expected matches /^2\\./, got "1.4.2"');
    expect(section.probes[1]?.reason).toMatch(/^latency \d+ms over the budget of 50ms$/);
  });

  test('a 50 MiB body passes on its status; a slow drip fails on the timeout', async () => {
    const started = performance.now();
    const section = await smoke([`${target.base}/huge`, `${target.base}/drip`], {
      timeoutMs: 500,
      maxAttempts: 1,
    });
    expect(section.probes.map((p) => p.verdict)).toEqual(['passed', 'failed']);
    expect(section.probes[1]?.reason).toBe('no complete answer within 500ms (timeout)');
    expect(performance.now() - started).toBeLessThan(2500);
  });

  test('connection reset and refused ports are named', async () => {
    const section = await smoke([`${target.base}/reset`, `http://127.0.0.1:${target.closedPort}/`], {
      maxAttempts: 2,
    });
    expect(section.probes[0]?.reason).toMatch(/^connection failed: .*(reset|closed).* after 2 attempts$/);
    expect(section.probes[1]?.reason).toBe(
      'connection failed: connection refused (ECONNREFUSED) after 2 attempts',
    );
  });

  test('redirects: followed up to 5, loops and longer chains fail', async () => {
    const section = await smoke(
      [`${target.base}/chain?n=4`, `${target.base}/chain?n=5`, `${target.base}/loop/a`],
      { maxAttempts: 1 },
    );
    expect(section.probes.map((p) => p.verdict)).toEqual(['passed', 'failed', 'failed']);
    expect(section.probes[1]?.reason).toMatch(
      /^more than 5 redirects \(last to http:\/\/127\.0\.0\.1:\d+\/ok\)$/,
    );
    expect(section.probes[2]?.reason).toMatch(/^redirect loop: .*\/loop\/b leads back to .*\/loop\/a$/);
  });

  test('secret headers are dropped on a cross-origin redirect, kept on the same origin', async () => {
    const probes = await loadProbes({
      urls: [`${target.base}/to-other`, `${target.base}/to-self`],
      defaults: {
        headers: { Authorization: 'Bearer cross-origin-secret', 'X-Api-Key': 'k' },
        secretHeaders: ['x-api-key'],
      },
    });
    const section = await runSmoke(probes, FAST);
    expect(section.result).toBe('passed');
    expect(target.hits.get('other:/echo')).toBe(1);
    expect(target.received.get('other:/echo')?.authorization).toBeUndefined();
    expect(target.received.get('other:/echo')?.['x-api-key']).toBeUndefined();
    expect(target.received.get('/echo')?.authorization).toBe('Bearer cross-origin-secret');
    expect(target.received.get('/echo')?.['x-api-key']).toBe('k');
  });

  test('WebSocket handshakes and TCP connects', async () => {
    const section = await smoke(
      [
        `${target.wsBase}/ws`,
        `${target.wsBase}/ws-denied`,
        `tcp://127.0.0.1:${target.tcpPort}`,
        `tcp://127.0.0.1:${target.closedPort}`,
      ],
      { maxAttempts: 1 },
    );
    expect(section.probes.map((p) => [p.type, p.verdict, p.reason])).toEqual([
      ['ws', 'passed', 'WebSocket handshake succeeded'],
      ['ws', 'failed', 'expected 101 (WebSocket handshake), got 403'],
      ['tcp', 'passed', 'connected'],
      ['tcp', 'failed', 'connection failed: ECONNREFUSED'],
    ]);
  });

  test('a probe the HTTP stack refuses to send fails alone, the run goes on', async () => {
    const { normaliseProbe } = await import('../src/probes/load.js');
    const bad = { 'X-Bad': 'line\nbreak' };
    const section = await runSmoke(
      [
        normaliseProbe({ url: `${target.wsBase}/ws?bad=1`, headers: bad }, {}, 'a'),
        normaliseProbe({ url: `${target.base}/ok?bad=1`, headers: bad }, {}, 'b'),
        normaliseProbe({ url: `${target.base}/ok?good=1` }, {}, 'c'),
      ],
      { ...FAST, maxAttempts: 1 },
    );
    expect(section.probes.map((p) => p.verdict)).toEqual(['failed', 'failed', 'passed']);
    expect(section.probes[0]?.reason).toMatch(/^cannot send: .*header/i);
    expect(section.probes[1]?.reason).toMatch(/UND_ERR_INVALID_ARG|header/i);
  });

  test('dry-run failures are reported without failing the run', async () => {
    const { normaliseProbe } = await import('../src/probes/load.js');
    const probe = normaliseProbe({ url: `${target.base}/always?status=500&d=1`, dryRun: true }, {}, 'x');
    const section = await runSmoke([probe], { ...FAST, maxAttempts: 1 });
    expect(section).toMatchObject({ result: 'passed', failedCount: 0, passedCount: 0 });
    expect(section.probes[0]).toMatchObject({ verdict: 'failed', dryRun: true });
    expect(section.probes[0]?.warnings).toContain('dryRun: this failure does not fail the run');
  });

  test('latency statistics come from every attempt', async () => {
    const section = await smoke(`${target.base}/flaky?fail=2&k=latency`);
    const latency = section.probes[0]?.latency;
    expect(latency).not.toBeNull();
    expect(latency!.minMs).toBeLessThanOrEqual(latency!.p50Ms);
    expect(latency!.p50Ms).toBeLessThanOrEqual(latency!.p95Ms);
    expect(latency!.p95Ms).toBeLessThanOrEqual(latency!.maxMs);
  });
});

describe('IPv6 and localhost', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '::1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('IPv6 literals work for http and tcp', async () => {
    const section = await smoke([`http://[::1]:${port}/health`, `tcp://[::1]:${port}`]);
    expect(section.probes.map((p) => [p.name, p.target, p.verdict])).toEqual([
      [`[::1]:${port}/health`, `http://[::1]:${port}/health`, 'passed'],
      [`[::1]:${port}`, `[::1]:${port}`, 'passed'],
    ]);
  });

  test('localhost works when the service listens on only the last address localhost resolves to', async () => {
    // With both 127.0.0.1 and ::1 for localhost, a client that tries only the first one hangs or is refused;
    // the server here listens on the last one. (This machine may map localhost to one address only.)
    const addresses = await lookup('localhost', { all: true });
    const last = addresses.at(-1)!;
    const local = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => local.listen(0, last.address, resolve));
    const localPort = (local.address() as AddressInfo).port;
    try {
      const section = await smoke(
        [
          `http://localhost:${localPort}/health`,
          `tcp://localhost:${localPort}`,
          `ws://localhost:${localPort}/`,
        ],
        { maxAttempts: 1 },
      );
      expect(section.probes.map((p) => [p.type, p.verdict])).toEqual([
        ['http', 'passed'],
        ['tcp', 'passed'],
        // a plain HTTP server answers the upgrade with nothing useful: the handshake fails, but it connects
        ['ws', 'failed'],
      ]);
      expect(section.probes[2]?.reason).not.toMatch(/ECONNREFUSED/);
    } finally {
      await new Promise<void>((resolve) => local.close(() => resolve()));
    }
  });
});

describe('command probes through the injected runner', () => {
  test('exit code decides, key=value lines of passing probes are captured, secrets are scrubbed', async () => {
    const calls: string[][] = [];
    const runCommand: RunCommand = async (request) => {
      calls.push([request.command, ...request.args]);
      if (request.args[0] === 'ok')
        return {
          exitCode: 0,
          stdout: 'reconnectOk=true\ntoken=hunter2-secret\n',
          stderr: '',
          timedOut: false,
        };
      if (request.args[0] === 'slow') return { exitCode: null, stdout: '', stderr: '', timedOut: true };
      return { exitCode: 3, stdout: 'migrations=pending\n', stderr: '', timedOut: false };
    };
    const redactor = new Redactor();
    redactor.add('hunter2-secret');
    const probes = await loadProbes({ probesFile: 'x', baseDir: '/nonexistent' }).catch(() => undefined);
    expect(probes).toBeUndefined();
    const { normaliseProbe } = await import('../src/probes/load.js');
    const section = await runSmoke(
      [
        normaliseProbe({ command: 'check ok', name: 'ok' }, {}, 'a'),
        normaliseProbe({ command: 'check bad', name: 'bad' }, {}, 'b'),
        normaliseProbe({ command: 'check slow', name: 'slow' }, {}, 'c'),
      ],
      { ...FAST, maxAttempts: 1 },
      { runCommand, redactor },
    );
    expect(calls).toEqual([
      ['check', 'ok'],
      ['check', 'bad'],
      ['check', 'slow'],
    ]);
    expect(section.probes.map((p) => [p.verdict, p.reason])).toEqual([
      ['passed', 'exit code 0'],
      ['failed', 'exit code 3\nstdout (last lines):\n  migrations=pending'],
      ['failed', 'command did not finish within 1000ms (timeout)'],
    ]);
    // The failed command's `migrations=pending` is not evidence: only a passing probe's lines are captured.
    expect(section.captured).toEqual({ reconnectOk: true, token: '***' });
  });

  test('without a runner, command probes fail with a clear reason', async () => {
    const { normaliseProbe } = await import('../src/probes/load.js');
    const section = await runSmoke([normaliseProbe({ command: 'true' }, {}, 'a')], {
      ...FAST,
      maxAttempts: 1,
    });
    expect(section.probes[0]?.reason).toBe('command probes are not available here (no command runner given)');
  });
});
