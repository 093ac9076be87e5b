import * as core from '@actions/core';
import {
  booleanInput,
  ConfigurationError,
  type DeploySection,
  deploymentIdInput,
  errorMessage,
  formatDuration,
  type InputSpec,
  mergeReportSection,
  optionalString,
  timeSpan,
} from '@release-actions/core';
import { stepLogPath } from '@release-actions/core/bundle/bundle';
import { buildEvent, sendWebhook, type WebhookOutcome } from '@release-actions/core/webhooks/index';
import {
  createDeployment,
  findRunDeployment,
  parseRepo,
  setDeploymentStatus,
} from '@release-actions/github/deployments';
import { readInputs } from '@release-actions/github/inputs';
import { actionsLogger } from '@release-actions/github/logger';
import { githubClient } from '@release-actions/github/octokit';
import { runAction } from '@release-actions/github/run';
import { keepStepLogAt } from '@release-actions/github/step-log';
import {
  deliveryRows,
  dryRunDetails,
  keyValueTable,
  STATE_ICON,
  webhookActionContext,
  webhookDelivery,
  writeSummary,
} from '@release-actions/github/webhook-action';
import { githubTokenSpec, waitInputSpecs, webhookInputSpecs } from '@release-actions/github/webhook-inputs';

const ACTION = 'deploy-webhook';

/** Names of the state passed from main to the post step. */
export const State = {
  DeploymentId: 'deployment-id',
  Finished: 'deployment-finished',
  /** `true` when a later step (report) is to finish the deployment: post checks its latest status. */
  HandedOver: 'deployment-handed-over',
} as const;

export const INPUTS = {
  ...webhookInputSpecs,
  ...githubTokenSpec,
  ...waitInputSpecs,
  'github-deployment': { schema: booleanInput(false), example: 'true' },
  'finish-deployment': { schema: booleanInput(true), example: 'false' },
  'deployment-id': { schema: deploymentIdInput, example: '${{ steps.deployment.outputs.id }}' },
  'environment-url': { schema: optionalString, example: 'https://shop.example.com' },
} satisfies Record<string, InputSpec>;

export async function run(): Promise<void> {
  const controller = new AbortController();
  const started = new Date();
  let reportPath: string | undefined;
  let identity: Parameters<typeof mergeReportSection>[1] | undefined;
  let deploymentId: number | null = null;
  let finished = false;

  await runAction(
    ACTION,
    async () => {
      const inputs = readInputs(INPUTS);
      const webhookUrl = inputs['webhook-url'];
      if (!webhookUrl) {
        throw new ConfigurationError(
          "Input 'webhook-url' is required: the URL that starts a deploy. Example: webhook-url: ${{ secrets.DEPLOY_WEBHOOK_URL }}",
        );
      }
      const context = webhookActionContext(inputs);
      keepStepLogAt(stepLogPath(context.reportPath, ACTION));
      reportPath = context.reportPath;
      identity = context.identity;
      const dryRun = inputs['dry-run'];

      // 1. GitHub deployment (optional): attach to the job's own deployment or create one.
      const client =
        inputs['github-deployment'] && !dryRun
          ? githubClient({ token: requireToken(inputs['github-token']), logger: actionsLogger })
          : undefined;
      const repo = client ? parseRepo(process.env.GITHUB_REPOSITORY) : undefined;
      if (inputs['github-deployment'] && dryRun) {
        core.info('dry-run: no GitHub deployment is created or updated');
      }
      if (client && repo) {
        deploymentId = inputs['deployment-id'] ?? null;
        let how = 'given as deployment-id';
        if (deploymentId === null && context.identity.sha && context.identity.run.id) {
          const existing = await findRunDeployment(client, repo, {
            environment: context.identity.environment,
            sha: context.identity.sha,
            runId: context.identity.run.id,
          });
          if (existing) {
            deploymentId = existing.id;
            how = "created by GitHub for this job's environment";
          }
        }
        if (deploymentId === null) {
          const created = await createDeployment(client, repo, {
            ref: context.identity.sha ?? context.identity.ref ?? 'HEAD',
            environment: context.identity.environment,
            description: `release-gate deploy of ${context.identity.version ?? context.identity.sha ?? 'HEAD'}`,
            payload: { service: context.identity.service, version: context.identity.version },
          });
          deploymentId = created.id;
          how = 'created';
        }
        core.saveState(State.DeploymentId, String(deploymentId));
        core.info(`GitHub deployment ${deploymentId} (${how})`);
        await setDeploymentStatus(client, repo, {
          deploymentId,
          state: 'in_progress',
          description: 'deploy webhook called',
          logUrl: context.identity.run.url ?? undefined,
          environmentUrl: inputs['environment-url'],
        });
      }

      // 2. The webhook.
      const event = buildEvent('deploy.requested', { ...context.common, wait: inputs.wait });
      const outcome = await sendWebhook({
        url: webhookUrl,
        event,
        idempotencyKey: context.keyFor('deploy.requested'),
        ...webhookDelivery(inputs, controller.signal),
        label: 'deploy webhook',
      });

      // 3. Final deployment status, unless a later step (report) finishes it with the gate's verdict.
      let statusRecorded = true;
      const handOver = !inputs['finish-deployment'] && outcome.state !== 'failed';
      if (client && repo && deploymentId !== null && handOver) {
        core.saveState(State.HandedOver, 'true');
        core.info(
          `GitHub deployment ${deploymentId} stays in_progress (finish-deployment: false): the report step sets success or failure`,
        );
      } else if (client && repo && deploymentId !== null) {
        // The deploy already happened: a failure to record its status is a warning, not a failed deploy
        // (and the post step then marks the deployment error rather than leaving it in progress).
        await setDeploymentStatus(client, repo, {
          deploymentId,
          state: outcome.state === 'failed' ? 'failure' : 'success',
          description:
            outcome.state === 'failed'
              ? 'deploy webhook failed'
              : outcome.state === 'succeeded'
                ? 'deploy succeeded'
                : 'deploy accepted by the webhook (not waited on)',
          logUrl: context.identity.run.url ?? undefined,
          environmentUrl: inputs['environment-url'],
        }).catch((error) => {
          statusRecorded = false;
          core.warning(`could not set the final deployment status: ${errorMessage(error)}`);
        });
      }
      finished = true;
      if (statusRecorded && !handOver) core.saveState(State.Finished, 'true');

      const section: DeploySection = {
        state: outcome.state,
        ...timeSpan(started, new Date()),
        deploymentId,
        delivery: outcome.delivery,
      };
      await mergeReportSection(context.reportPath, context.identity, 'deploy', section);
      core.setOutput('deploy-state', outcome.state);
      core.setOutput('delivery-id', outcome.deliveryId);
      core.setOutput('deployment-id', deploymentId === null ? '' : String(deploymentId));
      core.setOutput('duration-ms', String(section.durationMs));
      await writeSummary(
        summary(
          context.identity,
          outcome,
          deploymentId,
          section.durationMs,
          handOver && client !== undefined,
        ),
      );
      if (outcome.state === 'failed') core.setFailed(`${ACTION}: ${outcome.message}`);
      else core.info(outcome.message);
    },
    async () => {
      controller.abort();
      if (!reportPath || !identity || finished) return;
      await mergeReportSection(reportPath, identity, 'deploy', {
        state: 'failed',
        ...timeSpan(started, new Date()),
        deploymentId,
        delivery: null,
      });
      await writeSummary(
        `### ${STATE_ICON.failed} Deploy webhook: cancelled\n\nThe job was cancelled before the deploy finished.${deploymentId !== null ? ` The post step marks GitHub deployment ${deploymentId} as error.` : ''}\n`,
      );
    },
  );
}

function requireToken(token: string | undefined): string {
  if (!token) {
    throw new ConfigurationError(
      "Input 'github-token' is empty but 'github-deployment' is true. Example: github-token: ${{ github.token }} (with permissions: deployments: write)",
    );
  }
  return token;
}

function summary(
  identity: { environment: string; service: string; sha: string | null; version: string | null },
  outcome: WebhookOutcome,
  deploymentId: number | null,
  durationMs: number,
  handedOver: boolean,
): string {
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
        : `${deploymentId}${handedOver ? ' (in_progress until the report step sets the verdict)' : ''}`,
    ],
    ['Step duration', formatDuration(durationMs)],
  ];
  return `${title}\n\n${keyValueTable(rows)}${dryRunDetails(outcome)}`;
}
