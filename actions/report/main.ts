import * as core from '@actions/core';
import {
  enforceVerdict,
  errorMessage,
  type FinalizeGateResult,
  finalizeGate,
  gateSummaryMarkdown,
  ReportOutputs as Outputs,
  type ParsedInputs,
  RELEASE_LOG_FILE,
  type ReportInput,
  reportSpec,
  VERSION,
  workspacePath,
} from '@release-actions/core';
import {
  actionsLogger,
  artifactUploadAvailable,
  defaultArtifactName,
  githubClient,
  parseRepo,
  readInputs,
  recordVerdictOnDeployment,
  runAction,
  trustedArtifactFile,
  type UploadedArtifact,
  uploadArtifact,
  type VerdictStatusOutcome,
} from '@release-actions/github';

type ReportInputs = ParsedInputs<typeof reportSpec.inputs>;
const TOKEN_INPUT: ReportInput = 'github-token';

async function main(): Promise<void> {
  let result: FinalizeGateResult | undefined;
  let artifact: UploadedArtifact | null = null;
  let artifactName = '';
  let deployment: VerdictStatusOutcome | null = null;
  try {
    const inputs = readInputs(reportSpec);
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const previousLog = await previousLogPath(inputs);
    result = await finalizeGate({
      reportPath: workspacePath(inputs['report-path']),
      workspace,
      evidence: inputs.evidence,
      previousLog,
      owner: inputs.owner,
      requireSmoke: inputs['require-smoke'],
      generatedBy: `release-actions/${VERSION}`,
      logger: actionsLogger,
      summaryMarkdown: (report, logRows) => gateSummaryMarkdown({ report, logRows }),
    });
    const { verdict, bundleDir } = result;
    core.setOutput(Outputs.Verdict, verdict.value);
    core.setOutput(Outputs.Reasons, JSON.stringify(verdict.reasons));
    core.setOutput(Outputs.BundlePath, bundleDir);
    core.setOutput(Outputs.ReleaseLogPath, `${bundleDir}/${RELEASE_LOG_FILE}`);
    core.info(
      `verdict: ${verdict.value}${verdict.reasons.length ? ` (${verdict.reasons.join('; ')})` : ''}; bundle ${bundleDir} (${result.files.length} files)`,
    );

    const deploymentId = inputs['deployment-id'];
    if (deploymentId !== undefined) {
      deployment = await recordVerdict(deploymentId, inputs['github-token'], result);
      if (deployment.recorded) core.info(`GitHub deployment ${deploymentId}: ${deployment.state}`);
      else
        core.warning(
          `GitHub deployment ${deploymentId}: could not set ${deployment.state}: ${deployment.error}`,
        );
    }

    artifactName = inputs['artifact-name'] || defaultArtifactName(result.report.environment);
    if (!inputs.upload) {
      core.info(`upload: false, artifact '${artifactName}' not uploaded`);
      core.setOutput(Outputs.ArtifactId, '');
    } else if (!artifactUploadAvailable()) {
      core.warning(
        `artifact '${artifactName}' not uploaded: ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL are not set (not a GitHub Actions job); the bundle stays in ${bundleDir}`,
      );
      core.setOutput(Outputs.ArtifactId, '');
    } else {
      artifact = await uploadArtifact(artifactName, result.files, bundleDir, {
        retentionDays: inputs['retention-days'],
      });
      core.info(
        `artifact '${artifact.name}' uploaded: id ${artifact.id}, ${artifact.size} bytes, sha256 ${artifact.digest ?? '?'}, ${Math.round(artifact.durationMs)}ms`,
      );
      core.setOutput(Outputs.ArtifactId, String(artifact.id));
      core.setOutput(Outputs.ArtifactUrl, artifact.url ?? '');
    }

    enforceVerdict(verdict, inputs['fail-on-blocked'], actionsLogger);
  } catch (error) {
    // No verdict could be decided: say so where the reviewer looks first, then fail as usual.
    if (!result) {
      await core.summary
        .addRaw(
          `## ⛔ Release gate: no verdict\n\nThe report step could not finish: ${errorMessage(error)}\n`,
        )
        .write();
    }
    throw error;
  } finally {
    if (result) {
      await core.summary
        .addRaw(
          gateSummaryMarkdown({
            report: result.report,
            logRows: result.logRows,
            bundlePath: result.bundleDir,
            bundleFiles: [...result.manifest.files.map((file) => file.path), 'manifest.json'],
            artifact: artifact ?? (artifactName ? { name: `${artifactName} (not uploaded)` } : null),
            deployment,
          }),
        )
        .write();
    }
  }
}

/**
 * The previous release log: with `previous-log-artifact`, `release-log.tsv` from the newest artifact of
 * that name a trusted run uploaded (downloaded into RUNNER_TEMP; none found or a failed lookup means a new
 * log); otherwise the `previous-log` path as given.
 */
async function previousLogPath(inputs: ReportInputs): Promise<string | undefined> {
  const name = inputs['previous-log-artifact'];
  if (!name) {
    const path = inputs['previous-log'];
    return path ? workspacePath(path) : undefined;
  }
  const file = await trustedArtifactFile({
    name,
    folder: 'release-gate-previous-log',
    file: RELEASE_LOG_FILE,
    token: inputs['github-token'],
    tokenInput: TOKEN_INPUT,
    trustedWorkflows: inputs['trusted-workflows'],
    what: 'previous release log',
  });
  if (!file) core.info('previous release log: none taken, starting a new log');
  return file;
}

/** The verdict on the release's GitHub deployment; any failure (no token included) is an outcome to warn about. */
async function recordVerdict(
  deploymentId: number,
  token: string | undefined,
  result: FinalizeGateResult,
): Promise<VerdictStatusOutcome> {
  const state = result.verdict.value === 'promote' ? 'success' : 'failure';
  if (!token) {
    return {
      deploymentId,
      recorded: false,
      state,
      error: `input '${TOKEN_INPUT}' is empty. Example: ${TOKEN_INPUT}: \${{ github.token }} (permissions: deployments: write)`,
    };
  }
  try {
    const client = await githubClient({ token, logger: actionsLogger });
    return await recordVerdictOnDeployment(client, parseRepo(process.env.GITHUB_REPOSITORY), {
      deploymentId,
      verdict: result.verdict,
      logUrl: result.report.run.url ?? undefined,
    });
  } catch (error) {
    return { deploymentId, recorded: false, state, error: errorMessage(error) };
  }
}

/** The whole action: read the inputs, evaluate, write outputs and the summary; errors fail the step. */
export function run(): Promise<void> {
  return runAction('report', main);
}
