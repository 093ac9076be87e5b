import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ReleaseGateReport, releaseGateReportSchema } from '../../packages/core/src/report/schema.js';
import type { ActionRun } from '../harness/action.js';
import { readTree } from '../harness/secrets.js';

export const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
export const BEARER = 'tok_deploy_8c1f5e2a9d';
export const SHA = 'a'.repeat(40);

/**
 * What a user could ever see: stdout without the `::add-mask::` commands (the runner consumes them; they
 * carry the secret by design), stderr, outputs, summary and every file in the workspace. No masking is
 * applied, so the action itself must never print a secret.
 */
export async function visible(run: ActionRun): Promise<string> {
  const withoutMasks = run.everything
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  return `${withoutMasks}\n${await readTree(run.workspace)}`;
}

export async function report(run: ActionRun): Promise<ReleaseGateReport> {
  const text = await readFile(join(run.workspace, 'release-gate/report.json'), 'utf8');
  return releaseGateReportSchema.parse(JSON.parse(text));
}
