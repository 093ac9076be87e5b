import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readinessDecisionSchema } from '../../packages/core/src/readiness/record.js';
import { releaseGateReportSchema } from '../../packages/core/src/report/schema.js';
import { runBundle } from '../harness/action.js';
import { leakedSecrets, visibleOutput } from '../harness/secrets.js';

/**
 * A rolling deploy: `/v1/session` is answered by an old pod (version 1.9.0, 201, a fresh session in
 * the body), `/v1/health` by the new one. The old pod's answer fails the version check, yet carries
 * every field a capture looks for.
 */
let server: Server;
let base = '';
const tokens: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/v1/health') {
      res.writeHead(200, { 'content-type': 'application/json', 'x-app-version': '2.0.0' });
      return res.end('{"status":"pass"}');
    }
    const token = `old-pod-session-${tokens.length}-${'k'.repeat(12)}`;
    tokens.push(token);
    res.writeHead(201, { 'content-type': 'application/json', 'x-app-version': '1.9.0' });
    res.end(JSON.stringify({ session: { token, user: 'smoke-bot' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const probesFile = () => `probes:
  - name: health
    url: ${base}/v1/health
  # a rehearsal: its failure does not fail the run, and it must not lend its capture to the report
  - name: login rehearsal
    url: ${base}/v1/session
    method: POST
    expectedStatus: 201
    dryRun: true
    capture:
      rehearsalUser: { path: session.user, secret: false }
scenarios:
  - name: service-account
    resultKey: serviceAccountOk
    steps:
      - name: login
        url: ${base}/v1/session
        method: POST
        expectedStatus: 201
        capture:
          token: session.token
          sessionUser: { path: session.user, secret: false }
      - name: me
        url: "${base}/v1/health?token={{ steps.login.token }}"
`;

async function workspaceWith(files: Record<string, string>): Promise<string> {
  const workspace = await mkdtemp(join(tmpdir(), 'ra-failed-captures-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(workspace, path, '..'), { recursive: true });
    await writeFile(join(workspace, path), text);
  }
  return workspace;
}

const SMOKE_INPUTS = {
  probes: 'smoke/probes.yml',
  'expected-version': '2.0.0',
  'version-from': 'header:x-app-version',
  'max-attempts': '2',
};

test('the smoke bundle records no capture from an answer that failed: the report has only the resultKey false', async () => {
  const workspace = await workspaceWith({ 'smoke/probes.yml': probesFile() });
  const run = await runBundle('smoke', { workspace, inputs: SMOKE_INPUTS, timeoutMs: 30_000 });
  const report = releaseGateReportSchema.parse(
    JSON.parse(await readFile(join(workspace, 'release-gate/report.json'), 'utf8')),
  );
  expect(run.outputs.result).toBe('failed');
  expect(report.smoke?.probes.map((p) => [p.name, p.verdict])).toEqual([
    ['health', 'passed'],
    ['login rehearsal', 'failed'],
    ['service-account/login', 'failed'],
    ['service-account/me', 'failed'],
  ]);
  expect(probeReason(report, 'service-account/login')).toBe(
    'version (header x-app-version): expected "2.0.0", got "1.9.0" after 2 attempts',
  );
  expect(report.smoke?.captured).toEqual({ serviceAccountOk: false });
  // The old pod's tokens were still masked: read as secrets, written nowhere.
  const secrets = Object.fromEntries(tokens.map((token, index) => [`token ${index}`, token]));
  expect(leakedSecrets(await visibleOutput(run), secrets)).toEqual([]);
});

function probeReason(report: ReturnType<typeof releaseGateReportSchema.parse>, name: string) {
  return report.smoke?.probes.find((p) => p.name === name)?.reason;
}

test('readiness: a rule on a value captured from a failed (dry-run) answer fails, though the smoke passed', async () => {
  // Only the rehearsal fails, and a dry run does not fail the smoke: the smoke passes.
  const workspace = await workspaceWith({
    'smoke/probes.yml': probesFile().replace(/scenarios:[\s\S]*$/, ''),
    'release-checklist.yml': `rules:
  targetIsMain: false
  drillDeltaReport: false
  receiverValidationReport: false
  receiverDrillReport: false
  loadCalibrationReport: false
require:
  - name: the service account signed in
    path: smoke.captured.rehearsalUser
    equals: smoke-bot
`,
  });
  const smoke = await runBundle('smoke', { workspace, inputs: SMOKE_INPUTS, timeoutMs: 30_000 });
  expect(smoke.outputs.result).toBe('passed');
  const run = await runBundle('readiness-checklist', {
    workspace,
    inputs: {
      checklist: 'release-checklist.yml',
      report: 'release-gate/report.json',
      'release-owner': 'alice',
      'rollback-owner': 'bob',
      'rollback-ref': 'v1.3.9',
    },
  });
  const record = readinessDecisionSchema.parse(
    JSON.parse(
      await readFile(join(workspace, 'build-artifacts/release-gate-readiness-decision.json'), 'utf8'),
    ),
  );
  expect(run.outputs.decision).toBe('NO-GO');
  expect(record.rules.map((rule) => [rule.id, rule.status])).toEqual([
    ['targetIsMain', 'off'],
    ['releaseOwnerNamed', 'passed'],
    ['rollbackOwnerNamed', 'passed'],
    ['rollbackRefSet', 'passed'],
    ['latestSmokePassed', 'passed'],
    ['drillDeltaReport', 'off'],
    ['receiverValidationReport', 'off'],
    ['receiverDrillReport', 'off'],
    ['loadCalibrationReport', 'off'],
    ['report:the service account signed in', 'failed'],
  ]);
  expect(record.failedRules).toEqual([
    {
      id: 'report:the service account signed in',
      reason: expect.stringMatching(/^smoke\.captured\.rehearsalUser is \(missing\), expected/),
    },
  ]);
});
