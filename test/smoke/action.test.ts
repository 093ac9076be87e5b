import { lookup } from 'node:dns/promises';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { releaseGateReportSchema } from '../../packages/core/src/report/schema.js';
import { type ActionRun, runBundle } from '../harness/action.js';
import { leakedSecrets, visibleOutput } from '../harness/secrets.js';
import { type SmokeTarget, startSmokeTarget } from '../servers/smoke-target.js';

let target: SmokeTarget;
beforeAll(async () => {
  target = await startSmokeTarget();
});
afterAll(() => target.close());

const TOKEN = 'sm0ke-T0KEN-4f9d2c7a';
const API_KEY = 'api-key-91b3e0d55';

async function report(run: ActionRun) {
  const text = await readFile(join(run.workspace, 'release-gate/report.json'), 'utf8');
  return releaseGateReportSchema.parse(JSON.parse(text));
}

const visible = visibleOutput;

function smoke(inputs: Record<string, string>, env: Record<string, string> = {}, workspace?: string) {
  return runBundle('smoke', { inputs, env, workspace, timeoutMs: 30_000 });
}

describe('smoke action, end to end against real servers', () => {
  test('every format, WebSocket and TCP from a probes file; a mix of passes and failures', async () => {
    const workspace = await mkdtemp();
    await mkdir(join(workspace, 'smoke'));
    await writeFile(
      join(workspace, 'smoke/probes.yml'),
      `probes:
  - name: health+json
    url: ${target.base}/health-json/pass
  - name: health+json warn
    url: ${target.base}/health-json/warn
  - name: health+json fail
    url: ${target.base}/health-json/fail
  - name: actuator up
    url: ${target.base}/actuator/up
  - name: actuator down
    url: ${target.base}/actuator/down
  - name: readyz
    url: ${target.base}/readyz?verbose
  - name: readyz failing
    url: ${target.base}/readyz?verbose&fail=etcd
  - name: api version
    url: ${target.base}/ok
    assertions:
      - path: version
        matches: "^1\\\\."
      - path: "checks.db[0].status"
        equals: up
  - name: socket
    url: ${target.wsBase}/ws
  - name: socket denied
    url: ${target.wsBase}/ws-denied
  - name: postgres
    url: tcp://127.0.0.1:${target.tcpPort}
  - name: new check
    url: ${target.base}/always?status=500&dry=1
    dryRun: true
  - name: migrations
    command: ${process.execPath} -e "console.log('schemaVersion=42'); console.log('reconnectOk=true')"
`,
    );
    const run = await smoke(
      { probes: 'smoke/probes.yml', 'max-attempts': '1', environment: 'staging' },
      {},
      workspace,
    );
    expect(run.code).toBe(1);
    expect(run.outputs).toEqual({
      result: 'failed',
      'failed-probes': JSON.stringify([
        'health+json fail',
        'actuator down',
        'readyz failing',
        'socket denied',
      ]),
      'passed-count': '8',
      'failed-count': '4',
      'report-path': join(workspace, 'release-gate/report.json'),
      'duration-ms': expect.stringMatching(/^\d+$/),
    });
    // The runner's file-command format, byte for byte around the value.
    expect(run.outputFile).toMatch(/^result<<ghadelimiter_[0-9a-f-]+\nfailed\nghadelimiter_[0-9a-f-]+\n/);

    const gate = await report(run);
    expect(gate.environment).toBe('staging');
    expect(gate.run.url).toBe('https://github.com/acme/shop/actions/runs/1001/attempts/1');
    const byName = Object.fromEntries(gate.smoke!.probes.map((p) => [p.name, p]));
    expect(byName['health+json']).toMatchObject({ verdict: 'passed', healthFormat: 'health+json' });
    expect(byName['health+json warn']).toMatchObject({
      verdict: 'passed',
      warnings: ['health+json status warn: disk:utilization'],
    });
    expect(byName['health+json fail']?.reason).toBe('health+json status fail: db:connections (HTTP 503)');
    expect(byName['actuator up']).toMatchObject({ verdict: 'passed', healthFormat: 'actuator' });
    expect(byName['actuator down']).toMatchObject({
      verdict: 'failed',
      statusCodes: [200],
      reason: 'actuator status DOWN: db, redis',
    });
    expect(byName.readyz).toMatchObject({ verdict: 'passed', healthFormat: 'readyz' });
    expect(byName['readyz failing']?.reason).toBe('readyz check failed: [-] etcd (HTTP 500)');
    expect(byName['api version']?.verdict).toBe('passed');
    expect(byName.socket).toMatchObject({ type: 'ws', verdict: 'passed', statusCodes: [101] });
    expect(byName['socket denied']?.reason).toBe('expected 101 (WebSocket handshake), got 403');
    expect(byName.postgres).toMatchObject({ type: 'tcp', verdict: 'passed' });
    expect(byName['new check']).toMatchObject({ verdict: 'failed', dryRun: true });
    expect(byName.migrations).toMatchObject({ type: 'command', verdict: 'passed', reason: 'exit code 0' });
    expect(gate.smoke!.captured).toEqual({ schemaVersion: 42, reconnectOk: true });

    // Summary: headline, failures first, one row per probe.
    expect(run.summary).toContain('### ❌ Smoke failed on staging: 4 of 13 probes failed');
    const rows = run.summary
      .split('\n')
      .filter((line) => line.startsWith('| ') && !line.startsWith('| Verdict') && !line.startsWith('| ---'));
    expect(rows).toHaveLength(13);
    expect(rows.slice(0, 4).every((row) => row.startsWith('| ❌ failed'))).toBe(true);
    expect(rows[4]).toMatch(/^\| 🧪 failed \(dry run\) \| new check/);
    expect(run.summary).toContain('actuator status DOWN: db, redis');
    expect(run.summary).toContain('`reconnectOk=true`');
    // One error annotation per failed probe; the dry run only warns.
    expect(run.stdout.match(/^::error title=Smoke probe failed::/gm)).toHaveLength(4);
    expect(run.stdout).toMatch(/^::warning title=Smoke probe failed \(dry run\)::new check/m);
    expect(run.stdout).toContain(
      '::error::smoke: 4 of 13 probe(s) failed: health+json fail, actuator down, readyz failing, socket denied',
    );
  });

  test('passing run with a bearer token and secret headers: nothing leaks anywhere', async () => {
    const run = await smoke({
      urls: `${target.base}/ok?token=${TOKEN}, ${target.base}/to-other,${target.wsBase}/ws`,
      'bearer-token': TOKEN,
      headers: `X-Api-Key: ${API_KEY}\nX-Smoke: yes`,
    });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({
      result: 'passed',
      'failed-probes': '[]',
      'passed-count': '3',
      'failed-count': '0',
    });
    // The token reached the service, and was masked for the runner.
    expect(target.received.get(`/ok?token=${TOKEN}`)?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(target.received.get(`/ok?token=${TOKEN}`)?.['x-api-key']).toBe(API_KEY);
    expect(run.stdout).toContain(`::add-mask::${TOKEN}`);
    expect(run.stdout).toContain(`::add-mask::${API_KEY}`);
    // Dropped on the cross-origin redirect.
    expect(target.received.get('other:/echo')?.authorization).toBeUndefined();
    expect(target.received.get('other:/echo')?.['x-api-key']).toBeUndefined();
    const gate = await report(run);
    expect(gate.smoke!.probes[0]?.target).toBe(`${target.base}/ok?token=***`);
    expect(leakedSecrets(await visible(run), { TOKEN, API_KEY })).toEqual([]);
    expect(run.summary).toContain('### ✅ Smoke passed: 3 of 3 probes passed');
  });

  test('503 then recovery, and 429 honouring Retry-After', async () => {
    const run = await smoke({
      urls: `${target.base}/flaky?fail=2&k=e2e, ${target.base}/throttled?after=1&k=e2e`,
      'max-attempts': '4',
    });
    expect(run.code).toBe(0);
    const [flaky, throttled] = (await report(run)).smoke!.probes;
    expect(flaky).toMatchObject({
      verdict: 'passed',
      attempts: 3,
      statusCodes: [503, 503, 200],
      reason: 'HTTP 200 after 3 attempts',
    });
    expect(throttled).toMatchObject({ verdict: 'passed', statusCodes: [429, 200] });
    const [first, second] = target.times.get('/throttled?after=1&k=e2e')!;
    expect(second! - first!).toBeGreaterThanOrEqual(950);
  });

  test('reset, never answering, slow drip, 50 MiB, redirect loop and unreachable port', async () => {
    const run = await smoke({
      urls: [
        `${target.base}/reset`,
        `${target.base}/hang`,
        `${target.base}/drip`,
        `${target.base}/huge`,
        `${target.base}/loop/a`,
        `http://127.0.0.1:${target.closedPort}/health`,
        `${target.base}/always?status=503&k=e2e`,
      ].join('\n'),
      timeout: '400ms',
      'max-attempts': '1',
    });
    expect(run.code).toBe(1);
    expect(run.durationMs).toBeLessThan(10_000);
    const reasons = (await report(run)).smoke!.probes.map((p) => [p.verdict, p.reason]);
    expect(reasons).toEqual([
      ['failed', expect.stringMatching(/^connection failed: .*(reset|closed)/)],
      ['failed', 'no complete answer within 400ms (timeout)'],
      ['failed', 'no complete answer within 400ms (timeout)'],
      ['passed', 'HTTP 200'],
      ['failed', expect.stringMatching(/^redirect loop: .*\/loop\/b leads back to .*\/loop\/a$/)],
      ['failed', 'connection failed: connection refused (ECONNREFUSED)'],
      ['failed', 'expected 200-299, got 503'],
    ]);
    expect(JSON.parse(run.outputs['failed-probes']!)).toHaveLength(6);
  });

  test('fail-on-error false reports the failure but passes the step', async () => {
    const run = await smoke({
      urls: `${target.base}/always?status=500&k=foe`,
      'max-attempts': '1',
      'fail-on-error': 'false',
    });
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('failed');
    expect(run.stdout).toMatch(/::warning::smoke: 1 of 1 probe\(s\) failed: .*fail-on-error is false/);
  });

  test('merges into an existing report and keeps what earlier steps wrote', async () => {
    const workspace = await mkdtemp();
    await mkdir(join(workspace, 'out'));
    const existing = {
      schemaVersion: 1,
      environment: 'production',
      service: 'shop',
      ref: 'refs/tags/v2',
      sha: 'b'.repeat(40),
      version: '2.0.0',
      run: { repository: 'acme/shop', id: '1', attempt: 1, url: null, actor: null, workflow: null },
      startedAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    await writeFile(join(workspace, 'out/gate.json'), JSON.stringify(existing));
    const run = await smoke(
      { urls: `${target.base}/ok`, 'report-path': 'out/gate.json', environment: 'staging' },
      {},
      workspace,
    );
    expect(run.code).toBe(0);
    expect(run.outputs['report-path']).toBe(join(workspace, 'out/gate.json'));
    const merged = JSON.parse(await readFile(join(workspace, 'out/gate.json'), 'utf8'));
    expect(merged).toMatchObject({
      environment: 'production',
      version: '2.0.0',
      startedAt: existing.startedAt,
    });
    expect(merged.smoke.result).toBe('passed');
  });

  test('a command that overruns its timeout fails the probe and does not hold the step open', async () => {
    const workspace = await mkdtemp();
    await writeFile(
      join(workspace, 'probes.json'),
      JSON.stringify([{ name: 'stuck', command: `${process.execPath} -e "setTimeout(() => {}, 60000)"` }]),
    );
    const run = await smoke({ probes: 'probes.json', timeout: '300ms', 'max-attempts': '1' }, {}, workspace);
    expect(run.code).toBe(1);
    expect(run.durationMs).toBeLessThan(8000);
    expect((await report(run)).smoke!.probes[0]?.reason).toBe(
      'command did not finish within 300ms (timeout)',
    );
  });

  test('IPv6 literals and localhost reach a service that listens on ::1 and on the last localhost address', async () => {
    const v6 = await listenOn('::1');
    // A naive client tries only the first address localhost resolves to; listen on the last one.
    const addresses = await lookup('localhost', { all: true });
    const local = await listenOn(addresses.at(-1)!.address);
    try {
      const run = await smoke({
        urls: [
          `http://[::1]:${v6.port}/health`,
          `tcp://[::1]:${v6.port}`,
          `ws://[::1]:${v6.port}/`,
          `http://localhost:${local.port}/health`,
        ].join('\n'),
        'max-attempts': '1',
      });
      const probes = (await report(run)).smoke!.probes;
      expect(probes.map((p) => [p.type, p.target, p.verdict])).toEqual([
        ['http', `http://[::1]:${v6.port}/health`, 'passed'],
        ['tcp', `[::1]:${v6.port}`, 'passed'],
        ['ws', `ws://[::1]:${v6.port}/`, 'passed'],
        ['http', `http://localhost:${local.port}/health`, 'passed'],
      ]);
      expect(run.code).toBe(0);
    } finally {
      await Promise.all([v6.close(), local.close()]);
    }
  });

  test('cancellation (SIGTERM) writes a partial report', async () => {
    let pid = 0;
    const running = runBundle('smoke', {
      inputs: { urls: `${target.base}/hang?cancel=1`, timeout: '20s' },
      onSpawn: (p) => {
        pid = p;
      },
      timeoutMs: 20_000,
    });
    // Wait until the probe is in flight (the server saw the request), then cancel.
    for (let i = 0; i < 100 && !target.hits.get('/hang?cancel=1'); i++)
      await new Promise((r) => setTimeout(r, 50));
    process.kill(pid, 'SIGTERM');
    const run = await running;
    expect(run.code).toBe(130);
    expect(run.stdout).toContain('smoke: cancelled (SIGTERM); writing a partial report');
    const gate = await report(run);
    expect(gate.smoke).toMatchObject({ cancelled: true, result: 'failed' });
    expect(gate.smoke!.probes[0]?.reason).toMatch(/^cancelled|not run: cancelled/);
  });
});

describe('invalid inputs fail at once, naming the input and a valid example; result=error is recorded', () => {
  test.each([
    [
      { urls: 'shop.example.com/healthz' },
      "Input 'urls' 'shop.example.com/healthz' is invalid: entry 1: 'shop.example.com/healthz' is not a URL",
      'Example: urls: https://',
    ],
    [{ urls: 'https://a.test/, tcp://db' }, "entry 2: 'tcp://db' has no port", 'Example: urls:'],
    [
      { 'expected-status': '2xx' },
      "Input 'expected-status' '2xx' is invalid",
      'Example: expected-status: 200-299',
    ],
    [
      { timeout: 'ten seconds' },
      "Input 'timeout' 'ten seconds' is invalid: 'ten seconds' is not a duration",
      'Example: timeout: 10s',
    ],
    [{ deadline: '-5m' }, "Input 'deadline' '-5m' is invalid", 'Example: deadline: 5m'],
    [
      { 'max-attempts': '0' },
      "Input 'max-attempts' '0' is invalid: must be a whole number from 1 to 100",
      'Example: max-attempts: 3',
    ],
    [
      { 'consecutive-successes': 'two' },
      "Input 'consecutive-successes' 'two' is invalid",
      'Example: consecutive-successes: 1',
    ],
    [{ concurrency: '1.5' }, "Input 'concurrency' '1.5' is invalid", 'Example: concurrency: 10'],
    [
      { 'fail-on-error': 'yes' },
      "Input 'fail-on-error' 'yes' is invalid: must be true or false",
      'Example: fail-on-error: true',
    ],
    [
      { headers: 'X-Good: 1\nnot a header' },
      "Input 'headers' is invalid: line 2 is not 'Name: value'",
      'Example: headers:',
    ],
    [
      { 'bearer-token': 'two words' },
      "Input 'bearer-token' is invalid: must be a single token",
      'Example: bearer-token:',
    ],
    [
      { environment: 'prod;rm -rf' },
      "Input 'environment' 'prod;rm -rf' is invalid",
      'Example: environment: production',
    ],
    [
      { 'report-path': 'reports/' },
      "Input 'report-path' 'reports/' is invalid: must be a file path",
      'Example: report-path: release-gate/report.json',
    ],
    [{ urls: '' }, "Input 'urls' or Input 'probes' is required: nothing to probe", 'Example: urls: https://'],
    [
      { urls: '', probes: 'missing.yml' },
      "input 'probes' file 'missing.yml' cannot be read (no such file)",
      'e.g. smoke/probes.yml',
    ],
  ] as Array<[Record<string, string>, string, string]>)('%j', async (inputs, message, example) => {
    const run = await smoke({ urls: 'https://shop.example.invalid/healthz', ...inputs });
    expect(run.code).toBe(1);
    const error = run.stdout.split('\n').find((line) => line.startsWith('::error::smoke: ')) ?? '';
    expect(error).toContain(message.replace(/\n/g, '%0A'));
    expect(error).toContain(example);
    expect(error).not.toContain('unexpected error');
    // The step could not run: result=error, and the report (at the default path when report-path is the
    // bad input) and the summary say why.
    expect(run.outputs).toMatchObject({ result: 'error', 'failed-probes': '[]', 'passed-count': '0' });
    expect(run.outputs['report-path']).toBe(join(run.workspace, 'release-gate/report.json'));
    const section = (await report(run)).smoke!;
    expect(section).toMatchObject({ result: 'error', probes: [], passedCount: 0, failedCount: 0 });
    expect(section.error).toContain(message);
    expect(run.summary).toContain('Smoke could not run');
    expect(run.summary).toContain(message);
  });

  test('an invalid probes file names the probe and the field', async () => {
    const workspace = await mkdtemp();
    await writeFile(
      join(workspace, 'probes.yml'),
      `- url: ${target.base}/ok\n- url: ${target.base}/ok\n  expectedStatus: 2xx\n`,
    );
    const before = target.hits.get('/ok') ?? 0;
    const run = await smoke({ probes: 'probes.yml' }, {}, workspace);
    expect(run.code).toBe(1);
    // Checked before any probe ran: the valid first probe was not sent either.
    expect(target.hits.get('/ok') ?? 0).toBe(before);
    expect(run.stdout).toContain(
      "::error::smoke: input 'probes' file 'probes.yml': probe 2, field 'expectedStatus': '2xx' is not a status list",
    );
  });

  test('every bad input is named in one message; a secret value is never echoed', async () => {
    const run = await smoke({ timeout: 'soon', concurrency: '0', 'bearer-token': `${TOKEN} extra` });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /Input 'bearer-token' is invalid.*%0AInput 'timeout' 'soon' is invalid.*%0AInput 'concurrency' '0' is invalid/,
    );
    expect(leakedSecrets(await visible(run), { TOKEN })).toEqual([]);
  });
});

/** An HTTP + WebSocket server on one address (port 0). */
async function listenOn(address: string): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer((_req, res) => res.end('ok'));
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket) => socket.on('error', () => {}));
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function mkdtemp(): Promise<string> {
  const { mkdtemp: make } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  return make(join(tmpdir(), 'smoke-e2e-'));
}
