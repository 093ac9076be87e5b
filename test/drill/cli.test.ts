import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../harness/cli.js';
import { drillReport, eventLog, healthyEvents, NOW, workspaceWith } from './fixtures.js';

test('release-gate drill-evaluate writes the same files as the action and prints the statuses', async () => {
  const cwd = await workspaceWith({
    'staging.json': drillReport('staging'),
    'production.json': drillReport('production', { verifyState: 'failed' }),
    'events.jsonl': eventLog(healthyEvents()),
  });
  const args = [
    'drill-evaluate',
    '--staging',
    'staging.json',
    '--production',
    'production.json',
    '--events',
    'events.jsonl',
  ];
  const result = await runCli([...args, '--now', NOW.toISOString(), '--owner', 'dana'], { cwd });
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(
    'staging: drill_passed\nproduction: attention_required\n  - rollback verify failed\n',
  );
  expect(result.stdout).toContain('alerts: none');
  const report = JSON.parse(
    await readFile(join(cwd, 'build-artifacts/release-gate-drill-delta-report.json'), 'utf8'),
  );
  expect(report.production.status).toBe('attention_required');
  expect(report.owner).toBe('dana');
  const log = await readFile(join(cwd, 'build-artifacts/release-gate-drill-log.md'), 'utf8');
  expect(log).toContain(
    '| 2026-01-15 12:00 | drill_passed | attention_required | no | dana | production: rollback verify failed |',
  );

  const failing = await runCli([...args, '--now', NOW.toISOString(), '--fail-on-attention'], { cwd });
  expect(failing.code).toBe(1);
  expect(
    (await readFile(join(cwd, 'build-artifacts/release-gate-drill-log.md'), 'utf8')).trim().split('\n'),
  ).toHaveLength(log.trim().split('\n').length + 1);
  const json = await runCli([...args, '--now', NOW.toISOString(), '--json', '--out-dir', 'other'], { cwd });
  expect(JSON.parse(json.stdout).staging.status).toBe('drill_passed');
});

test('release-gate drill-evaluate: bad usage and a malformed report exit 2, naming the flag or the file', async () => {
  const cwd = await workspaceWith({ 'staging.json': '{nope' });
  expect((await runCli(['drill-evaluate', '--bogus'], { cwd })).code).toBe(2);
  const badNow = await runCli(['drill-evaluate', '--now', 'tomorrow'], { cwd });
  expect(badNow.code).toBe(2);
  expect(badNow.stderr).toContain("--now 'tomorrow' is invalid: must be an ISO 8601 timestamp");
  expect(badNow.stderr).toContain('Example: --now 2026-01-15T11:00:00Z');
  const badCalibration = await runCli(['drill-evaluate', '--calibration', 'failureRate: { minEvents: 0 }'], {
    cwd,
  });
  expect(badCalibration.code).toBe(2);
  expect(badCalibration.stderr).toContain("field 'failureRate.minEvents'");
  const malformed = await runCli(['drill-evaluate', '--staging', 'staging.json'], { cwd });
  expect(malformed.code).toBe(2);
  expect(malformed.stderr).toMatch(/staging report '.*staging\.json' is not valid JSON/);
  const help = await runCli(['drill-evaluate', '--help'], { cwd });
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('--previous-log <path>');
});
