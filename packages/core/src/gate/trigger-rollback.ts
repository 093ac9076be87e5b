import { timeSpan } from '../duration.js';
import { errorMessage } from '../errors.js';
import { mergeReportSection } from '../report/file.js';
import type { RollbackSection } from '../report/webhook-sections.js';
import type { TriggerRollbackInputs } from '../specs/trigger-rollback.js';
import { urlSecretForms } from '../specs/webhook.js';
import { sendWebhook, type WebhookOutcome } from '../webhooks/client.js';
import { buildEvent } from '../webhooks/payload.js';
import type { GateContext } from './context.js';
import { deliveryOptions, maskExtra } from './delivery.js';
import type { DeploymentsPort } from './deployments.js';
import type { GateHost } from './host.js';

const STEP = 'trigger-rollback';

export interface TriggerRollbackHost extends GateHost {
  /** GitHub's Deployments API, when the host has a token: finds the known-good release, marks the bad one. */
  deployments?: DeploymentsPort;
}

export interface TriggerRollbackResult {
  state: RollbackSection['state'];
  section: RollbackSection;
  /** The webhook's outcome; undefined when no webhook-url was given. */
  outcome: WebhookOutcome | undefined;
  /** How the rollback ref was found, for the log and summary (`input rollback-ref`, `last successful …`). */
  refSource: string;
  /** What happened to the rolled-back release's GitHub deployment; empty when nothing was to be done. */
  deploymentNote: string;
}

/**
 * The rollback step: the target (the given rollback-ref, else the environment's known-good release from
 * GitHub's deployment history, with the version its deployment recorded), the rollback webhook (or
 * skipped_missing_webhook without one), and the rolled-back release's deployment marked `failure`.
 * Merges the `rollback` section into the report.
 */
export async function triggerRollback(
  inputs: TriggerRollbackInputs,
  context: GateContext,
  host: TriggerRollbackHost,
): Promise<TriggerRollbackResult> {
  const started = new Date();
  const { logger, deployments } = host;
  const extraSecrets = maskExtra(host, urlSecretForms(inputs['webhook-url']));
  const reason = inputs.reason ?? 'release gate failed';
  const partial: RollbackSection = {
    state: 'failed',
    rollbackRef: inputs['rollback-ref'] ?? null,
    reason,
    drill: inputs.drill,
    ...timeSpan(started, started),
    delivery: null,
  };
  host.partial?.pending(context, 'rollback', () => ({ ...partial, ...timeSpan(started, new Date()) }));

  // 1. Where to roll back to, and the release running now when that is what is rolled back.
  const target = await rollbackTarget(inputs, context, host);
  const { rollbackRef, rollbackVersion } = target;
  if (rollbackRef)
    logger.info(
      `rollback to ${rollbackRef}${rollbackVersion ? ` (version ${rollbackVersion})` : ''} (${target.source})`,
    );
  partial.rollbackRef = rollbackRef;
  partial.rollbackVersion = rollbackVersion;

  // 2. The webhook, or a warning when none is configured.
  const webhookUrl = inputs['webhook-url'];
  let outcome: WebhookOutcome | undefined;
  if (webhookUrl) {
    outcome = await sendWebhook({
      url: webhookUrl,
      event: buildEvent('rollback.requested', { ...context.common, rollbackRef, reason }),
      idempotencyKey: context.keyFor('rollback.requested'),
      ...deliveryOptions(inputs, host, extraSecrets),
      label: 'rollback webhook',
    });
  } else {
    logger.warning(
      `${STEP}: webhook-url is empty, so no rollback was triggered (rollback-state=skipped_missing_webhook). Set webhook-url: \${{ secrets.ROLLBACK_WEBHOOK_URL }} to roll back automatically.`,
    );
  }
  const state: RollbackSection['state'] = outcome?.state ?? 'skipped_missing_webhook';

  // 3. The rolled-back release's deployment is marked failure: it is no longer known-good. A drill only
  //    rehearses, so it marks nothing.
  const deploymentId = inputs.drill ? null : (inputs['deployment-id'] ?? target.runningDeploymentId ?? null);
  let deploymentNote = '';
  if (deploymentId !== null && (state === 'accepted' || state === 'succeeded')) {
    const marked = deployments
      ? await deployments.markRolledBack({ deploymentId, runUrl: context.identity.run.url })
      : { recorded: false as const, error: "input 'github-token' is empty (needs deployments: write)" };
    if (marked.recorded) {
      deploymentNote = `${deploymentId} marked failure (rolled back)`;
      logger.info(`GitHub deployment ${deploymentId} marked failure (rolled back)`);
    } else {
      deploymentNote = `${deploymentId}: could not mark failure: ${marked.error}`;
      logger.warning(`GitHub deployment ${deploymentId} could not be marked failure: ${marked.error}`);
    }
  }
  host.partial?.settle();

  const section: RollbackSection = {
    ...partial,
    state,
    ...timeSpan(started, new Date()),
    deploymentId,
    delivery: outcome?.delivery ?? null,
  };
  if (context.reportPath) await mergeReportSection(context.reportPath, context.identity, 'rollback', section);
  return { state, section, outcome, refSource: target.source, deploymentNote };
}

/**
 * The rollback target: the given rollback-ref (and, with the deployment history, the version its
 * deployment recorded), else the known-good release. Without the history, or when it cannot be read,
 * the given ref alone (or none: the receiver decides), with a warning.
 */
async function rollbackTarget(
  inputs: TriggerRollbackInputs,
  context: GateContext,
  host: TriggerRollbackHost,
): Promise<{
  rollbackRef: string | null;
  rollbackVersion: string | null;
  source: string;
  runningDeploymentId?: number;
}> {
  const given = inputs['rollback-ref'];
  const fallback = {
    rollbackRef: given ?? null,
    rollbackVersion: null,
    source: given ? 'input rollback-ref' : '',
  };
  const { environment } = context.identity;
  if (!host.deployments) {
    if (!given) {
      host.logger.warning(
        'rollback-ref is empty and github-token is empty: cannot resolve the last good deployment; the webhook gets rollbackRef null. Example: github-token: ${{ github.token }} (permissions: deployments: read)',
      );
    }
    return fallback;
  }
  try {
    const target = await host.deployments.resolveRollbackTarget({
      environment,
      currentSha: context.identity.sha,
      rollbackRef: given,
      rollbackOf: inputs['rollback-of'],
    });
    if (!target.rollbackRef) {
      host.logger.warning(
        `no earlier successful deployment of ${environment} other than the current sha; the webhook gets rollbackRef null (set rollback-ref to choose the version)`,
      );
    }
    return target;
  } catch (error) {
    host.logger.warning(
      given
        ? `could not look up the deployment of ${given} (rollback-version stays empty): ${errorMessage(error)}`
        : `could not resolve the last good deployment: ${errorMessage(error)}`,
    );
    return fallback;
  }
}
