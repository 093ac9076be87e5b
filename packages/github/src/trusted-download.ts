import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { parseRepo } from './deployments.js';
import { actionsLogger } from './logger.js';
import { githubClient } from './octokit.js';
import {
  type ArtifactApi,
  defaultBranchFromEvent,
  describeApiError,
  findTrustedArtifact,
  octokitArtifactApi,
  type RunFacts,
  type TrustLogger,
  workflowFileOf,
} from './trusted-artifacts.js';

/** The runner's log: skipped candidates as notices, problems as warnings (never a failed step). */
export const actionsTrustLogger: TrustLogger = {
  info: (message) => core.info(message),
  notice: (message) => core.notice(message),
  warning: (message) => core.warning(message),
};

export interface TrustedDownloadOptions {
  /** Artifact name. */
  name: string;
  /** Folder the artifact's files are extracted into. */
  path: string;
  /** A token with `actions: read` (the `github-token` input). */
  token: string | undefined;
  /** Input name of the token, for messages. */
  tokenInput?: string;
  trustedWorkflows: readonly string[];
  /** What the artifact is, for messages ("previous release log"). */
  what?: string;
  env?: NodeJS.ProcessEnv;
  logger?: TrustLogger;
  /** Injectable for tests; default: the REST API through `githubClient`. */
  api?: ArtifactApi;
  /** Injectable for tests; default: `@actions/artifact`'s `downloadArtifact` with `findBy`. */
  download?: (artifactId: number, run: RunFacts, path: string) => Promise<void>;
}

export type TrustedDownload =
  | { downloaded: true; path: string; artifactId: number; runId: number; skipped: number }
  | { downloaded: false; reason: string; skipped: number };

/**
 * Finds the newest artifact `name` of a trusted run (see trusted-artifacts.ts) and downloads it into
 * `path`. Nothing here fails the step: no token, an API error (403 without `actions: read`, 404) or a
 * failed download is a warning and `downloaded: false`; no trusted artifact is a notice.
 */
export async function downloadTrustedArtifact(options: TrustedDownloadOptions): Promise<TrustedDownload> {
  const env = options.env ?? process.env;
  const logger = options.logger ?? actionsTrustLogger;
  const what = options.what ?? `artifact '${options.name}'`;
  const tokenInput = options.tokenInput ?? 'github-token';
  const fail = (reason: string, skipped = 0): TrustedDownload => {
    logger.warning(`${what}: ${reason}`);
    return { downloaded: false, reason, skipped };
  };
  if (!env.GITHUB_REPOSITORY) return fail('GITHUB_REPOSITORY is not set (not a GitHub Actions job)');
  if (!options.token && !options.api)
    return fail(
      `input '${tokenInput}' is empty: cannot look up artifact '${options.name}' (give a token with 'actions: read', e.g. ${tokenInput}: \${{ github.token }})`,
    );
  const repo = parseRepo(env.GITHUB_REPOSITORY);
  const api =
    options.api ??
    octokitArtifactApi((await githubClient({ token: options.token!, logger: actionsLogger })) as never, repo);
  const lookup = await findTrustedArtifact(
    api,
    options.name,
    {
      repository: env.GITHUB_REPOSITORY,
      defaultBranch: await defaultBranchFromEvent(env),
      trustedWorkflows: options.trustedWorkflows,
    },
    logger,
  );
  if (!lookup.found) {
    if (lookup.error) return fail(lookup.reason, lookup.skipped);
    logger.notice(`${what}: ${lookup.reason}`);
    return { downloaded: false, reason: lookup.reason, skipped: lookup.skipped };
  }
  const { artifact, run } = lookup;
  try {
    if (options.download) await options.download(artifact.id, run, options.path);
    else {
      // The artifact client is imported only now, when there is an artifact to download.
      const { DefaultArtifactClient } = await import('./artifact-client.js');
      await new DefaultArtifactClient().downloadArtifact(artifact.id, {
        path: options.path,
        findBy: {
          token: options.token!,
          workflowRunId: run.id,
          repositoryOwner: repo.owner,
          repositoryName: repo.repo,
        },
      });
    }
  } catch (error) {
    return fail(
      describeApiError(error, `cannot download artifact ${artifact.id} from run ${run.id}`),
      lookup.skipped,
    );
  }
  logger.info(
    `${what}: artifact ${artifact.id} '${artifact.name}' from run ${run.id} (${run.event} on ${run.headBranch}, ${workflowFileOf(run.path)}) downloaded to ${options.path}`,
  );
  return {
    downloaded: true,
    path: options.path,
    artifactId: artifact.id,
    runId: run.id,
    skipped: lookup.skipped,
  };
}

/**
 * One file of the newest trusted artifact `name` (a previous log), downloaded into RUNNER_TEMP/<folder>:
 * its path, or undefined when no artifact was taken (the caller starts a new log).
 */
export async function trustedArtifactFile(
  options: Omit<TrustedDownloadOptions, 'path'> & { folder: string; file: string },
): Promise<string | undefined> {
  const dir = join(process.env.RUNNER_TEMP ?? tmpdir(), options.folder);
  const download = await downloadTrustedArtifact({ ...options, path: dir });
  return download.downloaded ? join(dir, options.file) : undefined;
}
