// Stand-in for actions/upload-artifact@v4 (modelled on v4.6.2's src/upload), run by the local workflow
// runner like an action: inputs in INPUT_<NAME> (upper-cased, hyphens kept), outputs to GITHUB_OUTPUT.
// It uploads through @actions/artifact's DefaultArtifactClient, so the bytes travel the real protocol to
// the artifact server named by ACTIONS_RESULTS_URL / ACTIONS_RUNTIME_TOKEN.
//
// Supported inputs (defaults in upload-artifact/action.yml, the real ones):
//   name                  artifact name (default 'artifact')
//   path                  newline-separated files or directories, relative to the working directory
//                         (the runner's GITHUB_WORKSPACE); glob patterns and `!` excludes are NOT
//                         supported and fail the step with a message saying so
//   if-no-files-found     warn | error | ignore (default warn), with the real action's messages
//   retention-days        passed as retentionDays (capped by GITHUB_RETENTION_DAYS in the library)
//   compression-level     0-9 (default 6)
//   overwrite             true: delete an artifact of that name in this run first (default false)
//   include-hidden-files  true: keep files and directories whose name starts with '.' (default false)
// Outputs: artifact-id, artifact-url (GITHUB_SERVER_URL/<repo>/actions/runs/<run>/artifacts/<id>),
// artifact-digest (sha256 hex of the zip).
// Root directory of the archive as the real action computes it: one file -> its parent directory; one
// directory -> that directory; several paths -> their least common ancestor.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import { ArtifactNotFoundError, DefaultArtifactClient } from '@actions/artifact';
import * as core from '@actions/core';

const NO_FILE_OPTIONS = ['warn', 'error', 'ignore'];

function walk(path, includeHidden, out) {
  const stats = statSync(path);
  if (!stats.isDirectory()) {
    out.push(path);
    return;
  }
  for (const entry of readdirSync(path).sort()) {
    if (!includeHidden && entry.startsWith('.')) continue;
    walk(join(path, entry), includeHidden, out);
  }
}

function leastCommonAncestor(paths) {
  const split = paths.map((p) => normalize(p).split(sep));
  const common = [];
  for (let i = 0; i < Math.min(...split.map((s) => s.length)); i++) {
    if (split.some((s) => s[i] !== split[0][i])) break;
    common.push(split[0][i]);
  }
  const joined = join(...common);
  return paths[0].startsWith(sep) ? join(sep, joined) : joined;
}

function findFilesToUpload(searchPath, includeHidden) {
  const lines = searchPath
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const unsupported = lines.filter((line) => /[*?[\]{}]/.test(line) || line.startsWith('!'));
  if (unsupported.length) {
    throw new Error(
      `the upload-artifact stand-in supports plain files and directories only, not glob patterns: ${unsupported.join(', ')}`,
    );
  }
  const searchPaths = lines.map((line) => resolve(line));
  const files = [];
  for (const p of searchPaths) {
    try {
      walk(p, includeHidden, files);
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
  }
  if (searchPaths.length > 1)
    return { filesToUpload: files, rootDirectory: leastCommonAncestor(searchPaths) };
  if (files.length === 1 && searchPaths[0] === files[0]) {
    return { filesToUpload: files, rootDirectory: dirname(files[0]) };
  }
  return { filesToUpload: files, rootDirectory: searchPaths[0] ?? process.cwd() };
}

async function run() {
  const name = core.getInput('name') || 'artifact';
  const searchPath = core.getInput('path', { required: true });
  const ifNoFilesFound = core.getInput('if-no-files-found') || 'warn';
  if (!NO_FILE_OPTIONS.includes(ifNoFilesFound)) {
    core.setFailed(
      `Unrecognized if-no-files-found input. Provided: ${ifNoFilesFound}. Available options: ${NO_FILE_OPTIONS.join(',')}`,
    );
    return;
  }
  const bool = (input) => (core.getInput(input) ? core.getBooleanInput(input) : false);
  const overwrite = bool('overwrite');
  const includeHidden = bool('include-hidden-files');
  const options = {};
  const retention = core.getInput('retention-days');
  if (retention) {
    options.retentionDays = Number.parseInt(retention, 10);
    if (Number.isNaN(options.retentionDays)) return core.setFailed('Invalid retention-days');
  }
  const compression = core.getInput('compression-level');
  if (compression) {
    options.compressionLevel = Number.parseInt(compression, 10);
    if (Number.isNaN(options.compressionLevel)) return core.setFailed('Invalid compression-level');
    if (options.compressionLevel < 0 || options.compressionLevel > 9) {
      return core.setFailed('Invalid compression-level. Valid values are 0-9');
    }
  }

  const { filesToUpload, rootDirectory } = findFilesToUpload(searchPath, includeHidden);
  if (filesToUpload.length === 0) {
    const message = `No files were found with the provided path: ${searchPath}. No artifacts will be uploaded.`;
    if (ifNoFilesFound === 'error') core.setFailed(message);
    else if (ifNoFilesFound === 'warn') core.warning(message);
    else core.info(message);
    return;
  }
  const s = filesToUpload.length === 1 ? '' : 's';
  core.info(`With the provided path, there will be ${filesToUpload.length} file${s} uploaded`);
  core.debug(`Root artifact directory is ${rootDirectory}`);

  const client = new DefaultArtifactClient();
  if (overwrite) {
    try {
      await client.deleteArtifact(name);
    } catch (error) {
      if (error instanceof ArtifactNotFoundError)
        core.debug(`Skipping deletion of '${name}', it does not exist`);
      else core.debug(`Unable to delete artifact: ${error.message}`);
    }
  }
  const upload = await client.uploadArtifact(name, filesToUpload, rootDirectory, options);
  core.info(
    `Artifact ${name} has been successfully uploaded! Final size is ${upload.size} bytes. Artifact ID is ${upload.id}`,
  );
  core.setOutput('artifact-id', upload.id);
  core.setOutput('artifact-digest', upload.digest);
  const server = process.env.GITHUB_SERVER_URL || 'https://github.com';
  const url = `${server}/${process.env.GITHUB_REPOSITORY}/actions/runs/${process.env.GITHUB_RUN_ID}/artifacts/${upload.id}`;
  core.info(`Artifact download URL: ${url}`);
  core.setOutput('artifact-url', url);
}

run().catch((error) => core.setFailed(error.message));
