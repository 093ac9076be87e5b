// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are GitHub expressions, not templates
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../harness/action.js';

// The shape the docs promise (names, permissions, triggers); what the workflows do is proven by running
// them (release-gate.test.ts, runner.test.ts), and scripts/lint-workflows.mjs covers syntax and names.
// biome-ignore lint/suspicious/noExplicitAny: parsed YAML
type Doc = any;
const load = async (path: string): Promise<Doc> => parse(await readFile(join(repoRoot, path), 'utf8'));
const stepsOf = (job: Doc) =>
  Object.fromEntries((job.steps as Doc[]).filter((s) => s.id).map((s) => [s.id, s]));

test('release-gate.yml: called only, least permissions, one job per environment, fails when blocked after the upload', async () => {
  const wf = await load('.github/workflows/release-gate.yml');
  expect(Object.keys(wf.on)).toEqual(['workflow_call']);
  expect(Object.keys(wf.on.workflow_call.outputs)).toEqual([
    'verdict',
    'smoke-result',
    'rollback-state',
    'rollback-callback-state',
    'rollback-ref',
    'deployment-id',
    'artifact-id',
  ]);
  // Role secrets are all optional: with `secrets: inherit` each falls back to <secret-prefix>_<NAME>.
  expect(wf.on.workflow_call.secrets).toEqual(
    Object.fromEntries(
      [
        'DEPLOY_WEBHOOK_URL',
        'SMOKE_URLS',
        'ROLLBACK_WEBHOOK_URL',
        'VERIFY_WEBHOOK_URL',
        'METRICS_URL',
        'SIGNING_SECRET',
        'SMOKE_BEARER_TOKEN',
        'RELEASE_GATE_SIGNING_SECRET',
      ].map((name) => [name, expect.objectContaining({ required: false })]),
    ),
  );
  expect(wf.on.workflow_call.inputs['secret-prefix'].default).toBe('');
  expect(wf.permissions).toEqual({});
  const job = wf.jobs.gate;
  expect(job.permissions).toEqual({ contents: 'read', deployments: 'write', actions: 'read' });
  expect(job.concurrency.group).toContain('${{ inputs.environment }}');
  expect(job.concurrency['cancel-in-progress']).toBe(false);
  expect(job.concurrency.queue).toBe('max');
  expect(job.environment).toEqual({ name: '${{ inputs.environment }}', deployment: false });
  const steps = stepsOf(job);
  expect(Object.keys(steps)).toEqual(['deploy', 'smoke', 'rollback', 'verify', 'report']);
  // The previous release log comes from trusted runs only, found by the report action itself.
  expect(steps.report.with['previous-log-artifact']).toBe('${{ env.ARTIFACT_NAME }}');
  expect(steps.smoke.with['fail-on-error']).toBe(false);
  expect(steps.rollback.if).toContain("steps.smoke.outputs.result != 'passed'");
  expect(steps.verify.if).toContain("steps.rollback.outcome == 'success'");
  expect(steps.report.if).toBe('always()');
  expect(steps.report.with['fail-on-blocked']).toBe(true);
  for (const id of ['deploy', 'smoke', 'rollback', 'verify', 'report']) {
    expect(steps[id].uses).toMatch(/^org\/release-actions\/[a-z-]+@v1$/);
  }
  expect(job.outputs.verdict).toBe('${{ steps.report.outputs.verdict }}');
});

test('rollback.yml and release-gate-drill.yml are called only; the drill is safe by default', async () => {
  const rollback = await load('.github/workflows/rollback.yml');
  expect(Object.keys(rollback.on)).toEqual(['workflow_call']);
  expect(rollback.on.workflow_call.inputs['rollback-ref'].default).toBe('');
  expect(stepsOf(rollback.jobs.rollback).report.with['require-smoke']).toBe(false);

  const drill = await load('.github/workflows/release-gate-drill.yml');
  expect(Object.keys(drill.on)).toEqual(['workflow_call']);
  expect(drill.on.workflow_call.inputs['live-production'].default).toBe(false);
  const include = drill.jobs.drill.strategy.matrix.include;
  expect(include.map((entry: Doc) => [entry.environment, entry.drill])).toEqual([
    ['staging', true],
    ['production', '${{ !inputs.live-production }}'],
  ]);
  const report = (drill.jobs.drill.steps as Doc[]).find((s) => String(s.uses).includes('/report@'));
  expect(report.with['artifact-name']).toBe('${{ matrix.environment }}-release-gate-report');
});

test('templates: push to main, Thursday 11:00 UTC drill plus dispatch, manual rollback with environment and optional ref', async () => {
  const gate = await load('action-templates/release-gate.yml');
  // A copied file never gets `$default-branch` substituted; the templates name the branch.
  expect(gate.on.push.branches).toEqual(['main']);
  for (const [id, prefix] of [
    ['staging', 'STAGING'],
    ['production', 'PRODUCTION'],
  ] as const) {
    expect(gate.jobs[id].secrets).toBe('inherit');
    expect(gate.jobs[id].with['secret-prefix']).toBe(prefix);
  }
  expect(gate.jobs.production.if).toBe("needs.staging.outputs.verdict == 'promote'");
  const drill = await load('action-templates/release-gate-drill.yml');
  expect(drill.on.schedule).toEqual([{ cron: '0 11 * * 4' }]);
  expect(drill.on).toHaveProperty('workflow_dispatch');
  const rollback = await load('action-templates/rollback.yml');
  const inputs = rollback.on.workflow_dispatch.inputs;
  expect(inputs.environment).toMatchObject({ required: true, type: 'environment' });
  expect(inputs.ref.required).toBe(false);
  for (const name of ['release-gate', 'release-gate-drill', 'rollback']) {
    const template = await load(`action-templates/${name}.yml`);
    const job = Object.values(template.jobs)[0] as Doc;
    expect(job.uses).toBe(`org/release-actions/.github/workflows/${name}.yml@v1`);
    const meta = JSON.parse(
      await readFile(join(repoRoot, `action-templates/${name}.properties.json`), 'utf8'),
    );
    expect(meta).toMatchObject({
      name: expect.any(String),
      description: expect.any(String),
      categories: expect.any(Array),
    });
  }
});

test('release.yml moves the major tag in one atomic push and releases only the full version', async () => {
  const text = await readFile(join(repoRoot, '.github/workflows/release.yml'), 'utf8');
  expect(text).toContain('git push origin --atomic --force "refs/tags/v${VERSION}" "refs/tags/${major}"');
  expect(text).toContain('gh release create "v${VERSION}"');
  const wf = parse(text);
  expect(wf.jobs.release.permissions).toEqual({ contents: 'write' });
});

test('no workflow shells out to gh or jq: artifacts of earlier runs are found by our actions, from trusted runs', async () => {
  for (const path of [
    '.github/workflows/release-gate.yml',
    '.github/workflows/release-gate-drill.yml',
    '.github/workflows/rollback.yml',
    '.github/workflows/readiness-checklist.yml',
  ]) {
    const wf = await load(path);
    for (const job of Object.values(wf.jobs) as Doc[]) {
      for (const step of job.steps as Doc[]) {
        expect(String(step.run ?? '')).not.toMatch(/\b(gh|jq)\b/);
      }
      // Jobs that name an environment never let GitHub record a deployment of their own.
      if (job.environment) expect(job.environment.deployment).toBe(false);
    }
  }
});
