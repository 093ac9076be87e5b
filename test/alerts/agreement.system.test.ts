import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';
import { DAY, drillReport, eventLog, NOW } from '../drill/fixtures.js';
import { repoRoot, runBundle } from '../harness/action.js';
import { INTERVAL_MS, inputSeries, promtoolTest } from './promtool.js';
import { ALERT_SCENARIOS, ALERTS, EDGE_MARGIN_MS, WINDOW_EDGES_MS } from './scenarios.js';

const rulesFile = join(repoRoot, 'docs/alerts/release-gate-rules.yml');
const TIMELINE_MS = 16 * DAY;

interface Rule {
  alert: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** drill-evaluate's verdict on one scenario, through the real bundle: firing alert names per environment. */
async function drillEvaluateFiring(events: string): Promise<Record<string, string[]>> {
  const workspace = await mkdtemp(join(tmpdir(), 'ra-agree-'));
  await writeFile(join(workspace, 'events.jsonl'), events);
  await writeFile(join(workspace, 'staging.json'), JSON.stringify(drillReport('staging')));
  await writeFile(join(workspace, 'production.json'), JSON.stringify(drillReport('production')));
  const run = await runBundle('drill-evaluate', {
    workspace,
    inputs: {
      events: 'events.jsonl',
      staging: 'staging.json',
      production: 'production.json',
      now: NOW.toISOString(),
    },
  });
  expect(run.code).toBe(0);
  const report = JSON.parse(await readFile(run.outputs['report-path']!, 'utf8')) as {
    alerts: Array<{ name: string; environment: string; firing: boolean }>;
  };
  const firing: Record<string, string[]> = {};
  for (const alert of report.alerts) {
    firing[alert.environment] ??= [];
    if (alert.firing) firing[alert.environment]!.push(alert.name);
  }
  return firing;
}

test('the scenarios keep clear of every window edge (so sampling cannot decide them)', () => {
  for (const scenario of ALERT_SCENARIOS) {
    for (const event of scenario.events) {
      for (const edge of WINDOW_EDGES_MS)
        expect(Math.abs(event.ageMs - edge)).toBeGreaterThanOrEqual(EDGE_MARGIN_MS);
      expect(event.ageMs % INTERVAL_MS).toBe(0);
      expect(event.ageMs).toBeLessThan(TIMELINE_MS);
    }
  }
});

test('drill-evaluate and the Prometheus rules agree on every scenario event series', async () => {
  const rules = (
    parseYaml(await readFile(rulesFile, 'utf8')) as { groups: Array<{ rules: Rule[] }> }
  ).groups.flatMap((group) => group.rules);
  expect(rules.map((rule) => rule.alert).sort()).toEqual(Object.values(ALERTS).sort());
  const tests = [];
  for (const scenario of ALERT_SCENARIOS) {
    // One scenario list, two renderings: the receiver's event log and the receiver's counter series.
    const firing = await drillEvaluateFiring(eventLog(scenario.events));
    for (const [environment, expected] of Object.entries(scenario.firing)) {
      expect({ scenario: scenario.name, environment, firing: (firing[environment] ?? []).sort() }).toEqual({
        scenario: scenario.name,
        environment,
        firing: [...expected].sort(),
      });
    }
    tests.push({
      interval: '5m',
      input_series: inputSeries(scenario.events, TIMELINE_MS),
      // Prometheus must fire exactly what drill-evaluate computed (taken from its report, not the scenario).
      alert_rule_test: rules.map((rule) => ({
        eval_time: `${TIMELINE_MS / 3_600_000}h`,
        alertname: rule.alert,
        exp_alerts: Object.entries(firing)
          .filter(([, names]) => names.includes(rule.alert))
          .map(([environment]) => ({
            exp_labels: { ...rule.labels, environment },
            exp_annotations: Object.fromEntries(
              Object.entries(rule.annotations).map(([key, value]) => [
                key,
                value.replace(/\{\{ \$labels\.environment \}\}/g, environment),
              ]),
            ),
          })),
      })),
    });
  }
  const dir = await mkdtemp(join(tmpdir(), 'ra-agree-rules-'));
  const file = join(dir, 'agreement.test.yml');
  await writeFile(file, stringify({ rule_files: [rulesFile], evaluation_interval: '1h', tests }));
  const result = await promtoolTest(file);
  expect(result.output).toContain('SUCCESS');
  expect(result.ok).toBe(true);
});
