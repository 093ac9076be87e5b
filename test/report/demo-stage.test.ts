import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runDemo } from '../../packages/cli/src/demo/index.js';
import { reportStage } from '../../packages/cli/src/demo/stages/report.js';
import { smokeStage } from '../../packages/cli/src/demo/stages/smoke.js';

test('the demo report stage finalises the gate the demo ran and says where the bundle is', async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'demo-report-'));
  const out = new PassThrough();
  let printed = '';
  out.on('data', (chunk) => {
    printed += chunk;
  });
  const ok = await runDemo({ cwd, stages: [smokeStage, reportStage], out });
  expect(printed).toContain('sample-service 2.4.0 -> demo: BLOCKED');
  expect(printed).toContain('evidence bundle: build-artifacts/release-gate/');
  expect(printed).toMatch(/\(5 files match manifest\.json\)/);
  expect(printed).toMatch(/✔ report: demo blocked; bundles verified/);
  expect(ok).toBe(true);
  const summary = JSON.parse(await readFile(join(cwd, 'build-artifacts/release-gate/summary.json'), 'utf8'));
  expect(summary).toMatchObject({ ok: false, verdict: 'blocked', smokeResult: 'failed' });
  expect(await readFile(join(cwd, 'build-artifacts/release-gate/summary.md'), 'utf8')).toContain(
    '```mermaid',
  );

  // A second demo run extends the same release log, as each workflow run extends the previous artifact's.
  await runDemo({ cwd, stages: [smokeStage, reportStage], out });
  const log = (await readFile(join(cwd, 'build-artifacts/release-log.tsv'), 'utf8')).trimEnd().split('\n');
  expect(log).toHaveLength(3);
}, 60_000);
