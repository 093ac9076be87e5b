import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finalizeGate } from '@release-actions/core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { repoRoot } from '../harness/action.js';
import { promotedReport, rolledBackReport, writeReport } from './fixtures.js';

// The generated JSON Schemas (docs/schemas/) checked by an independent validator (ajv, draft 2020-12)
// against files the code really writes: a consumer using only the schemas reads them correctly.
const schema = async (name: string) =>
  JSON.parse(await readFile(join(repoRoot, 'docs/schemas', name), 'utf8'));

test('report.json, manifest.json and summary.json of a real bundle validate against the generated schemas', async () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const validators = {
    'report.json': ajv.compile(await schema('release-gate-report.schema.json')),
    'manifest.json': ajv.compile(await schema('evidence-manifest.schema.json')),
    'summary.json': ajv.compile(await schema('evidence-summary.schema.json')),
  };
  for (const report of [promotedReport(), rolledBackReport()]) {
    const workspace = await mkdtemp(join(tmpdir(), 'schemas-'));
    const reportPath = await writeReport(workspace, report);
    await finalizeGate({ reportPath, workspace, generatedBy: 'test' });
    for (const [file, validate] of Object.entries(validators)) {
      const data = JSON.parse(await readFile(join(workspace, 'release-gate', file), 'utf8'));
      const ok = validate(data);
      expect({ file, ok, errors: validate.errors }).toEqual({ file, ok: true, errors: null });
    }
  }
});

test('the report schema rejects what the zod schema rejects', async () => {
  const ajv = new Ajv2020({ strict: false });
  const validate = ajv.compile(await schema('release-gate-report.schema.json'));
  expect(validate({ ...promotedReport(), schemaVersion: 2 })).toBe(false);
  expect(validate({ ...promotedReport(), verdict: { value: 'maybe', reasons: [], decidedAt: 'x' } })).toBe(
    false,
  );
  const { environment: _environment, ...missing } = promotedReport();
  expect(validate(missing)).toBe(false);
  expect(validate(promotedReport())).toBe(true);
});
