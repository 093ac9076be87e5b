import * as core from '@actions/core';
import {
  booleanInput,
  ConfigurationError,
  deploymentIdInput,
  errorMessage,
  type FinalizeGateResult,
  finalizeGate,
  gateSummaryMarkdown,
  optionalString,
  workspacePath,
} from '@release-actions/core';
import { VERSION } from '@release-actions/core/version';
import { actionsLogger, readInputs, runAction } from '@release-actions/github';
import {
  artifactNameInput,
  artifactUploadAvailable,
  defaultArtifactName,
  retentionDaysInput,
  type UploadedArtifact,
  uploadArtifact,
} from '@release-actions/github/artifacts';
import {
  parseRepo,
  recordVerdictOnDeployment,
  type VerdictStatusOutcome,
} from '@release-actions/github/deployments';
import { githubClient } from '@release-actions/github/octokit';
import { trustedWorkflowsInput } from '@release-actions/github/trusted-artifacts';
import { trustedArtifactFile } from '@release-actions/github/trusted-download';
import * as z from 'zod';

/** Input and output names, never repeated as literals elsewhere. */
export const Inputs = {
  ReportPath: 'report-path',
  Evidence: 'evidence',
  PreviousLog: 'previous-log',
  PreviousLogArtifact: 'previous-log-artifact',
  TrustedWorkflows: 'trusted-workflows',
  Owner: 'owner',
  ArtifactName: 'artifact-name',
  RetentionDays: 'retention-days',
  Upload: 'upload',
  FailOnBlocked: 'fail-on-blocked',
  RequireSmoke: 'require-smoke',
  DeploymentId: 'deployment-id',
  GithubToken: 'github-token',
} as const;

export const Outputs = {
  Verdict: 'verdict',
  Reasons: 'reasons',
  ArtifactId: 'artifact-id',
  ArtifactUrl: 'artifact-url',
  BundlePath: 'bundle-path',
  ReleaseLogPath: 'release-log-path',
} as const;

const listInput = z.string().transform((raw) =>
  raw
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter(Boolean),
);

export const inputSpecs = {
  [Inputs.ReportPath]: {
    schema: z.string().transform((raw) => raw || 'release-gate/report.json'),
    example: 'release-gate/report.json',
  },
  [Inputs.Evidence]: { schema: listInput, example: "'db/backup-manifest.json, logs/migrate-*.log'" },
  [Inputs.PreviousLog]: { schema: optionalString, example: 'previous-release-log/release-log.tsv' },
  [Inputs.PreviousLogArtifact]: {
    schema: artifactNameInput.transform((raw) => raw || undefined),
    example: 'production-release-gate-report',
  },
  [Inputs.TrustedWorkflows]: { schema: trustedWorkflowsInput, example: "'release-gate.yml, deploy.yml'" },
  [Inputs.Owner]: { schema: optionalString, example: 'octocat' },
  [Inputs.ArtifactName]: { schema: artifactNameInput, example: 'shop-production-release-gate-report' },
  [Inputs.RetentionDays]: { schema: retentionDaysInput, example: '30' },
  [Inputs.Upload]: { schema: booleanInput(true), example: 'true' },
  [Inputs.FailOnBlocked]: { schema: booleanInput(false), example: 'true' },
  [Inputs.RequireSmoke]: { schema: booleanInput(true), example: 'true' },
  [Inputs.DeploymentId]: { schema: deploymentIdInput, example: '${{ steps.deploy.outputs.deployment-id }}' },
  [Inputs.GithubToken]: { schema: optionalString, example: '${{ github.token }}', secret: true },
};

async function main(): Promise<void> {
  let result: FinalizeGateResult | undefined;
  let artifact: UploadedArtifact | null = null;
  let artifactName = '';
  let deployment: VerdictStatusOutcome | null = null;
  try {
    const inputs = readInputs(inputSpecs);
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const previousLog = await previousLogPath(inputs);
    result = await finalizeGate({
      reportPath: workspacePath(inputs[Inputs.ReportPath]),
      workspace,
      evidence: inputs[Inputs.Evidence],
      previousLog,
      owner: inputs[Inputs.Owner],
      requireSmoke: inputs[Inputs.RequireSmoke],
      generatedBy: `release-actions/${VERSION}`,
      logger: actionsLogger,
      summaryMarkdown: (report, logRows) => gateSummaryMarkdown({ report, logRows }),
    });
    const { verdict, bundleDir } = result;
    core.setOutput(Outputs.Verdict, verdict.value);
    core.setOutput(Outputs.Reasons, JSON.stringify(verdict.reasons));
    core.setOutput(Outputs.BundlePath, bundleDir);
    core.setOutput(Outputs.ReleaseLogPath, `${bundleDir}/release-log.tsv`);
    core.info(
      `verdict: ${verdict.value}${verdict.reasons.length ? ` (${verdict.reasons.join('; ')})` : ''}; bundle ${bundleDir} (${result.files.length} files)`,
    );

    const deploymentId = inputs[Inputs.DeploymentId];
    if (deploymentId !== undefined) {
      deployment = await recordVerdict(deploymentId, inputs[Inputs.GithubToken], result);
      if (deployment.recorded) core.info(`GitHub deployment ${deploymentId}: ${deployment.state}`);
      else
        core.warning(
          `GitHub deployment ${deploymentId}: could not set ${deployment.state}: ${deployment.error}`,
        );
    }

    artifactName = inputs[Inputs.ArtifactName] || defaultArtifactName(result.report.environment);
    if (!inputs[Inputs.Upload]) {
      core.info(`upload: false, artifact '${artifactName}' not uploaded`);
      core.setOutput(Outputs.ArtifactId, '');
    } else if (!artifactUploadAvailable()) {
      core.warning(
        `artifact '${artifactName}' not uploaded: ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL are not set (not a GitHub Actions job); the bundle stays in ${bundleDir}`,
      );
      core.setOutput(Outputs.ArtifactId, '');
    } else {
      artifact = await uploadArtifact(artifactName, result.files, bundleDir, {
        retentionDays: inputs[Inputs.RetentionDays],
      });
      core.info(
        `artifact '${artifact.name}' uploaded: id ${artifact.id}, ${artifact.size} bytes, sha256 ${artifact.digest ?? '?'}, ${Math.round(artifact.durationMs)}ms`,
      );
      core.setOutput(Outputs.ArtifactId, String(artifact.id));
      core.setOutput(Outputs.ArtifactUrl, artifact.url ?? '');
    }

    if (verdict.value === 'blocked') {
      const message = `release blocked: ${verdict.reasons.join('; ')}`;
      if (inputs[Inputs.FailOnBlocked]) throw new ConfigurationError(message);
      core.warning(`${message} (fail-on-blocked is false, so this step passes)`);
    }
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

/** The release log file inside a release-gate artifact. */
export const RELEASE_LOG_FILE = 'release-log.tsv';

/**
 * The previous release log: with `previous-log-artifact`, `release-log.tsv` from the newest artifact of
 * that name a trusted run uploaded (downloaded into RUNNER_TEMP; none found or a failed lookup means a new
 * log); otherwise the `previous-log` path as given.
 */
async function previousLogPath(inputs: {
  [Inputs.PreviousLog]: string | undefined;
  [Inputs.PreviousLogArtifact]: string | undefined;
  [Inputs.TrustedWorkflows]: string[];
  [Inputs.GithubToken]: string | undefined;
}): Promise<string | undefined> {
  const name = inputs[Inputs.PreviousLogArtifact];
  if (!name) {
    const path = inputs[Inputs.PreviousLog];
    return path ? workspacePath(path) : undefined;
  }
  const file = await trustedArtifactFile({
    name,
    folder: 'release-gate-previous-log',
    file: RELEASE_LOG_FILE,
    token: inputs[Inputs.GithubToken],
    tokenInput: Inputs.GithubToken,
    trustedWorkflows: inputs[Inputs.TrustedWorkflows],
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
      error: `input '${Inputs.GithubToken}' is empty. Example: ${Inputs.GithubToken}: \${{ github.token }} (permissions: deployments: write)`,
    };
  }
  try {
    const client = githubClient({ token, logger: actionsLogger });
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
