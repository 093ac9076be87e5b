import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { repoRoot } from '../harness/action.js';
import { promtoolTest } from './promtool.js';

const run = promisify(execFile);
const rulesFile = join(repoRoot, 'docs/alerts/release-gate-rules.yml');
const testFile = join(repoRoot, 'docs/alerts/release-gate-rules.test.yml');

test('promtool accepts the alert rules file and finds the three alerts', async () => {
  const { stdout } = await run('promtool', ['check', 'rules', rulesFile], { timeout: 30_000 });
  expect(stdout).toContain('SUCCESS: 3 rules found');
  const rules = parseYaml(await readFile(rulesFile, 'utf8')) as {
    groups: Array<{ rules: Array<{ alert: string; labels: { severity: string } }> }>;
  };
  const alerts = rules.groups.flatMap((group) =>
    group.rules.map((rule) => [rule.alert, rule.labels.severity]),
  );
  expect(alerts).toEqual([
    ['ReleaseGateRollbackCallbackFailuresPresent', 'warning'],
    ['ReleaseGateRollbackCallbackFailureRateCritical', 'critical'],
    ['ReleaseGateRollbackCallbackDrillMissing', 'warning'],
  ]);
});

test('the committed promtool unit tests pass: each alert firing and not firing at its threshold', async () => {
  const result = await promtoolTest(testFile);
  expect(result.output).toContain('SUCCESS');
  expect(result.ok).toBe(true);
});

test('the unit tests catch a wrong threshold (they are not vacuous)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ra-rules-'));
  const rules = await readFile(rulesFile, 'utf8');
  const tests = await readFile(testFile, 'utf8');
  for (const [name, from, to] of [
    ['presence', ') >= 1', ') >= 2'],
    ['rate', '> 0.2 *', '>= 0.2 *'],
    ['volume', ') >= 3', ') >= 2'],
    ['missing window', '[14d]', '[16d]'],
  ] as const) {
    expect(rules).toContain(from);
    await writeFile(join(dir, 'release-gate-rules.yml'), rules.replace(from, to));
    await writeFile(join(dir, 'release-gate-rules.test.yml'), tests);
    const result = await promtoolTest(join(dir, 'release-gate-rules.test.yml'));
    expect({ name, ok: result.ok }).toEqual({ name, ok: false });
    expect(result.output).toContain('FAILED');
  }
});
