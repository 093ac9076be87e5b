// JSON Schemas for every versioned file the project writes, generated from the zod schemas (zod 4's
// z.toJSONSchema) into docs/schemas/. The TypeScript sources are bundled on the fly with esbuild into a
// temp module (with the same zod) and imported. To add a schema: one line in SCHEMAS.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = new URL('../..', import.meta.url).pathname;
const outDir = join(root, 'docs/schemas');
const BASE_ID = 'https://github.com/org/release-actions/blob/v1/docs/schemas/';

/** [output file, source module (repo-relative), exported zod schema, title] */
const SCHEMAS = [
  [
    'release-gate-report.schema.json',
    'packages/core/src/report/schema.ts',
    'releaseGateReportSchema',
    'Release-gate report',
  ],
  [
    'evidence-manifest.schema.json',
    'packages/core/src/bundle/manifest.ts',
    'evidenceManifestSchema',
    'Evidence bundle manifest (manifest.json)',
  ],
  [
    'evidence-summary.schema.json',
    'packages/core/src/bundle/summary.ts',
    'evidenceSummarySchema',
    'Evidence bundle summary (summary.json)',
  ],
  [
    'release-gate-drill-delta-report.schema.json',
    'packages/core/src/drill/schema.ts',
    'drillDeltaReportSchema',
    'Rollback drill delta report',
  ],
  [
    'readiness-decision.schema.json',
    'packages/core/src/readiness/record.ts',
    'readinessDecisionSchema',
    'Readiness go/no-go decision record',
  ],
  [
    'readiness-checklist.schema.json',
    'packages/core/src/readiness/checklist.ts',
    'checklistSchema',
    'Readiness checklist file',
  ],
  [
    'receiver-validation-report.schema.json',
    'packages/core/src/receiver-evidence/schemas.ts',
    'receiverValidationReportSchema',
    'Receiver validation report',
  ],
  [
    'receiver-drill-report.schema.json',
    'packages/core/src/receiver-evidence/schemas.ts',
    'receiverDrillReportSchema',
    'Ops receiver drill report',
  ],
  [
    'load-calibration-report.schema.json',
    'packages/core/src/receiver-evidence/schemas.ts',
    'loadCalibrationReportSchema',
    'Load budget calibration report',
  ],
];

// A schema whose module is not there (yet) is skipped and said; a module without the export is an error.
const present = SCHEMAS.filter(([, source]) => existsSync(join(root, source)));
for (const [out, source] of SCHEMAS.filter((entry) => !present.includes(entry))) {
  console.log(`json-schemas: skipped ${out} (${source} does not exist)`);
}

const entry = [
  "export { z } from 'zod';",
  ...present.map(
    ([, source, name], index) =>
      `export { ${name} as s${index} } from ${JSON.stringify(join(root, source))};`,
  ),
].join('\n');
const temp = mkdtempSync(join(tmpdir(), 'json-schemas-'));
const bundle = join(temp, 'schemas.mjs');
try {
  await build({
    stdin: { contents: entry, resolveDir: root, loader: 'ts' },
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  const module = await import(pathToFileURL(bundle).href);
  mkdirSync(outDir, { recursive: true });
  present.forEach(([out, source, name, title], index) => {
    const schema = module[`s${index}`];
    if (!schema) throw new Error(`${source} has no export '${name}'`);
    // `input`: the shape a file must have to be read back (defaults optional, transforms' input types).
    const json = module.z.toJSONSchema(schema, {
      io: 'input',
      unrepresentable: 'any',
      target: 'draft-2020-12',
    });
    const { $schema, ...rest } = json;
    const document = {
      $schema,
      $id: `${BASE_ID}${out}`,
      title,
      description: `Generated from ${source} (${name}); do not edit.`,
      ...rest,
    };
    writeFileSync(join(outDir, out), `${JSON.stringify(document, null, 2)}\n`);
  });
  console.log(`json-schemas: ${present.length} schemas in docs/schemas/`);
} finally {
  rmSync(temp, { recursive: true, force: true });
}
