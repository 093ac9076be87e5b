import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { releaseGateReportSchema } from '../../packages/core/src/report/schema.js';
import { runCli } from '../harness/cli.js';
import { leakedSecrets, readTree } from '../harness/secrets.js';
import { type SsoApi, startSsoApi } from '../servers/sso-api.js';

let api: SsoApi;
beforeAll(async () => {
  api = await startSsoApi();
});
afterAll(() => api.close());

describe('release-gate smoke with scenarios (packages/cli/dist/index.js)', () => {
  test('--expected-version, --version-from and --warmup mirror the inputs; steps and failures print', async () => {
    const probes = `probes:
  - name: health
    url: ${api.base}/v1/health?seq=old_new&k=cli
  - name: mode
    url: ${api.base}/v1/auth/mode?mode=password
    checkVersion: false
    assertions:
      - { path: mode, equals: sso }
      - { header: x-app-version, equals: 3.0.0 }
steps:
  - name: login
    url: ${api.base}/v1/session
    body: { user: smoke-bot, password: "{{ env.SMOKE_PASSWORD }}" }
    expectedStatus: 201
    capture: { token: session.token }
  - name: me
    url: ${api.base}/v1/me
    headers: { Authorization: "Bearer {{ steps.login.token }}" }
`;
    const run = await runCli(
      [
        'smoke',
        '--probes',
        'probes.yml',
        '--expected-version',
        '2.0.0',
        '--version-from',
        'header:x-app-version',
        '--warmup',
        '100ms',
        '--max-attempts',
        '2',
      ],
      { files: { 'probes.yml': probes }, env: { SMOKE_PASSWORD: api.password } },
    );
    expect(run.code).toBe(1);
    const gate = releaseGateReportSchema.parse(
      JSON.parse(await readFile(join(run.cwd, 'release-gate/report.json'), 'utf8')),
    );
    expect(gate.smoke!.probes.map((p) => [p.name, p.verdict])).toEqual([
      ['health', 'passed'],
      ['mode', 'failed'],
      ['steps/login', 'passed'],
      ['steps/me', 'passed'],
    ]);
    expect(gate.smoke!.probes[0]!.attempts).toBe(2);
    expect(run.stdout).toContain('\n      - mode: expected equals "sso", got "password"');
    expect(run.stdout).toContain('\n      - header x-app-version: expected equals "3.0.0", got "2.0.0"');
    const everything = `${run.stdout}\n${run.stderr}\n${await readTree(run.cwd)}`;
    expect(leakedSecrets(everything, { token: api.tokens.at(-1)!, password: api.password })).toEqual([]);
  });

  test('--help lists the new flags; a bad --version-from is bad usage', async () => {
    const help = await runCli(['smoke', '--help']);
    expect(help.stdout).toMatch(
      /--expected-version <version>[\s\S]*--version-from <source>[\s\S]*--warmup <duration>/,
    );
    const bad = await runCli([
      'smoke',
      '--url',
      `${api.base}/v1/health`,
      '--expected-version',
      '2',
      '--version-from',
      'a..b',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--version-from 'a..b' is invalid: 'a..b' is not a JSON path or header");
  });
});
