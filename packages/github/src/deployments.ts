import {
  ConfigurationError,
  type DeploymentState,
  errorMessage,
  type RollbackOf,
  type RollbackTarget,
} from '@release-actions/core';
import type { GitHubClient } from './octokit.js';

export interface Repo {
  owner: string;
  repo: string;
}

export interface DeploymentSummary {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  createdAt: string;
  /** `payload.version` as deploy-webhook records it (a string), when present. */
  version?: string;
}

/** `owner/repo` (as in GITHUB_REPOSITORY) to its parts; a clear error, naming where it came from, otherwise. */
export function parseRepo(text: string | undefined, from = 'GITHUB_REPOSITORY'): Repo {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(text ?? '');
  if (!match) throw new ConfigurationError(`repository '${text ?? ''}' is not owner/name (${from})`);
  return { owner: match[1]!, repo: match[2]! };
}

/**
 * A failed GitHub API call, told plainly (no stack): a missing permission, a wrong token or GitHub being
 * unavailable after retries are for the user to act on, not bugs.
 */
export class GitHubApiError extends ConfigurationError {
  override name = 'GitHubApiError';
}

/** The error of a failed API call as one line without a token (Octokit never puts the token in messages). */
export function apiError(what: string, error: unknown): GitHubApiError {
  const status = (error as { status?: number }).status;
  const hint =
    status === 403 || status === 404
      ? ' (the token needs `deployments: write` permission: add `permissions: deployments: write` to the job)'
      : status === 401
        ? ' (the token is invalid or expired; the default github-token is the job token)'
        : '';
  return new GitHubApiError(
    `GitHub API: ${what} failed${status ? ` (HTTP ${status})` : ''}: ${errorMessage(error)}${hint}`,
  );
}

/**
 * Creates a deployment of `ref` to `environment`. `auto_merge: false` and `required_contexts: []` because
 * the release gate itself is the check; the deployment only records what is being deployed.
 */
export async function createDeployment(
  client: GitHubClient,
  repo: Repo,
  options: { ref: string; environment: string; description?: string; payload?: Record<string, unknown> },
): Promise<DeploymentSummary> {
  try {
    const response = await client.rest.repos.createDeployment({
      ...repo,
      ref: options.ref,
      environment: options.environment,
      auto_merge: false,
      required_contexts: [],
      description: options.description ?? 'release-gate deploy',
      payload: options.payload ?? {},
      transient_environment: false,
    });
    if (response.status !== 201 || !('id' in response.data)) {
      throw new Error(`unexpected answer ${response.status}: ${JSON.stringify(response.data).slice(0, 200)}`);
    }
    return summarize(response.data);
  } catch (error) {
    throw apiError(`create deployment for ${options.environment}`, error);
  }
}

export async function setDeploymentStatus(
  client: GitHubClient,
  repo: Repo,
  options: {
    deploymentId: number;
    state: DeploymentState;
    description?: string;
    logUrl?: string;
    environmentUrl?: string;
  },
): Promise<void> {
  try {
    await client.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: options.deploymentId,
      state: options.state,
      description: statusDescription(options.description ?? ''),
      ...(options.logUrl ? { log_url: options.logUrl } : {}),
      ...(options.environmentUrl ? { environment_url: options.environmentUrl } : {}),
    });
  } catch (error) {
    throw apiError(`set deployment ${options.deploymentId} status ${options.state}`, error);
  }
}

/** GitHub's limit on a deployment status description. */
export const STATUS_DESCRIPTION_MAX = 140;

/** `text` cut to GitHub's 140 characters, with an ellipsis when cut. */
export function statusDescription(text: string): string {
  return text.length <= STATUS_DESCRIPTION_MAX ? text : `${text.slice(0, STATUS_DESCRIPTION_MAX - 1)}…`;
}

/**
 * The status that records a gate's verdict on the release's deployment: `success` when it promotes,
 * `failure` (with the first reason) when it is blocked.
 */
export function verdictDeploymentStatus(verdict: { value: 'promote' | 'blocked'; reasons: string[] }): {
  state: DeploymentState;
  description: string;
} {
  if (verdict.value === 'promote') return { state: 'success', description: 'release gate promoted' };
  const reason = verdict.reasons[0];
  return {
    state: 'failure',
    description: statusDescription(`release gate blocked${reason ? `: ${reason}` : ''}`),
  };
}

/** What recording a verdict on a deployment did: the state set, or why it could not be set. */
export type VerdictStatusOutcome =
  | { deploymentId: number; recorded: true; state: DeploymentState; description: string }
  | { deploymentId: number; recorded: false; state: DeploymentState; error: string };

/**
 * Sets the release's deployment to the gate's verdict. Never throws: the report must not be lost over a
 * failed API call, so the caller gets the error to warn about.
 */
export async function recordVerdictOnDeployment(
  client: GitHubClient,
  repo: Repo,
  options: {
    deploymentId: number;
    verdict: { value: 'promote' | 'blocked'; reasons: string[] };
    logUrl?: string;
  },
): Promise<VerdictStatusOutcome> {
  const { state, description } = verdictDeploymentStatus(options.verdict);
  try {
    await setDeploymentStatus(client, repo, {
      deploymentId: options.deploymentId,
      state,
      description,
      logUrl: options.logUrl,
    });
    return { deploymentId: options.deploymentId, recorded: true, state, description };
  } catch (error) {
    return { deploymentId: options.deploymentId, recorded: false, state, error: errorMessage(error) };
  }
}

/** Statuses of one deployment, newest first (as GitHub lists them). */
export async function listDeploymentStatuses(
  client: GitHubClient,
  repo: Repo,
  deploymentId: number,
  perPage = 30,
): Promise<Array<{ state: DeploymentState; logUrl: string; createdAt: string }>> {
  try {
    const response = await client.rest.repos.listDeploymentStatuses({
      ...repo,
      deployment_id: deploymentId,
      per_page: perPage,
    });
    return response.data.map((status) => ({
      state: status.state as DeploymentState,
      logUrl: status.log_url ?? status.target_url ?? '',
      createdAt: status.created_at,
    }));
  } catch (error) {
    throw apiError(`list statuses of deployment ${deploymentId}`, error);
  }
}

/** Deployments of an environment (optionally of one sha), newest first; at most `limit`. */
export async function listDeployments(
  client: GitHubClient,
  repo: Repo,
  options: { environment: string; sha?: string; limit?: number },
): Promise<DeploymentSummary[]> {
  const limit = options.limit ?? 100;
  const out: DeploymentSummary[] = [];
  try {
    for (let page = 1; out.length < limit; page++) {
      const perPage = Math.min(100, limit);
      const response = await client.rest.repos.listDeployments({
        ...repo,
        environment: options.environment,
        ...(options.sha ? { sha: options.sha } : {}),
        per_page: perPage,
        page,
      });
      out.push(...response.data.map(summarize));
      if (response.data.length < perPage) break;
    }
  } catch (error) {
    throw apiError(`list deployments of ${options.environment}`, error);
  }
  return out.slice(0, limit);
}

const ACTIVE_STATES = new Set<DeploymentState>(['queued', 'pending', 'in_progress']);

/**
 * The deployment GitHub created for a job that declares `environment:`: a deployment of this sha to this
 * environment, still queued/pending/in progress, with a status whose log URL points at this run
 * (`/actions/runs/<runId>`). Newest first.
 */
export async function findRunDeployment(
  client: GitHubClient,
  repo: Repo,
  options: { environment: string; sha: string; runId: string; limit?: number },
): Promise<DeploymentSummary | undefined> {
  const candidates = await listDeployments(client, repo, {
    environment: options.environment,
    sha: options.sha,
    limit: options.limit ?? 10,
  });
  const marker = `/actions/runs/${options.runId}`;
  for (const deployment of candidates) {
    const statuses = await listDeploymentStatuses(client, repo, deployment.id, 10);
    // Still open (the job is running), so an earlier attempt's finished deployment is never adopted.
    const open = !statuses[0] || ACTIVE_STATES.has(statuses[0].state);
    if (open && statuses.some((status) => status.logUrl.includes(marker))) return deployment;
  }
  return undefined;
}

export interface KnownGood {
  sha: string;
  ref: string;
  deploymentId: number;
  createdAt: string;
  /** The version the deployment recorded (`payload.version`), when it did. */
  version?: string;
}

/**
 * Whether a deployment's statuses (newest first) make it known-good: a `success` with no `failure` after
 * it. `inactive` (GitHub's auto_inactive when a newer deployment succeeds) and other states do not count.
 */
export function isKnownGood(statusesNewestFirst: ReadonlyArray<{ state: DeploymentState }>): boolean {
  for (const status of statusesNewestFirst) {
    if (status.state === 'failure') return false;
    if (status.state === 'success') return true;
  }
  return false;
}

/**
 * The previous known-good version: the newest deployment of `environment` whose sha differs from
 * `currentSha` that has a `success` status and no later `failure` (a release the gate promoted and that was
 * not rolled back since). With `skipRunning`, the newest known-good release is the one running now (a
 * manual rollback or a drill): the answer is the known-good release before it, with `running` naming it.
 * Looks at most `limit` deployments.
 */
export async function resolveKnownGood(
  client: GitHubClient,
  repo: Repo,
  options: { environment: string; currentSha: string | null; skipRunning?: boolean; limit?: number },
): Promise<(KnownGood & { running?: KnownGood }) | undefined> {
  const deployments = await listDeployments(client, repo, {
    environment: options.environment,
    limit: options.limit ?? 30,
  });
  let running: KnownGood | undefined;
  for (const deployment of deployments) {
    if (options.currentSha && !options.skipRunning && deployment.sha === options.currentSha) continue;
    if (running && deployment.sha === running.sha) continue;
    const statuses = await listDeploymentStatuses(client, repo, deployment.id, 100);
    if (!isKnownGood(statuses)) continue;
    const good: KnownGood = {
      sha: deployment.sha,
      ref: deployment.ref,
      deploymentId: deployment.id,
      createdAt: deployment.createdAt,
      ...(deployment.version !== undefined ? { version: deployment.version } : {}),
    };
    if (options.skipRunning && !running) {
      running = good;
      continue;
    }
    return running ? { ...good, running } : good;
  }
  return undefined;
}

/**
 * The newest deployment of `environment` that `ref` names: its sha (or a 7+ character prefix), its ref or
 * its recorded version. For an explicit rollback-ref, to learn the version that deployment recorded.
 */
export async function findDeploymentByRef(
  client: GitHubClient,
  repo: Repo,
  options: { environment: string; ref: string; limit?: number },
): Promise<DeploymentSummary | undefined> {
  const deployments = await listDeployments(client, repo, {
    environment: options.environment,
    limit: options.limit ?? 30,
  });
  const ref = options.ref;
  const shaPrefix = /^[0-9a-f]{7,40}$/i.test(ref) ? ref.toLowerCase() : undefined;
  return deployments.find(
    (d) =>
      d.ref === ref ||
      d.version === ref ||
      (shaPrefix !== undefined && d.sha.toLowerCase().startsWith(shaPrefix)),
  );
}

/**
 * The rollback target: the given `rollbackRef` (and the version of the newest deployment it names, when
 * one does), else the known-good deployment of the environment. `rollbackRef: null` when none is known.
 */
export async function resolveRollbackTarget(
  client: GitHubClient,
  repo: Repo,
  options: {
    environment: string;
    currentSha: string | null;
    rollbackRef?: string;
    /** `this-release`: the release in `currentSha` is rolled back; `running-release`: whatever runs now. */
    rollbackOf?: RollbackOf;
  },
): Promise<RollbackTarget> {
  if (options.rollbackRef) {
    const match = await findDeploymentByRef(client, repo, {
      environment: options.environment,
      ref: options.rollbackRef,
    });
    return {
      rollbackRef: options.rollbackRef,
      rollbackVersion: match?.version ?? null,
      deploymentId: match?.id ?? null,
      source: match ? `input rollback-ref, deployment ${match.id}` : 'input rollback-ref',
    };
  }
  const good = await resolveKnownGood(client, repo, {
    environment: options.environment,
    currentSha: options.currentSha,
    skipRunning: options.rollbackOf === 'running-release',
  });
  if (!good) return { rollbackRef: null, rollbackVersion: null, deploymentId: null, source: '' };
  return {
    rollbackRef: good.sha,
    rollbackVersion: good.version ?? null,
    deploymentId: good.deploymentId,
    source: good.running
      ? `the promoted release before the running one (deployment ${good.deploymentId}; running: ${good.running.deploymentId}, ${good.running.sha.slice(0, 12)})`
      : `last successful deployment ${good.deploymentId} of ${options.environment} (${good.createdAt})`,
    ...(good.running ? { runningDeploymentId: good.running.deploymentId } : {}),
  };
}

/**
 * Marks the rolled-back release's deployment `failure`, so it never counts as known-good again. Never
 * throws: the rollback was already sent; the caller warns with the error.
 */
export async function markRolledBack(
  client: GitHubClient,
  repo: Repo,
  options: { deploymentId: number; runUrl: string | null },
): Promise<{ recorded: true } | { recorded: false; error: string }> {
  try {
    await setDeploymentStatus(client, repo, {
      deploymentId: options.deploymentId,
      state: 'failure',
      description: `rolled back by ${options.runUrl ?? 'the release gate'}`,
      logUrl: options.runUrl ?? undefined,
    });
    return { recorded: true };
  } catch (error) {
    return { recorded: false, error: errorMessage(error) };
  }
}

/** `payload.version` of a deployment; GitHub may answer the payload as an object or as JSON text. */
function payloadVersion(payload: unknown): string | undefined {
  let value = payload;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const version = (value as Record<string, unknown>).version;
    if (typeof version === 'string' && version !== '') return version;
  }
  return undefined;
}

function summarize(data: {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  created_at: string;
  payload?: unknown;
}): DeploymentSummary {
  const version = payloadVersion(data.payload);
  return {
    id: data.id,
    sha: data.sha,
    ref: data.ref,
    environment: data.environment,
    createdAt: data.created_at,
    ...(version !== undefined ? { version } : {}),
  };
}
