import { errorMessage, mergeReportSection, type RollbackSection, timeSpan } from '@release-actions/core';
import { buildEvent, sendWebhook, type WebhookOutcome } from '@release-actions/core/webhooks/index';
import { parseRepo, resolveKnownGood } from '@release-actions/github/deployments';
import { githubClient } from '@release-actions/github/octokit';
import { parseFlags } from '../args.js';
import {
  announceKey,
  commonEventData,
  deliveryOptions,
  printOutcome,
  runIdentity,
  WEBHOOK_FLAGS,
  WEBHOOK_FLAGS_USAGE,
  webhookCommandArgs,
} from '../webhook-cli.js';

const USAGE = `release-gate rollback --webhook-url <url> --environment <name> [flags]

Sends a signed, idempotent rollback.requested event. Without --rollback-ref, resolves the last successful
GitHub deployment of the environment other than --sha (needs --repository and a token in GITHUB_TOKEN or
--github-token; GITHUB_API_URL is honoured). Without a webhook URL nothing is sent and the state is
skipped_missing_webhook. Prints rollback-state=... and rollback-ref=...

  --rollback-ref <ref>         version to roll back to
  --reason <text>              why, e.g. the failed probes
  --github-token <token>       for the deployment history (or env GITHUB_TOKEN)
  --wait --poll-interval <duration>

${WEBHOOK_FLAGS_USAGE}

Exit codes: 0 accepted, succeeded or skipped_missing_webhook, 1 failed, 2 bad usage.`;

export async function run(argv: string[]): Promise<number> {
  const args = webhookCommandArgs('rollback', argv, parse, USAGE);
  if (typeof args === 'number') return args;
  const { parsed, values, pollIntervalMs } = args;
  const started = new Date();
  const reason = parsed.values.reason ?? 'release gate failed';
  let rollbackRef = parsed.values['rollback-ref'] ?? null;
  const token = parsed.values['github-token'] ?? process.env.GITHUB_TOKEN;
  if (!rollbackRef && token && values.repository) {
    try {
      const good = await resolveKnownGood(
        githubClient({ token, logger: values.logger }),
        parseRepo(values.repository),
        { environment: values.environment, currentSha: values.sha },
      );
      rollbackRef = good?.sha ?? null;
      process.stderr.write(
        good
          ? `rolling back to ${good.sha} (last successful deployment ${good.deploymentId})\n`
          : 'no earlier successful deployment found; rollbackRef is null\n',
      );
    } catch (error) {
      process.stderr.write(`warning: could not resolve the last good deployment: ${errorMessage(error)}\n`);
    }
  }
  let outcome: WebhookOutcome | undefined;
  let state: RollbackSection['state'] = 'skipped_missing_webhook';
  if (values.webhookUrl) {
    const key = values.keyFor('rollback.requested');
    announceKey(values, key, parsed.values['idempotency-key'] !== undefined);
    outcome = await sendWebhook({
      url: values.webhookUrl,
      event: buildEvent('rollback.requested', { ...commonEventData(values), rollbackRef, reason }),
      ...deliveryOptions(values, key),
      wait: Boolean(parsed.values.wait),
      pollIntervalMs,
      extraSecrets: token ? [token] : [],
      label: 'rollback webhook',
    });
    state = outcome.state;
  } else {
    process.stderr.write('warning: no --webhook-url: no rollback was triggered (skipped_missing_webhook)\n');
  }
  if (values.reportPath) {
    await mergeReportSection(values.reportPath, runIdentity(values), 'rollback', {
      state,
      rollbackRef,
      reason,
      drill: values.drill,
      ...timeSpan(started, new Date()),
      delivery: outcome?.delivery ?? null,
    });
  }
  printOutcome('rollback-state', state, outcome, { 'rollback-ref': rollbackRef ?? '' });
  return state === 'failed' ? 1 : 0;
}

function parse(argv: string[]) {
  return parseFlags(
    argv,
    {
      ...WEBHOOK_FLAGS,
      'rollback-ref': { type: 'string' },
      reason: { type: 'string' },
      'github-token': { type: 'string' },
      wait: { type: 'boolean' },
      'poll-interval': { type: 'string' },
    },
    USAGE,
  );
}
