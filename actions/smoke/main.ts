import * as core from '@actions/core';
import {
  checkProbeWindows,
  commandProbeEnv,
  commandRunner,
  errorMessage,
  formatDuration,
  loadProbes,
  maskSmokeSecrets,
  recordSmokeSection,
  renderSmokeErrorSummary,
  renderSmokeSummary,
  runSmoke,
  type SmokeInputValues,
  SmokeOutputs,
  type SmokeSection,
  type SmokeTarget,
  smokeErrorSection,
  smokeLogLine,
  smokePolicy,
  smokeProbeOptions,
  smokeRedactor,
  smokeSpec,
  smokeTarget,
  smokeTemplateValues,
  stepLogPath,
} from '@release-actions/core';
import {
  actionInputSource,
  actionsLogger,
  keepStepLogAt,
  readInputs,
  runAction,
} from '@release-actions/github';

const ACTION = 'smoke';
/** How long a cancelled run may take to stop its probes before the partial report is written. */
const CANCEL_GRACE_MS = 3_000;

/** The smoke step: read inputs, run the probes, write report section, outputs, summary, annotations. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const controller = new AbortController();
  let running: { target: SmokeTarget; section: Promise<SmokeSection> } | undefined;

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
        checkProbeWindows(probes, smokePolicy(inputs));
      } catch (error) {
        // The step could not run: result=error, and the gate's report and summary say why.
        const target = smokeTarget(inputs, actionInputSource.read, env);
        await couldNotRun(target, smokeErrorSection(errorMessage(error), started, new Date()));
        throw error;
      }
      const target = smokeTarget(inputs, actionInputSource.read, env);
      keepStepLogAt(stepLogPath(target.reportPath, ACTION));
      const policy = smokePolicy(inputs);
      core.info(
        `Smoking ${probes.length} probe(s): timeout ${formatDuration(policy.timeoutMs!)} per attempt, ` +
          `${policy.maxAttempts} attempts, deadline ${formatDuration(policy.deadlineMs!)}, concurrency ${policy.concurrency}`,
      );
      const section = runSmoke(probes, policy, {
        runCommand: commandRunner({ env: commandProbeEnv(env) }),
        signal: controller.signal,
        redactor: smokeRedactor(inputs),
        logger: actionsLogger,
        onSecret: (value) => core.setSecret(value),
        env,
        templates: smokeTemplateValues(inputs, env),
        onProbeDone: (result, progress) =>
          core.info(
            `[${progress.done}/${progress.total}] ${smokeLogLine(result)}${failureLines(result.failures)}`,
          ),
      });
      running = { target, section };
      await finish(target, await section, inputs['fail-on-error']);
    },
    async () => {
      controller.abort();
      if (!running) return;
      const section = await Promise.race([
        running.section,
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), CANCEL_GRACE_MS).unref()),
      ]);
      if (section)
        await recordSmokeSection(running.target, { ...section, cancelled: true, result: 'failed' }, env);
    },
  );

  async function couldNotRun(target: SmokeTarget, section: SmokeSection): Promise<void> {
    setOutputs(target, section);
    try {
      keepStepLogAt(stepLogPath(target.reportPath, ACTION));
      await recordSmokeSection(target, section, env);
    } catch (writeError) {
      core.warning(`could not record the smoke error in ${target.reportPath}: ${errorMessage(writeError)}`);
    }
    await core.summary
      .addRaw(renderSmokeErrorSummary(section.error ?? '', { environment: target.environment }))
      .write()
      .catch((summaryError: unknown) =>
        core.warning(`could not write the step summary: ${errorMessage(summaryError)}`),
      );
  }

  async function finish(target: SmokeTarget, section: SmokeSection, failOnError: boolean): Promise<void> {
    await recordSmokeSection(target, section, env);
    const failed = setOutputs(target, section);
    for (const probe of section.probes) {
      if (probe.verdict !== 'failed') continue;
      const message = `${probe.name} (${probe.target}): ${probe.reason}${failureLines(probe.failures)}`;
      if (probe.dryRun) core.warning(message, { title: 'Smoke probe failed (dry run)' });
      else core.error(message, { title: 'Smoke probe failed' });
    }
    await core.summary.addRaw(renderSmokeSummary(section, { environment: target.environment })).write();
    core.info(`Report: ${target.reportPath}`);
    if (section.result === 'error') {
      // A probe the step could not judge (a PromQL syntax error): no setting makes that a pass.
      core.setFailed(`${ACTION}: could not judge: ${section.error}`);
    } else if (section.result === 'failed') {
      const message = `${ACTION}: ${section.failedCount} of ${section.probes.length} probe(s) failed: ${failed.join(', ')}`;
      if (failOnError) core.setFailed(message);
      else core.warning(`${message} (fail-on-error is false, so the step passes)`);
    }
  }
}

/** Sets every output from the section; returns the names of the probes that failed the step. */
function setOutputs(target: SmokeTarget, section: SmokeSection): string[] {
  const failed = section.probes.filter((p) => p.verdict === 'failed' && !p.dryRun).map((p) => p.name);
  core.setOutput(SmokeOutputs.Result, section.result);
  core.setOutput(SmokeOutputs.FailedProbes, JSON.stringify(failed));
  core.setOutput(SmokeOutputs.PassedCount, String(section.passedCount));
  core.setOutput(SmokeOutputs.FailedCount, String(section.failedCount));
  core.setOutput(SmokeOutputs.ReportPath, target.reportPath);
  core.setOutput(SmokeOutputs.DurationMs, String(section.durationMs));
  return failed;
}

/** Every failed check on its own line, when there is more than the one the reason names. */
function failureLines(failures: readonly string[]): string {
  return failures.length > 1 ? failures.map((failure) => `\n  - ${failure}`).join('') : '';
}
