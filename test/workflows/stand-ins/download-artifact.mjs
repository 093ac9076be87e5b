// Stand-in for actions/download-artifact@v4 (modelled on v4.3.0's src/download-artifact.ts), run by the
// local workflow runner like an action: inputs in INPUT_<NAME> (upper-cased, hyphens kept), outputs to
// GITHUB_OUTPUT. It downloads through @actions/artifact's DefaultArtifactClient: without github-token from
// the current run (twirp ListArtifacts / GetSignedArtifactURL on ACTIONS_RESULTS_URL); with github-token it
// passes `findBy: { token, workflowRunId: run-id, repositoryOwner, repositoryName }` like the real action,
// so the library calls the REST API at GITHUB_API_URL (list the run's artifacts, then the 302 download).
//
// Supported inputs (defaults in download-artifact/action.yml, the real ones):
//   name            one artifact, extracted into `path`; without it every artifact of the run is
//                   downloaded, each into `path/<name>` unless merge-multiple is true
//   path            destination (default GITHUB_WORKSPACE; `~` expanded)
//   pattern         artifact-name filter when `name` is empty (only `*` and `?` wildcards)
//   merge-multiple  true: extract every matched artifact into `path` itself (default false)
//   github-token    a token with actions:read; required for another run or repository
//   repository      owner/name (default ${{ github.repository }}, else GITHUB_REPOSITORY)
//   run-id          the run to download from (default ${{ github.run_id }}, else GITHUB_RUN_ID)
// Not supported: artifact-ids (fails the step with a message saying so).
// Output: download-path. Failures read `Unable to download artifact(s): <reason>` as in the real action.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { DefaultArtifactClient } from '@actions/artifact';
import * as core from '@actions/core';

const PARALLEL_DOWNLOADS = 5;

const wildcard = (pattern) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );

async function run() {
  const inputs = {
    name: core.getInput('name'),
    path: core.getInput('path'),
    token: core.getInput('github-token'),
    repository: core.getInput('repository') || process.env.GITHUB_REPOSITORY || '',
    runID: Number.parseInt(core.getInput('run-id') || process.env.GITHUB_RUN_ID || '', 10),
    pattern: core.getInput('pattern'),
    mergeMultiple: core.getInput('merge-multiple') ? core.getBooleanInput('merge-multiple') : false,
    artifactIds: core.getInput('artifact-ids'),
  };
  if (inputs.artifactIds) throw new Error(`the download-artifact stand-in does not support 'artifact-ids'`);
  if (!inputs.path) inputs.path = process.env.GITHUB_WORKSPACE || process.cwd();
  if (inputs.path.startsWith('~')) inputs.path = inputs.path.replace('~', homedir());
  const isSingleArtifactDownload = !!inputs.name;
  const resolvedPath = resolve(inputs.path);
  core.debug(`Resolved path is ${resolvedPath}`);

  const options = {};
  if (inputs.token) {
    const [repositoryOwner, repositoryName] = inputs.repository.split('/');
    if (!repositoryOwner || !repositoryName) {
      throw new Error(`Invalid repository: '${inputs.repository}'. Must be in format owner/repo`);
    }
    options.findBy = { token: inputs.token, workflowRunId: inputs.runID, repositoryName, repositoryOwner };
  }

  const client = new DefaultArtifactClient();
  let artifacts = [];
  if (isSingleArtifactDownload) {
    core.info('Downloading single artifact');
    const { artifact } = await client.getArtifact(inputs.name, options);
    if (!artifact) throw new Error(`Artifact '${inputs.name}' not found`);
    core.debug(`Found named artifact '${inputs.name}' (ID: ${artifact.id}, Size: ${artifact.size})`);
    artifacts = [artifact];
  } else {
    const listed = await client.listArtifacts({ latest: true, ...options });
    artifacts = listed.artifacts;
    core.debug(`Found ${artifacts.length} artifacts in run`);
    if (inputs.pattern) {
      core.info(`Filtering artifacts by pattern '${inputs.pattern}'`);
      const matcher = wildcard(inputs.pattern);
      artifacts = artifacts.filter((artifact) => matcher.test(artifact.name));
    } else {
      core.info('No input name, artifact-ids or pattern filtered specified, downloading all artifacts');
      if (!inputs.mergeMultiple) {
        core.info('An extra directory with the artifact name will be created for each download');
      }
    }
  }
  if (artifacts.length) {
    core.info('Preparing to download the following artifacts:');
    for (const artifact of artifacts) {
      core.info(
        `- ${artifact.name} (ID: ${artifact.id}, Size: ${artifact.size}, Expected Digest: ${artifact.digest})`,
      );
    }
  }
  for (let i = 0; i < artifacts.length; i += PARALLEL_DOWNLOADS) {
    const chunk = artifacts.slice(i, i + PARALLEL_DOWNLOADS);
    const results = await Promise.all(
      chunk.map((artifact) =>
        client.downloadArtifact(artifact.id, {
          ...options,
          path:
            isSingleArtifactDownload || inputs.mergeMultiple
              ? resolvedPath
              : join(resolvedPath, artifact.name),
          expectedHash: artifact.digest,
        }),
      ),
    );
    results.forEach((outcome, index) => {
      if (outcome.digestMismatch) {
        core.warning(
          `Artifact '${chunk[index].name}' digest validation failed. Please verify the integrity of the artifact.`,
        );
      }
    });
  }
  core.info(`Total of ${artifacts.length} artifact(s) downloaded`);
  core.setOutput('download-path', resolvedPath);
  core.info('Download artifact has finished successfully');
}

run().catch((error) => core.setFailed(`Unable to download artifact(s): ${error.message}`));
