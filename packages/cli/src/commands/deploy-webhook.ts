import { type DeploySection, mergeReportSection, timeSpan } from '@release-actions/core';
import { buildEvent, sendWebhook } from '@release-actions/core/webhooks/index';
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

const USAGE = `release-gate deploy --webhook-url <url> --environment <name> [flags]

Sends a signed, idempotent deploy.requested event (Standard Webhooks) and, with --wait, polls the status
URL it answers with until the deploy succeeded or failed. Prints deploy-state=<accepted|succeeded|failed>.

  --wait                       poll for completion (Location header or statusUrl in the answer)
  --poll-interval <duration>   default 2s

${WEBHOOK_FLAGS_USAGE}

Exit codes: 0 accepted or succeeded, 1 failed, 2 bad usage.`;

export async function run(argv: string[]): Promise<number> {
  const args = webhookCommandArgs('deploy', argv, parse, USAGE, (values) => {
    if (!values.webhookUrl) throw new Error('--webhook-url is required (or env RELEASE_GATE_WEBHOOK_URL)');
  });
  if (typeof args === 'number') return args;
  const { parsed, values, pollIntervalMs } = args;
  const started = new Date();
  const key = values.keyFor('deploy.requested');
  announceKey(values, key, parsed.values['idempotency-key'] !== undefined);
  const outcome = await sendWebhook({
    url: values.webhookUrl!,
    event: buildEvent('deploy.requested', { ...commonEventData(values), wait: Boolean(parsed.values.wait) }),
    ...deliveryOptions(values, key),
    wait: Boolean(parsed.values.wait),
    pollIntervalMs,
    label: 'deploy webhook',
  });
  if (values.reportPath) {
    const section: DeploySection = {
      state: outcome.state,
      ...timeSpan(started, new Date()),
      deploymentId: null,
      delivery: outcome.delivery,
    };
    await mergeReportSection(values.reportPath, runIdentity(values), 'deploy', section);
  }
  printOutcome('deploy-state', outcome.state, outcome);
  return outcome.state === 'failed' ? 1 : 0;
}

function parse(argv: string[]) {
  return parseFlags(
    argv,
    { ...WEBHOOK_FLAGS, wait: { type: 'boolean' }, 'poll-interval': { type: 'string' } },
    USAGE,
  );
}
