import * as core from '@actions/core';
import {
  renderSmokeErrorSummary,
  renderSmokeSummary,
  reportIdentity,
  smokeLogLine,
} from '@release-actions/core';
import { stepLogPath } from '@release-actions/core/bundle/bundle';
import { formatDuration } from '@release-actions/core/duration';
import { errorMessage } from '@release-actions/core/errors';
import { loadProbes, runSmoke } from '@release-actions/core/probes/index';
import { commandRunner } from '@release-actions/core/process/command-runner';
import { mergeReportSection } from '@release-actions/core/report/file';
import { type SmokeSection, smokeErrorSection } from '@release-actions/core/report/smoke-section';
import {
  commandProbeEnv,
  maskSmokeSecrets,
  SmokeInput,
  type SmokeInputValues,
  SmokeOutputs,
  smokeErrorTarget,
  smokePolicy,
  smokeProbeOptions,
  smokeRedactor,
  smokeReportPath,
  smokeSpec,
} from '@release-actions/core/specs/smoke';
import { actionInputSource, readInputs } from '@release-actions/github/inputs';
import { actionsLogger } from '@release-actions/github/logger';
import { runAction } from '@release-actions/github/run';
import { keepStepLogAt } from '@release-actions/github/step-log';

const ACTION = 'smoke';
/** How long a cancelled run may take to stop its probes before the partial report is written. */
const CANCEL_GRACE_MS = 3_000;

/** The smoke step: read inputs, run the probes, write report section, outputs, summary, annotations. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const controller = new AbortController();
  const runCommand = commandRunner({ env: commandProbeEnv(env) });
  let state: { inputs: SmokeInputValues; running: Promise<SmokeSection> } | undefined;

  const writeReport = (inputs: SmokeInputValues, section: SmokeSection) =>
    mergeReportSection(
      smokeReportPath(inputs, env),
      reportIdentity({ environment: inputs[SmokeInput.Environment] ?? 'default' }, env),
      'smoke',
      section,
    );

  await runAction(
    ACTION,
    async () => {
      const started = new Date();
      let inputs: SmokeInputValues | undefined;
      let probes: Awaited<ReturnType<typeof loadProbes>>;
      try {
        inputs = readInputs(smokeSpec);
        maskSmokeSecrets(inputs, core.setSecret);
        probes = await loadProbes(smokeProbeOptions(inputs, env));
      } catch (error) {
        // The step could not run: result=error, and the gate's report and summary say why.
        await couldNotRun(inputs, started, error);
        throw error;
      }
      keepStepLogAt(stepLogPath(smokeReportPath(inputs, env), ACTION));
      const policy = smokePolicy(inputs);
      core.info(
        `Smoking ${probes.length} probe(s): timeout ${formatDuration(policy.timeoutMs!)} per attempt, ` +
          `${policy.maxAttempts} attempts, deadline ${formatDuration(policy.deadlineMs!)}, concurrency ${policy.concurrency}`,
      );
      const running = runSmoke(probes, policy, {
        runCommand,
        signal: controller.signal,
        redactor: smokeRedactor(inputs),
        logger: actionsLogger,
        onSecret: (value) => core.setSecret(value),
        onProbeDone: (result, progress) =>
          core.info(
            `[${progress.done}/${progress.total}] ${smokeLogLine(result)}${failureLines(result.failures)}`,
          ),
      });
      state = { inputs, running };
      const section = await running;
      await finish(inputs, section);
    },
    async () => {
      controller.abort();
      if (!state) return;
      const { inputs, running } = state;
      const section = await Promise.race([
        running,
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), CANCEL_GRACE_MS).unref()),
      ]);
      if (section) await writeReport(inputs, { ...section, cancelled: true, result: 'failed' });
    },
  );

  async function couldNotRun(
    inputs: SmokeInputValues | undefined,
    started: Date,
    error: unknown,
  ): Promise<void> {
    const message = errorMessage(error);
    const target = smokeErrorTarget(inputs, actionInputSource.read, env);
    core.setOutput(SmokeOutputs.Result, 'error');
    core.setOutput(SmokeOutputs.FailedProbes, '[]');
    core.setOutput(SmokeOutputs.PassedCount, '0');
    core.setOutput(SmokeOutputs.FailedCount, '0');
    core.setOutput(SmokeOutputs.ReportPath, target.reportPath);
    const section = smokeErrorSection(message, started, new Date());
    core.setOutput(SmokeOutputs.DurationMs, String(section.durationMs));
    try {
      keepStepLogAt(stepLogPath(target.reportPath, ACTION));
      await mergeReportSection(
        target.reportPath,
        reportIdentity({ environment: target.environment ?? 'default' }, env),
        'smoke',
        section,
      );
    } catch (writeError) {
      core.warning(`could not record the smoke error in ${target.reportPath}: ${errorMessage(writeError)}`);
    }
    await core.summary
      .addRaw(renderSmokeErrorSummary(message, { environment: target.environment }))
      .write()
      .catch((summaryError: unknown) =>
        core.warning(`could not write the step summary: ${errorMessage(summaryError)}`),
      );
  }

  async function finish(inputs: SmokeInputValues, section: SmokeSection): Promise<void> {
    const reportPath = smokeReportPath(inputs, env);
    await writeReport(inputs, section);
    const failed = section.probes.filter((p) => p.verdict === 'failed' && !p.dryRun);
    core.setOutput(SmokeOutputs.Result, section.result);
    core.setOutput(SmokeOutputs.FailedProbes, JSON.stringify(failed.map((p) => p.name)));
    core.setOutput(SmokeOutputs.PassedCount, String(section.passedCount));
    core.setOutput(SmokeOutputs.FailedCount, String(section.failedCount));
    core.setOutput(SmokeOutputs.ReportPath, reportPath);
    core.setOutput(SmokeOutputs.DurationMs, String(section.durationMs));
    for (const probe of section.probes) {
      if (probe.verdict !== 'failed') continue;
      const message = `${probe.name} (${probe.target}): ${probe.reason}${failureLines(probe.failures)}`;
      if (probe.dryRun) core.warning(message, { title: 'Smoke probe failed (dry run)' });
      else core.error(message, { title: 'Smoke probe failed' });
    }
    await core.summary
      .addRaw(renderSmokeSummary(section, { environment: inputs[SmokeInput.Environment] }))
      .write();
    core.info(`Report: ${reportPath}`);
    if (section.result === 'failed') {
      const names = failed.map((p) => p.name).join(', ');
      const message = `${ACTION}: ${section.failedCount} of ${section.probes.length} probe(s) failed: ${names}`;
      if (inputs[SmokeInput.FailOnError]) core.setFailed(message);
      else core.warning(`${message} (fail-on-error is false, so the step passes)`);
    }
  }
}

/** Every failed check on its own line, when there is more than the one the reason names. */
function failureLines(failures: readonly string[]): string {
  return failures.length > 1 ? failures.map((failure) => `\n  - ${failure}`).join('') : '';
}
