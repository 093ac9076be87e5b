import * as core from '@actions/core';
import {
  deploymentIdInput,
  enumInput,
  errorMessage,
  formatDuration,
  type InputSpec,
  mergeReportSection,
  optionalString,
  type RollbackSection,
  timeSpan,
} from '@release-actions/core';
import { stepLogPath } from '@release-actions/core/bundle/bundle';
import { buildEvent, sendWebhook, type WebhookOutcome } from '@release-actions/core/webhooks/index';
import {
  markRolledBack,
  parseRepo,
  ROLLBACK_OF,
  resolveRollbackTarget,
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

const ACTION = 'trigger-rollback';

export const INPUTS = {
  ...webhookInputSpecs,
  ...githubTokenSpec,
  'rollback-ref': {
    schema: optionalString,
    example: 'v1.4.1 (or a sha); empty resolves the last good deployment',
  },
  reason: { schema: optionalString, example: 'smoke failed: checkout, healthz' },
  'deployment-id': { schema: deploymentIdInput, example: '${{ steps.deploy.outputs.deployment-id }}' },
  'rollback-of': { schema: enumInput(ROLLBACK_OF, 'this-release'), example: 'running-release' },
  ...waitInputSpecs,
} satisfies Record<string, InputSpec>;

export async function run(): Promise<void> {
  const controller = new AbortController();
  const started = new Date();
  let partial:
    | { reportPath: string; identity: Parameters<typeof mergeReportSection>[1]; section: RollbackSection }
    | undefined;
  let finished = false;

  await runAction(
    ACTION,
    async () => {
      const inputs = readInputs(INPUTS);
      const context = webhookActionContext(inputs);
      keepStepLogAt(stepLogPath(context.reportPath, ACTION));
      const reason = inputs.reason ?? 'release gate failed';
      let rollbackRef = inputs['rollback-ref'] ?? null;
      let refSource = rollbackRef ? 'input rollback-ref' : '';
      partial = {
        reportPath: context.reportPath,
        identity: context.identity,
        section: {
          state: 'failed',
          rollbackRef,
          reason,
          drill: inputs.drill,
          ...timeSpan(started, started),
          delivery: null,
        },
      };

      // 1. The known-good version when none was given (GitHub's deployment history for the environment),
      //    and the version its deployment recorded.
      const token = inputs['github-token'];
      const client = token ? githubClient({ token, logger: actionsLogger }) : undefined;
      let rollbackVersion: string | null = null;
      // With rollback-of: running-release, the deployment of the release running now.
      let runningDeploymentId: number | null = null;
      if (!client) {
        if (!rollbackRef) {
          core.warning(
            'rollback-ref is empty and github-token is empty: cannot resolve the last good deployment; the webhook gets rollbackRef null. Example: github-token: ${{ github.token }} (permissions: deployments: read)',
          );
        }
      } else {
        try {
          const target = await resolveRollbackTarget(client, parseRepo(process.env.GITHUB_REPOSITORY), {
            environment: context.identity.environment,
            currentSha: context.identity.sha,
            rollbackRef: rollbackRef ?? undefined,
            rollbackOf: inputs['rollback-of'],
          });
          rollbackRef = target.rollbackRef;
          runningDeploymentId = target.runningDeploymentId ?? null;
          rollbackVersion = target.rollbackVersion;
          refSource = target.source;
          if (!rollbackRef) {
            core.warning(
              `no earlier successful deployment of ${context.identity.environment} other than the current sha; the webhook gets rollbackRef null (set rollback-ref to choose the version)`,
            );
          }
        } catch (error) {
          core.warning(
            rollbackRef
              ? `could not look up the deployment of ${rollbackRef} (rollback-version stays empty): ${errorMessage(error)}`
              : `could not resolve the last good deployment: ${errorMessage(error)}`,
          );
        }
      }
      if (rollbackRef)
        core.info(
          `rollback to ${rollbackRef}${rollbackVersion ? ` (version ${rollbackVersion})` : ''} (${refSource})`,
        );
      partial.section.rollbackRef = rollbackRef;
      partial.section.rollbackVersion = rollbackVersion;

      // 2. The webhook, or a warning when none is configured.
      const webhookUrl = inputs['webhook-url'];
      let outcome: WebhookOutcome | undefined;
      let state: RollbackSection['state'];
      if (!webhookUrl) {
        state = 'skipped_missing_webhook';
        core.warning(
          `${ACTION}: webhook-url is empty, so no rollback was triggered (rollback-state=skipped_missing_webhook). Set webhook-url: \${{ secrets.ROLLBACK_WEBHOOK_URL }} to roll back automatically.`,
        );
      } else {
        const event = buildEvent('rollback.requested', { ...context.common, rollbackRef, reason });
        outcome = await sendWebhook({
          url: webhookUrl,
          event,
          idempotencyKey: context.keyFor('rollback.requested'),
          ...webhookDelivery(inputs, controller.signal),
          label: 'rollback webhook',
        });
        state = outcome.state;
      }
      // 3. The rolled-back release's deployment is marked failure: it is no longer known-good. A drill only
      //    rehearses, so it marks nothing.
      const deploymentId = inputs.drill ? null : (inputs['deployment-id'] ?? runningDeploymentId);
      let deploymentNote = '';
      if (deploymentId !== null && (state === 'accepted' || state === 'succeeded')) {
        const marked = client
          ? await markRolledBack(client, parseRepo(process.env.GITHUB_REPOSITORY), {
              deploymentId,
              runUrl: context.identity.run.url,
            })
          : { recorded: false as const, error: "input 'github-token' is empty (needs deployments: write)" };
        if (marked.recorded) {
          deploymentNote = `${deploymentId} marked failure (rolled back)`;
          core.info(`GitHub deployment ${deploymentId} marked failure (rolled back)`);
        } else {
          deploymentNote = `${deploymentId}: could not mark failure: ${marked.error}`;
          core.warning(`GitHub deployment ${deploymentId} could not be marked failure: ${marked.error}`);
        }
      }
      finished = true;
      const section: RollbackSection = {
        ...partial.section,
        state,
        ...timeSpan(started, new Date()),
        deploymentId,
        delivery: outcome?.delivery ?? null,
      };
      await mergeReportSection(context.reportPath, context.identity, 'rollback', section);
      core.setOutput('rollback-state', state);
      core.setOutput('rollback-ref', rollbackRef ?? '');
      core.setOutput('rollback-version', rollbackVersion ?? '');
      core.setOutput('delivery-id', outcome?.deliveryId ?? '');
      await writeSummary(summary(context.identity.environment, section, outcome, refSource, deploymentNote));
      if (outcome?.state === 'failed') core.setFailed(`${ACTION}: ${outcome.message}`);
      else if (outcome) core.info(outcome.message);
    },
    async () => {
      controller.abort();
      if (!partial || finished) return;
      await mergeReportSection(partial.reportPath, partial.identity, 'rollback', {
        ...partial.section,
        ...timeSpan(started, new Date()),
      });
    },
  );
}

function summary(
  environment: string,
  section: RollbackSection,
  outcome: WebhookOutcome | undefined,
  refSource: string,
  deploymentNote: string,
): string {
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
  let text = `${title}\n\n${keyValueTable(rows)}${dryRunDetails(outcome)}`;
  text += '\nA rolled-back release is a blocked promotion: the gate fails in the end.\n';
  return text;
}
