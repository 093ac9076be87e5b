import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { releaseGateReportSchema } from '../../packages/core/src/report/schema.js';
import { type CliRun, runCli } from '../harness/cli.js';
import { leakedSecrets, readTree } from '../harness/secrets.js';
import { type SmokeTarget, startSmokeTarget } from '../servers/smoke-target.js';

let target: SmokeTarget;
beforeAll(async () => {
  target = await startSmokeTarget();
});
afterAll(() => target.close());

/** The smoke CLI runs here with a 20s bound unless a test needs longer. */
function cli(args: string[], env: Record<string, string> = {}, timeoutMs = 20_000): Promise<CliRun> {
  return runCli(args, { env, timeoutMs });
}

async function report(cwd: string, path = 'release-gate/report.json') {
  return releaseGateReportSchema.parse(JSON.parse(await readFile(join(cwd, path), 'utf8')));
}

describe('release-gate smoke', () => {
  test('failing probe: exit 1, summary on stdout, the same report file as the action', async () => {
    const run = await cli([
      'smoke',
      '--url',
      `${target.base}/ok`,
      '--url',
      `${target.base}/actuator/down`,
      '--urls',
      `tcp://127.0.0.1:${target.tcpPort}, ${target.wsBase}/ws`,
      '--max-attempts',
      '1',
      '--environment',
      'staging',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^smoke FAILED: 1 of 4 probes failed in /);
    expect(run.stdout.split('\n')[1]).toMatch(
      /^ {2}✘ 127\.0\.0\.1:\d+\/actuator\/down {2}actuator status DOWN: db, redis/,
    );
    // Not a terminal: one progress line per probe on stderr.
    expect(run.stderr.match(/^\[\d\/4\] /gm)).toHaveLength(4);
    const gate = await report(run.cwd);
    expect(gate.environment).toBe('staging');
    expect(gate.smoke?.probes.map((p) => [p.type, p.verdict])).toEqual([
      ['http', 'passed'],
      ['http', 'failed'],
      ['tcp', 'passed'],
      ['ws', 'passed'],
    ]);
  });

  test('passing run with a token from the environment: exit 0, token never printed or stored', async () => {
    const token = 'cli-T0KEN-7c1e55aa90';
    const run = await cli(['smoke', '--url', `${target.base}/ok?cli=1`, '--report-path', 'out/r.json'], {
      RELEASE_GATE_BEARER_TOKEN: token,
    });
    expect(run.code).toBe(0);
    expect(target.received.get('/ok?cli=1')?.authorization).toBe(`Bearer ${token}`);
    expect((await report(run.cwd, 'out/r.json')).smoke?.result).toBe('passed');
    expect(leakedSecrets(`${run.stdout}${run.stderr}${await readTree(run.cwd)}`, { token })).toEqual([]);
  });

  test('command probes run through node:child_process; a stuck one is killed at the timeout', async () => {
    const probes = join(await mkdtemp(join(tmpdir(), 'cli-probes-')), 'probes.yml');
    await writeFile(
      probes,
      `- name: capture
  command: ${process.execPath}
  args: ["-e", "console.log('reconnectOk=true'); console.log('build=abc')"]
- name: stuck
  command: ${process.execPath}
  args: ["-e", "setTimeout(() => {}, 60000)"]
`,
    );
    const run = await cli(['smoke', '--probes', probes, '--timeout', '300ms', '--max-attempts', '1']);
    expect(run.code).toBe(1);
    expect(run.durationMs).toBeLessThan(8000);
    const gate = await report(run.cwd);
    expect(gate.smoke?.captured).toEqual({ reconnectOk: true, build: 'abc' });
    expect(gate.smoke?.probes[1]?.reason).toBe('command did not finish within 300ms (timeout)');
  });

  test('fail-on-error false exits 0 on a failed probe', async () => {
    const run = await cli([
      'smoke',
      '--url',
      `${target.base}/always?status=500&cli=1`,
      '--max-attempts',
      '1',
      '--fail-on-error',
      'false',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^smoke FAILED/);
  });

  test.each([
    [
      ['smoke', '--url', 'http://a.test/', '--timeout', 'soon'],
      "--timeout 'soon' is invalid: 'soon' is not a duration",
      'Example: --timeout 10s',
    ],
    [
      ['smoke', '--url', 'notaurl'],
      "--url 'notaurl' is invalid: entry 1: 'notaurl' is not a URL",
      'Example: --url https://shop.example.com/healthz',
    ],
    [
      ['smoke', '--url', 'http://a.test/', '--max-attempts', '0'],
      "--max-attempts '0' is invalid",
      'Example: --max-attempts 3',
    ],
    [['smoke'], '--urls or --probes is required: nothing to probe', 'Example: --urls https://'],
    [
      ['smoke', '--probes', 'missing.yml'],
      "--probes file 'missing.yml' cannot be read (no such file)",
      'smoke/probes.yml',
    ],
    [
      ['smoke', '--url', 'http://a.test/', '--retries', '3'],
      "Unknown option '--retries'",
      'release-gate smoke --url',
    ],
  ])('bad usage %j exits 2 naming the flag', async (args, message, example) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain(example);
    expect(await readTree(join(run.cwd, 'release-gate'))).toBe('');
  });

  test('--help prints the flags and exits 0', async () => {
    const run = await cli(['smoke', '--help']);
    expect(run.code).toBe(0);
    for (const flag of [
      '--url',
      '--urls',
      '--probes',
      '--bearer-token',
      '--header',
      '--expected-status',
      '--timeout',
      '--deadline',
      '--max-attempts',
      '--consecutive-successes',
      '--concurrency',
      '--environment',
      '--report-path',
      '--fail-on-error',
    ]) {
      expect(run.stdout).toContain(flag);
    }
  });
});

describe('release-gate demo (npm start)', () => {
  test('smokes the sample service, exits 0, writes the report and stops its servers', async () => {
    // Later stages (deploy, rollback, evidence with a bounded load run, report) make the demo longer.
    const run = await cli(['demo'], {}, 60_000);
    expect(run.code).toBe(0);
    expect(run.durationMs).toBeLessThan(45_000);
    expect(run.stdout).toMatch(/sample service on http:\/\/127\.0\.0\.1:\d+/);
    expect(run.stdout).toContain('✘ checkout actuator  actuator status DOWN: db, redis');
    expect(run.stdout).toContain('✔ smoke: smoke blocked the release');
    const gate = await report(run.cwd, 'build-artifacts/release-gate/report.json');
    expect(gate).toMatchObject({ environment: 'demo', service: 'sample-service' });
    expect(gate.smoke?.probes.map((p) => [p.name, p.verdict, p.healthFormat])).toEqual([
      ['checkout healthz', 'passed', 'health+json'],
      ['checkout actuator', 'failed', 'actuator'],
    ]);
    expect(gate.smoke?.result).toBe('failed');
  });
});
