import * as core from '@actions/core';
import {
  type ActionSpec,
  type DeploymentsPort,
  type GateContext,
  type GateContextInputs,
  type GateHost,
  type InputSpecs,
  type ParsedInputs,
  PartialReport,
  runnerGateContext,
  stepLogPath,
} from '@release-actions/core';
import { githubDeployments } from './deployments-port.js';
import { readInputs } from './inputs.js';
import { actionsLogger } from './logger.js';
import { type InvalidInputHandler, runAction } from './run.js';
import { keepStepLogAt } from './step-log.js';

/** What a gate step (deploy-webhook, trigger-rollback, rollback-verify) gets on a runner. */
export interface GateStep {
  context: GateContext;
  /** The runner's host pieces: the actions logger, `core.setSecret`, the cancel signal, the partial report. */
  host: GateHost & { signal: AbortSignal; partial: PartialReport };
  /** The GitHub Deployments API of this repository, when a token is given. */
  deployments(token: string | undefined): DeploymentsPort | undefined;
}

/**
 * Runs a gate step as every one of them runs: reads and validates the spec's inputs, builds the context
 * from the runner's environment, keeps the step log beside the report, and on a cancelled job aborts what
 * is in flight and writes the partial section (then `onCancelled`, when the step had not finished).
 */
export function runGateStep<T extends InputSpecs>(
  action: string,
  spec: ActionSpec<T>,
  body: (inputs: ParsedInputs<T> & GateContextInputs, step: GateStep) => Promise<void>,
  onCancelled?: () => Promise<void>,
  onInvalidInput?: InvalidInputHandler,
): Promise<void> {
  const controller = new AbortController();
  const partial = new PartialReport();
  return runAction(
    action,
    async () => {
      const inputs = readInputs(spec) as ParsedInputs<T> & GateContextInputs;
      const context = runnerGateContext(inputs);
      keepStepLogAt(stepLogPath(context.reportPath!, action));
      await body(inputs, {
        context,
        host: { logger: actionsLogger, signal: controller.signal, mask: core.setSecret, partial },
        deployments: (token) =>
          token
            ? githubDeployments({ token, repository: process.env.GITHUB_REPOSITORY, logger: actionsLogger })
            : undefined,
      });
    },
    async () => {
      controller.abort();
      if ((await partial.write()) && onCancelled) await onCancelled();
    },
    onInvalidInput,
  );
}
