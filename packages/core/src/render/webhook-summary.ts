import { formatDuration } from '../duration.js';
import type { DeployResult } from '../gate/deploy.js';
import type { TriggerRollbackResult } from '../gate/trigger-rollback.js';
import type { VerifyRollbackResult } from '../gate/verify-rollback.js';
import type { ReportIdentity } from '../report/schema.js';
import type { WebhookOutcome } from '../webhooks/client.js';
import { markdownTable } from './markdown.js';
import { renderSmokeSummary } from './smoke-summary.js';

// Step summaries of the webhook steps (deploy-webhook, trigger-rollback, rollback-verify) in markdown.

export const STATE_ICON: Record<string, string> = {
  accepted: '✅',
  succeeded: '✅',
  verified: '✅',
  passed: '✅',
  failed: '❌',
  skipped_missing_webhook: '⚠️',
};

export function keyValueTable(rows: string[][]): string {
  return markdownTable(['What', 'Value'], rows);
}

/** The rows describing one delivery, for a step summary table. */
export function deliveryRows(outcome: WebhookOutcome): string[][] {
  const d = outcome.delivery;
  const rows = [
    ['Target', d.target],
    ['Delivery id (Idempotency-Key)', `\`${d.deliveryId}\``],
    ['Attempts', String(d.attempts)],
    ['HTTP statuses', d.statusCodes.join(', ') || '–'],
    ['Signed', d.signed ? 'yes (Standard Webhooks)' : 'no'],
    ['Duration', formatDuration(d.durationMs)],
  ];
  if (outcome.statusUrl) rows.push(['Status URL', outcome.statusUrl]);
  if (outcome.polledState) rows.push(['Reported state', outcome.polledState]);
  if (d.error) rows.push(['Error', d.error]);
  return rows;
}

/** The masked request a dry run printed, folded away under a summary (empty when nothing was printed). */
export function dryRunDetails(outcome: WebhookOutcome | undefined): string {
  return outcome?.dryRunText
    ? `\n<details><summary>Request (secrets masked)</summary>\n\n\`\`\`\n${outcome.dryRunText}\n\`\`\`\n</details>\n`
    : '';
}

const BLOCKED_NOTE = 'A rolled-back release is a blocked promotion: the gate fails in the end.';

export function renderDeploySummary(identity: ReportIdentity, result: DeployResult): string {
  const { outcome, deploymentId } = result;
  const title = `### ${STATE_ICON[outcome.state] ?? ''} Deploy webhook: ${outcome.state}${outcome.delivery.dryRun ? ' (dry-run, nothing sent)' : ''}`;
  const rows = [
    ['Environment', identity.environment],
    ['Service', identity.service],
    ['Version', identity.version ?? '–'],
    ['Sha', identity.sha ? `\`${identity.sha.slice(0, 12)}\`` : '–'],
    ...deliveryRows(outcome),
    [
      'GitHub deployment',
      deploymentId === null
        ? '–'
        : `${deploymentId}${result.handedOver ? ' (in_progress until the report step sets the verdict)' : ''}`,
    ],
    ['Step duration', formatDuration(result.section.durationMs)],
  ];
  return `${title}\n\n${keyValueTable(rows)}${dryRunDetails(outcome)}`;
}

/** The summary of a deploy cancelled before it finished. */
export function renderDeployCancelledSummary(deploymentId: number | null): string {
  const post =
    deploymentId !== null ? ` The post step marks GitHub deployment ${deploymentId} as error.` : '';
  return `### ${STATE_ICON.failed} Deploy webhook: cancelled\n\nThe job was cancelled before the deploy finished.${post}\n`;
}

export function renderRollbackSummary(environment: string, result: TriggerRollbackResult): string {
  const { section, outcome, refSource, deploymentNote } = result;
  const title = `### ${STATE_ICON[section.state] ?? ''} Rollback: ${section.state}${section.drill ? ' (drill)' : ''}${outcome?.delivery.dryRun ? ' (dry-run, nothing sent)' : ''}`;
  const rows = [
    ['Environment', environment],
    [
      'Roll back to',
      section.rollbackRef
        ? `\`${section.rollbackRef}\`${refSource ? ` (${refSource})` : ''}`
        : 'unknown (receiver decides)',
    ],
    ['Known-good version', section.rollbackVersion ?? 'unknown'],
    ['Reason', section.reason],
    ...(outcome ? deliveryRows(outcome) : [['Webhook', 'not configured: no rollback was triggered']]),
    ...(deploymentNote ? [['GitHub deployment', deploymentNote]] : []),
    ['Step duration', formatDuration(section.durationMs)],
  ];
  return `${title}\n\n${keyValueTable(rows)}${dryRunDetails(outcome)}\n${BLOCKED_NOTE}\n`;
}

export function renderRollbackVerifySummary(environment: string, result: VerifyRollbackResult): string {
  const { state, smoke, verify, metrics } = result;
  const lines = [
    `### ${STATE_ICON[state] ?? ''} Rollback verification: ${state}`,
    '',
    keyValueTable([
      ['Environment', environment],
      ['Rolled back to', result.rollbackRef ? `\`${result.rollbackRef}\`` : 'unknown'],
      [
        'Re-smoke',
        `${STATE_ICON[smoke.result]} ${smoke.result} (${smoke.passedCount} passed, ${smoke.failedCount} failed)`,
      ],
      ['Verify webhook', verify ? `${STATE_ICON[verify.state]} ${verify.state}` : 'not configured'],
      ['Metrics callback', metrics ? `${STATE_ICON[metrics.state]} ${metrics.state}` : 'not configured'],
      ['Rollback to verified', formatDuration(result.durationMs)],
    ]),
    renderSmokeSummary(smoke, { title: 'Re-smoke', environment }),
  ];
  if (verify) lines.push('#### Verify webhook', '', keyValueTable(deliveryRows(verify)));
  if (metrics) lines.push('#### Metrics callback', '', keyValueTable(deliveryRows(metrics)));
  lines.push(BLOCKED_NOTE, '');
  return lines.join('\n');
}
