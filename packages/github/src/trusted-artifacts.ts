import { readFile } from 'node:fs/promises';
import { errorMessage } from '@release-actions/core';

/**
 * Trusted artifacts: "the previous release log", "the previous drill log", "the readiness evidence" are
 * the newest artifact of a name that a TRUSTED run uploaded, never simply the newest one of that name
 * (a pull_request run, a fork or any other workflow can upload an artifact with the same name).
 *
 * A run is trusted when all hold: its head repository is this repository (not a fork), its head branch is
 * the default branch, its event is push, schedule or workflow_dispatch, and its workflow file is in the
 * trusted list. The pure parts (`untrustedReasons`, `findTrustedArtifact`) take an injected API; the
 * Octokit-backed API and the `@actions/artifact` download are wired in `downloadTrustedArtifact`.
 */

/** Events that only run code already on a branch of this repository. */
export const TRUSTED_EVENTS = ['push', 'schedule', 'workflow_dispatch'] as const;

/** An artifact as the repository artifact list shows it. */
export interface ArtifactCandidate {
  id: number;
  name: string;
  expired: boolean;
  createdAt: string | null;
  runId: number | null;
}

/** The run fields trust is judged on. */
export interface RunFacts {
  id: number;
  event: string;
  headBranch: string | null;
  /** `head_repository.full_name`; null when GitHub gave none (a deleted fork). */
  headRepository: string | null;
  /** `.github/workflows/release-gate.yml` (sometimes with `@ref`). */
  path: string;
}

export interface TrustPolicy {
  /** `owner/name` of this repository (GITHUB_REPOSITORY). */
  repository: string;
  defaultBranch: string;
  trustedWorkflows: readonly string[];
}

/** The workflow file name of a run's `path` (`.github/workflows/x.yml@refs/heads/main` -> `x.yml`). */
export function workflowFileOf(path: string): string {
  return (path.split('@')[0] ?? '').split('/').pop() ?? '';
}

/** Why a run is not trusted (empty when it is): one short phrase per failed condition. */
export function untrustedReasons(run: RunFacts, policy: TrustPolicy): string[] {
  const reasons: string[] = [];
  if (!(TRUSTED_EVENTS as readonly string[]).includes(run.event)) reasons.push(`event ${run.event}`);
  if (run.headBranch !== policy.defaultBranch) reasons.push(`branch ${run.headBranch ?? '(none)'}`);
  if (run.headRepository?.toLowerCase() !== policy.repository.toLowerCase())
    reasons.push(`head repository ${run.headRepository ?? '(unknown)'} (a fork)`);
  const file = workflowFileOf(run.path);
  if (!policy.trustedWorkflows.includes(file))
    reasons.push(`workflow ${file || run.path || '(unknown)'} is not in trusted-workflows`);
  return reasons;
}

/** What the lookup needs from GitHub; the Octokit implementation is `octokitArtifactApi`. */
export interface ArtifactApi {
  /** Artifacts of this name, newest first (at most `limit`). */
  listArtifacts(name: string, limit: number): Promise<ArtifactCandidate[]>;
  getRun(runId: number): Promise<RunFacts>;
  defaultBranch(): Promise<string>;
}

/** Where skips and problems go: notices for skipped candidates, warnings for failures. */
export interface TrustLogger {
  info(message: string): void;
  notice(message: string): void;
  warning(message: string): void;
}

export type TrustedLookup =
  | { found: true; artifact: ArtifactCandidate; run: RunFacts; skipped: number }
  | { found: false; reason: string; skipped: number; error?: boolean };

/** An API error as a warning that names the permission (403) or what may be missing (404). */
export function describeApiError(error: unknown, what: string): string {
  const status = (error as { status?: number }).status;
  if (status === 403 || status === 401)
    return `${what}: GitHub answered ${status} (${errorMessage(error)}): the token needs the 'actions: read' permission (permissions: { actions: read }) to read artifacts and runs`;
  if (status === 404)
    return `${what}: GitHub answered 404 (${errorMessage(error)}): the repository, artifact or run is not visible to this token (it needs 'actions: read')`;
  return `${what}: ${errorMessage(error)}`;
}

/**
 * The newest unexpired artifact of `name` uploaded by a trusted run. Each skipped candidate is a notice
 * naming why; API errors end the search with `error: true` (the caller warns, never fails the step).
 */
export async function findTrustedArtifact(
  api: ArtifactApi,
  name: string,
  policy: Omit<TrustPolicy, 'defaultBranch'> & { defaultBranch?: string },
  logger: TrustLogger,
  limit = 100,
): Promise<TrustedLookup> {
  let skipped = 0;
  let candidates: ArtifactCandidate[];
  let defaultBranch = policy.defaultBranch;
  try {
    defaultBranch ||= await api.defaultBranch();
    candidates = await api.listArtifacts(name, limit);
  } catch (error) {
    return {
      found: false,
      skipped,
      error: true,
      reason: describeApiError(error, `cannot look up artifact '${name}'`),
    };
  }
  const full: TrustPolicy = { ...policy, defaultBranch };
  const runs = new Map<number, RunFacts>();
  for (const artifact of candidates) {
    if (artifact.name !== name) continue;
    if (artifact.expired) {
      logger.info(`skipped artifact ${artifact.id}: expired`);
      continue;
    }
    if (artifact.runId === null) {
      skipped++;
      logger.notice(`skipped artifact ${artifact.id}: GitHub names no workflow run for it`);
      continue;
    }
    let run = runs.get(artifact.runId);
    if (!run) {
      try {
        run = await api.getRun(artifact.runId);
      } catch (error) {
        return {
          found: false,
          skipped,
          error: true,
          reason: describeApiError(error, `cannot read run ${artifact.runId} of artifact ${artifact.id}`),
        };
      }
      runs.set(artifact.runId, run);
    }
    const reasons = untrustedReasons(run, full);
    if (reasons.length) {
      skipped++;
      logger.notice(`skipped artifact ${artifact.id} from run ${run.id}: ${reasons.join(', ')}`);
      continue;
    }
    return { found: true, artifact, run, skipped };
  }
  return {
    found: false,
    skipped,
    reason: `no trusted artifact '${name}' (${candidates.length} candidate(s), ${skipped} from untrusted runs; trusted: ${TRUSTED_EVENTS.join('/')} runs of ${full.trustedWorkflows.join(', ')} on ${defaultBranch} of ${policy.repository})`,
  };
}

/** The subset of Octokit the API needs (so tests can pass a fake). */
export interface OctokitLike {
  request(route: string, parameters: Record<string, unknown>): Promise<{ data: unknown }>;
}

/** `ArtifactApi` over the REST API. */
export function octokitArtifactApi(client: OctokitLike, repo: { owner: string; repo: string }): ArtifactApi {
  return {
    async listArtifacts(name, limit) {
      const out: ArtifactCandidate[] = [];
      for (let page = 1; out.length < limit && page <= 10; page++) {
        const { data } = await client.request('GET /repos/{owner}/{repo}/actions/artifacts', {
          ...repo,
          name,
          per_page: 100,
          page,
        });
        const artifacts =
          (
            data as {
              artifacts?: Array<{
                id: number;
                name: string;
                expired: boolean;
                created_at?: string | null;
                workflow_run?: { id?: number } | null;
              }>;
            }
          ).artifacts ?? [];
        for (const a of artifacts) {
          out.push({
            id: a.id,
            name: a.name,
            expired: a.expired,
            createdAt: a.created_at ?? null,
            runId: a.workflow_run?.id ?? null,
          });
        }
        if (artifacts.length < 100) break;
      }
      // GitHub lists newest first; sort anyway so "newest" never depends on the order of pages.
      return out
        .sort((a, b) => Date.parse(b.createdAt ?? '') - Date.parse(a.createdAt ?? '') || b.id - a.id)
        .slice(0, limit);
    },
    async getRun(runId) {
      const { data } = await client.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', {
        ...repo,
        run_id: runId,
      });
      const run = data as {
        id: number;
        event: string;
        head_branch: string | null;
        path: string;
        head_repository?: { full_name?: string } | null;
      };
      return {
        id: run.id,
        event: run.event,
        headBranch: run.head_branch,
        headRepository: run.head_repository?.full_name ?? null,
        path: run.path,
      };
    },
    async defaultBranch() {
      const { data } = await client.request('GET /repos/{owner}/{repo}', repo);
      return (data as { default_branch: string }).default_branch;
    },
  };
}

/** `repository.default_branch` from the event payload (GITHUB_EVENT_PATH), when the event carries it. */
export async function defaultBranchFromEvent(
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  if (!env.GITHUB_EVENT_PATH) return undefined;
  try {
    const event = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')) as {
      repository?: { default_branch?: unknown };
    };
    const branch = event.repository?.default_branch;
    return typeof branch === 'string' && branch ? branch : undefined;
  } catch {
    return undefined;
  }
}
