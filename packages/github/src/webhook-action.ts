import * as core from '@actions/core';
import {
  formatDuration,
  markdownTable,
  type ReportIdentity,
  reportIdentity,
  workspacePath,
} from '@release-actions/core';
import {
  type CommonData,
  idempotencyKey,
  type WebhookOutcome,
  type WebhookRequestOptions,
  type WebhookType,
} from '@release-actions/core/webhooks/index';
import { actionsLogger } from './logger.js';
import { DEFAULT_REPORT_PATH } from './webhook-inputs.js';

/** What every webhook action derives from its inputs and the runner's environment. */
export interface WebhookActionContext {
  identity: ReportIdentity;
  common: CommonData;
  reportPath: string;
  /** The Idempotency-Key for an event type: the input when given, else the DESIGN recipe. */
  keyFor(type: WebhookType): string;
}

export function webhookActionContext(
  inputs: {
    environment: string;
    service?: string;
    ref?: string;
    sha?: string;
    version?: string;
    drill: boolean;
    'idempotency-key'?: string;
    'report-path'?: string;
  },
  env: NodeJS.ProcessEnv = process.env,
): WebhookActionContext {
  const identity = reportIdentity(
    {
      environment: inputs.environment,
      service: inputs.service,
      ref: inputs.ref,
      sha: inputs.sha,
      version: inputs.version,
    },
    env,
  );
  const common: CommonData = {
    environment: identity.environment,
    service: identity.service,
    ref: identity.ref,
    sha: identity.sha,
    version: identity.version,
    runUrl: identity.run.url,
    drill: inputs.drill,
  };
  return {
    identity,
    common,
    reportPath: workspacePath(inputs['report-path'] ?? DEFAULT_REPORT_PATH, env),
    keyFor: (type) =>
      inputs['idempotency-key'] ??
      idempotencyKey({
        repository: identity.run.repository,
        runId: identity.run.id,
        runAttempt: identity.run.attempt,
        environment: identity.environment,
        service: identity.service,
        type,
        sha: identity.sha,
      }),
  };
}

/**
 * How `deploy-webhook` and `trigger-rollback` deliver their event, from the shared webhook inputs plus
 * `wait` / `poll-interval` and `github-token` (kept out of every message).
 */
export function webhookDelivery(
  inputs: {
    'bearer-token'?: string;
    'signing-secret'?: string;
    timeout: number;
    deadline: number;
    'max-attempts': number;
    wait: boolean;
    'poll-interval': number;
    'dry-run': boolean;
    'github-token'?: string;
  },
  signal: AbortSignal,
): Omit<WebhookRequestOptions, 'url' | 'event' | 'idempotencyKey' | 'label'> {
  return {
    bearerToken: inputs['bearer-token'],
    signingSecret: inputs['signing-secret'],
    timeoutMs: inputs.timeout,
    deadlineMs: inputs.deadline,
    maxAttempts: inputs['max-attempts'],
    wait: inputs.wait,
    pollIntervalMs: inputs['poll-interval'],
    dryRun: inputs['dry-run'],
    logger: actionsLogger,
    signal,
    extraSecrets: [inputs['github-token'] ?? ''],
  };
}

export const STATE_ICON: Record<string, string> = {
  accepted: '✅',
  succeeded: '✅',
  verified: '✅',
  passed: '✅',
  failed: '❌',
  skipped_missing_webhook: '⚠️',
};

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

/** Writes a step summary; a failure to write it never fails the step. */
export async function writeSummary(markdown: string): Promise<void> {
  try {
    await core.summary.addRaw(markdown).write();
  } catch (error) {
    core.warning(`could not write the step summary: ${(error as Error).message}`);
  }
}

export function keyValueTable(rows: string[][]): string {
  return markdownTable(['What', 'Value'], rows);
}
