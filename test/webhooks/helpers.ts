import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ReleaseGateReport, releaseGateReportSchema } from '../../packages/core/src/report/schema.js';
import type { ActionRun } from '../harness/action.js';

export const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
export const BEARER = 'tok_deploy_8c1f5e2a9d';
export const SHA = 'a'.repeat(40);

export { visibleOutput as visible } from '../harness/secrets.js';

export async function report(run: ActionRun): Promise<ReleaseGateReport> {
  const text = await readFile(join(run.workspace, 'release-gate/report.json'), 'utf8');
  return releaseGateReportSchema.parse(JSON.parse(text));
}
