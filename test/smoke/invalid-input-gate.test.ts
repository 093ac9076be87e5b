import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@jest/globals';
import { releaseGateReportSchema } from '../../packages/core/src/report/schema.js';
import { runBundle } from '../harness/action.js';

const readReport = async (workspace: string) =>
  releaseGateReportSchema.parse(
    JSON.parse(await readFile(join(workspace, 'release-gate/report.json'), 'utf8')),
  );

test.each([
  [{ deadline: 'soon' }, "Input 'deadline' 'soon' is invalid"],
  [{ 'expected-status': 'abc' }, "Input 'expected-status' 'abc' is invalid"],
])(
  'smoke with invalid input %j, then report on the same workspace: result error, verdict blocked saying why',
  async (bad, message) => {
    const smoke = await runBundle('smoke', {
      inputs: { urls: 'https://shop.example.invalid/healthz', environment: 'staging', ...bad },
      timeoutMs: 30_000,
    });
    expect(smoke.code).toBe(1);
    expect(smoke.outputs.result).toBe('error');
    expect(smoke.stdout).toContain(`::error::smoke: ${message}`);
    expect(smoke.summary).toContain('Smoke could not run on staging (result: error)');
    expect(smoke.summary).toContain(message);
    const section = (await readReport(smoke.workspace)).smoke!;
    expect(section.result).toBe('error');
    expect(section.error).toContain(message);
    expect((await readReport(smoke.workspace)).environment).toBe('staging');

    const report = await runBundle('report', { workspace: smoke.workspace, timeoutMs: 30_000 });
    expect(report.code).toBe(0);
    expect(report.outputs.verdict).toBe('blocked');
    const reasons = JSON.parse(report.outputs.reasons!) as string[];
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(
      new RegExp(`^smoke could not run: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
    expect(report.summary).toContain('Release gate: blocked');
    expect(report.summary).toContain(`- smoke could not run: ${message}`);
    expect(report.summary).toMatch(/\| smoke \| ❌ error \|.*could not run: Input/);
    const final = await readReport(smoke.workspace);
    expect(final.verdict).toMatchObject({ value: 'blocked', reasons });
  },
);
