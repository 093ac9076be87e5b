import { timeSpan } from '../duration.js';
import { ConfigurationError, errorMessage } from '../errors.js';
import { mergeReportSection } from '../report/file.js';
import type { DeploySection } from '../report/webhook-sections.js';
import type { DeployWebhookInputs } from '../specs/deploy-webhook.js';
import { urlSecretForms } from '../specs/webhook.js';
import { sendWebhook, type WebhookOutcome } from '../webhooks/client.js';
import { buildEvent } from '../webhooks/payload.js';
import type { GateContext } from './context.js';
import { deliveryOptions, maskExtra } from './delivery.js';
import type { DeploymentsPort } from './deployments.js';
import type { GateHost } from './host.js';

export interface DeployHost extends GateHost {
  /** GitHub's Deployments API, when the host has a token; `github-deployment: true` needs it. */
  deployments?: DeploymentsPort;
  /** Called as soon as the GitHub deployment is known (created or adopted), before its first status. */
  onDeployment?(id: number): void;
}

export interface DeployResult {
  outcome: WebhookOutcome;
  section: DeploySection;
  deploymentId: number | null;
  /** The deployment stays `in_progress` for a later step (report) to finish with the gate's verdict. */
  handedOver: boolean;
  /** Nothing is left for the post step: the deployment (if any) has its final status or was handed over knowingly. */
  settled: boolean;
}

/**
 * The deploy step: optionally a GitHub deployment (the job's own, or a new one) set `in_progress`, the
 * deploy webhook (polled to its end with `wait`), then the deployment's final status unless a later step
 * finishes it. Merges the `deploy` section into the report.
 */
export async function deploy(
  inputs: DeployWebhookInputs,
  context: GateContext,
  host: DeployHost,
): Promise<DeployResult> {
  const started = new Date();
  const { logger } = host;
  const webhookUrl = inputs['webhook-url'];
  if (!webhookUrl) throw new ConfigurationError('webhook-url is required: the URL that starts a deploy');
  const extraSecrets = maskExtra(host, urlSecretForms(webhookUrl));
  let deploymentId: number | null = null;
  host.partial?.pending(context, 'deploy', () => ({
    state: 'failed',
    ...timeSpan(started, new Date()),
    deploymentId,
    delivery: null,
  }));

  // 1. GitHub deployment (optional): attach to the job's own deployment or create one.
  const dryRun = inputs['dry-run'];
  if (inputs['github-deployment'] && dryRun)
    logger.info('dry-run: no GitHub deployment is created or updated');
  const github = inputs['github-deployment'] && !dryRun ? host.deployments : undefined;
  if (inputs['github-deployment'] && !dryRun && !github) {
    throw new ConfigurationError('github-deployment is true but there is no GitHub token (github-token)');
  }
  const { identity } = context;
  const logUrl = identity.run.url ?? undefined;
  if (github) {
    deploymentId = inputs['deployment-id'] ?? null;
    let how = 'given as deployment-id';
    if (deploymentId === null && identity.sha && identity.run.id) {
      const existing = await github.findRunDeployment({
        environment: identity.environment,
        sha: identity.sha,
        runId: identity.run.id,
      });
      if (existing) {
        deploymentId = existing.id;
        how = "created by GitHub for this job's environment";
      }
    }
    if (deploymentId === null) {
      const created = await github.createDeployment({
        ref: identity.sha ?? identity.ref ?? 'HEAD',
        environment: identity.environment,
        description: `release-gate deploy of ${identity.version ?? identity.sha ?? 'HEAD'}`,
        payload: { service: identity.service, version: identity.version },
      });
      deploymentId = created.id;
      how = 'created';
    }
    host.onDeployment?.(deploymentId);
    logger.info(`GitHub deployment ${deploymentId} (${how})`);
    await github.setStatus({
      deploymentId,
      state: 'in_progress',
      description: 'deploy webhook called',
      logUrl,
      environmentUrl: inputs['environment-url'],
    });
  }

  // 2. The webhook.
  const outcome = await sendWebhook({
    url: webhookUrl,
    event: buildEvent('deploy.requested', { ...context.common, wait: inputs.wait }),
    idempotencyKey: context.keyFor('deploy.requested'),
    ...deliveryOptions(inputs, host, extraSecrets),
    label: 'deploy webhook',
  });

  // 3. Final deployment status, unless a later step (report) finishes it with the gate's verdict.
  let statusRecorded = true;
  const handOver = !inputs['finish-deployment'] && outcome.state !== 'failed';
  if (github && deploymentId !== null && handOver) {
    logger.info(
      `GitHub deployment ${deploymentId} stays in_progress (finish-deployment: false): the report step sets success or failure`,
    );
  } else if (github && deploymentId !== null) {
    // The deploy already happened: a failure to record its status is a warning, not a failed deploy
    // (and the post step then marks the deployment error rather than leaving it in progress).
    await github
      .setStatus({
        deploymentId,
        state: outcome.state === 'failed' ? 'failure' : 'success',
        description: FINAL_DESCRIPTION[outcome.state],
        logUrl,
        environmentUrl: inputs['environment-url'],
      })
      .catch((error) => {
        statusRecorded = false;
        logger.warning(`could not set the final deployment status: ${errorMessage(error)}`);
      });
  }
  host.partial?.settle();

  const section: DeploySection = {
    state: outcome.state,
    ...timeSpan(started, new Date()),
    deploymentId,
    delivery: outcome.delivery,
  };
  if (context.reportPath) await mergeReportSection(context.reportPath, identity, 'deploy', section);
  return {
    outcome,
    section,
    deploymentId,
    handedOver: handOver && deploymentId !== null,
    settled: statusRecorded && !handOver,
  };
}

const FINAL_DESCRIPTION: Record<WebhookOutcome['state'], string> = {
  failed: 'deploy webhook failed',
  succeeded: 'deploy succeeded',
  accepted: 'deploy accepted by the webhook (not waited on)',
};
