import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Context, OpenAPIBackend, type Request as OpenApiRequest } from 'openapi-backend';
import type { ArtifactRecord, JobRun } from './artifact-server.js';
import spec from './github-api.spec.json' with { type: 'json' };

/**
 * A local GitHub REST API for the Deployments endpoints the project calls (create/list/get deployment,
 * create/list deployment statuses), answering with GitHub's documented shapes. Every request is validated
 * against GitHub's own OpenAPI description (an extract of @octokit/openapi, see extract-github-spec.mjs);
 * a request that does not match is answered 422 and recorded in `invalidRequests`, and every answer is
 * checked against the response schema (`invalidResponses`), so tests can assert both lists stay empty.
 *
 * Artifacts: the endpoints @actions/artifact calls with `findBy` (list a run's artifacts, download by id,
 * answered 302 to the artifact server's blob URL) and the repository artifact list and get, all answered
 * from an artifact server (`startGithubApi({ artifacts })` or `useArtifacts(server)`). The runs that
 * server registered through `jobEnv(...)` answer `GET /repos/{owner}/{repo}/actions/runs/{run_id}` (event,
 * head branch and sha, workflow path, head repository: a fork when `headRepository` said so), and
 * `GET /repos/{owner}/{repo}` answers the repository with `default_branch` (`main` unless
 * `startGithubApi({ defaultBranch })` or `setDefaultBranch` says otherwise).
 *
 * Tokens: `token` has every permission; `issueToken(permissions, label)` returns a job token (`ghs_...`)
 * limited to those permissions, like a workflow's GITHUB_TOKEN. Each operation needs one scope
 * (OPERATION_SCOPES); a token without it is answered 403 "Resource not accessible by integration", as
 * GitHub does, and the request is recorded in `forbiddenRequests`. Each RecordedRequest names the token's
 * label. Deployments GitHub creates itself for jobs with `environment:` (not through REST) are made with
 * `createEnvironmentDeployment` and `addDeploymentStatus`.
 *
 * Tests import it through `github-api-loader.ts` (`startGithubApi`): openapi-backend is CommonJS that
 * requires an ESM-only package, which jest's module runtime cannot load on Node 20, so the loader bundles
 * this file with esbuild first.
 */

export interface ApiDeployment {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  task: string;
  description: string | null;
  payload: Record<string, unknown> | string;
  transient_environment: boolean;
  production_environment: boolean;
  created_at: string;
  statuses: ApiStatus[];
  /** The user shown as creator (default: github-actions[bot]). */
  creator?: Record<string, unknown>;
}

export interface ApiStatus {
  id: number;
  state: string;
  description: string;
  log_url: string;
  environment_url: string;
  environment: string;
  created_at: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  operationId?: string;
  /** The label of the token that made it ('default' for `token`; undefined when the token was unknown). */
  tokenLabel?: string;
}

export type PermissionLevel = 'read' | 'write' | 'none';
export type Permissions = Record<string, PermissionLevel>;

/** The permission (scope and level) each operation needs, as GitHub's "Permissions required" tables say. */
export const OPERATION_SCOPES: Record<string, { scope: string; level: 'read' | 'write' }> = {
  'repos/list-deployments': { scope: 'deployments', level: 'read' },
  'repos/get-deployment': { scope: 'deployments', level: 'read' },
  'repos/list-deployment-statuses': { scope: 'deployments', level: 'read' },
  'repos/create-deployment': { scope: 'deployments', level: 'write' },
  'repos/create-deployment-status': { scope: 'deployments', level: 'write' },
  'actions/list-workflow-run-artifacts': { scope: 'actions', level: 'read' },
  'actions/list-artifacts-for-repo': { scope: 'actions', level: 'read' },
  'actions/get-artifact': { scope: 'actions', level: 'read' },
  'actions/download-artifact': { scope: 'actions', level: 'read' },
  'actions/get-workflow-run': { scope: 'actions', level: 'read' },
  // Repository metadata: every token GitHub issues can read it.
  'repos/get': { scope: 'metadata', level: 'read' },
};

/** Scopes every job token has whatever its `permissions:` say (GitHub always grants metadata: read). */
const ALWAYS_GRANTED = new Set(['metadata']);

/** A request refused 403 because its token lacked the operation's permission. */
export interface ForbiddenRequest {
  method: string;
  path: string;
  operationId: string;
  tokenLabel: string;
  /** e.g. `actions: read` */
  required: string;
}

/** An artifact as the artifact server reports it (a type-only import: this file is bundled on its own). */
export type ArtifactSourceRecord = ArtifactRecord;

/** A workflow run as the artifact server registered it (`jobEnv`). */
export type ArtifactSourceRun = JobRun;

/** Where artifacts come from: artifact-server.ts's server satisfies it. */
export interface ArtifactSource {
  listArtifacts(): ArtifactSourceRecord[];
  downloadUrl(artifactId: number): string | undefined;
  /** The runs that uploaded (or may upload) artifacts, for `actions/get-workflow-run`. */
  runs?(): ArtifactSourceRun[];
}

/** A canned failure for the next matching request(s): rate limits, server errors. */
export interface Fault {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Only requests with this method (default: any). */
  method?: string;
}

export interface GithubApiServer {
  url: string;
  token: string;
  deployments: ApiDeployment[];
  requests: RecordedRequest[];
  invalidRequests: string[];
  invalidResponses: string[];
  /** Requests answered 403 because their token lacked the operation's permission. */
  forbiddenRequests: ForbiddenRequest[];
  /**
   * A new token (`ghs_` + 36 characters) with only these permissions (missing scopes are `none`; `write`
   * implies `read`), like a job's GITHUB_TOKEN. `label` (default `token-<n>`) is recorded on its requests.
   */
  issueToken(permissions: Permissions, label?: string): string;
  /** Serve the artifacts endpoints from this artifact server. */
  useArtifacts(source: ArtifactSource): void;
  /** The `default_branch` `repos/get` answers (default `main`). */
  setDefaultBranch(branch: string): void;
  /**
   * A deployment as GitHub creates it for a job with `environment:` (task deploy, no statuses yet);
   * returns its id. `logUrl` becomes the default log_url of its statuses; `creator` is the actor's login.
   */
  createEnvironmentDeployment(deployment: {
    sha: string;
    ref: string;
    environment: string;
    logUrl: string;
    creator?: string;
  }): number;
  /** A status on a deployment (GitHub's own, for environment jobs), with auto_inactive; returns its id. */
  addDeploymentStatus(
    deploymentId: number,
    state: string,
    fields?: { description?: string; logUrl?: string; environmentUrl?: string },
  ): number;
  /** Answers the next request(s) with this fault instead of handling them. */
  failNext(fault: Fault, times?: number): void;
  /** A past deployment with its statuses (oldest first); returns its id. */
  seed(deployment: {
    sha: string;
    ref?: string;
    environment: string;
    states: string[];
    logUrl?: string;
    payload?: Record<string, unknown> | string;
  }): number;
  close(): Promise<void>;
}

const USER = {
  login: 'github-actions[bot]',
  id: 41898282,
  node_id: 'MDM6Qm90NDE4OTgyODI=',
  avatar_url: 'https://avatars.githubusercontent.com/in/15368?v=4',
  gravatar_id: '',
  url: 'https://api.github.com/users/github-actions%5Bbot%5D',
  html_url: 'https://github.com/apps/github-actions',
  followers_url: 'https://api.github.com/users/github-actions%5Bbot%5D/followers',
  following_url: 'https://api.github.com/users/github-actions%5Bbot%5D/following{/other_user}',
  gists_url: 'https://api.github.com/users/github-actions%5Bbot%5D/gists{/gist_id}',
  starred_url: 'https://api.github.com/users/github-actions%5Bbot%5D/starred{/owner}{/repo}',
  subscriptions_url: 'https://api.github.com/users/github-actions%5Bbot%5D/subscriptions',
  organizations_url: 'https://api.github.com/users/github-actions%5Bbot%5D/orgs',
  repos_url: 'https://api.github.com/users/github-actions%5Bbot%5D/repos',
  events_url: 'https://api.github.com/users/github-actions%5Bbot%5D/events{/privacy}',
  received_events_url: 'https://api.github.com/users/github-actions%5Bbot%5D/received_events',
  type: 'Bot',
  site_admin: false,
};

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function newToken(): string {
  return `ghs_${[...randomBytes(36)].map((b) => TOKEN_ALPHABET[b % TOKEN_ALPHABET.length]).join('')}`;
}

function userFor(login: string): Record<string, unknown> {
  let id = 0;
  for (const c of login) id = (id * 31 + c.charCodeAt(0)) % 90_000_000;
  const api = `https://api.github.com/users/${encodeURIComponent(login)}`;
  return {
    ...USER,
    login,
    id: 10_000_000 + id,
    node_id: `MDQ6VXNlcj${10_000_000 + id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${10_000_000 + id}?v=4`,
    url: api,
    html_url: `https://github.com/${encodeURIComponent(login)}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: 'User',
  };
}

export async function startGithubApi(
  options: { token?: string; artifacts?: ArtifactSource; defaultBranch?: string } = {},
): Promise<GithubApiServer> {
  let defaultBranch = options.defaultBranch ?? 'main';
  const token = options.token ?? 'ghs_testtoken0000000000000000000000000000';
  /** Tokens by value: the default one has every permission (`all`). */
  const tokens = new Map<string, { label: string; permissions: Permissions | 'all' }>([
    [token, { label: 'default', permissions: 'all' }],
  ]);
  const forbiddenRequests: ForbiddenRequest[] = [];
  let artifactSource = options.artifacts;
  /** Default log_url for statuses of GitHub-created environment deployments. */
  const environmentLogUrls = new Map<number, string>();
  const deployments: ApiDeployment[] = [];
  const requests: RecordedRequest[] = [];
  const invalidRequests: string[] = [];
  const invalidResponses: string[] = [];
  const faults: Fault[] = [];
  let nextId = 1000;
  let clock = Date.parse('2026-01-01T00:00:00Z');
  const stamp = () => {
    clock += 1000;
    return new Date(clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
  };
  let base = '';

  const repoUrl = (owner: string, repo: string) => `${base}/repos/${owner}/${repo}`;
  const renderDeployment = (d: ApiDeployment, owner: string, repo: string) => ({
    url: `${repoUrl(owner, repo)}/deployments/${d.id}`,
    id: d.id,
    node_id: `DE_${d.id}`,
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    original_environment: d.environment,
    environment: d.environment,
    description: d.description,
    creator: d.creator ?? USER,
    created_at: d.created_at,
    updated_at: d.statuses.at(-1)?.created_at ?? d.created_at,
    statuses_url: `${repoUrl(owner, repo)}/deployments/${d.id}/statuses`,
    repository_url: repoUrl(owner, repo),
    transient_environment: d.transient_environment,
    production_environment: d.production_environment,
  });
  const renderStatus = (s: ApiStatus, d: ApiDeployment, owner: string, repo: string) => ({
    url: `${repoUrl(owner, repo)}/deployments/${d.id}/statuses/${s.id}`,
    id: s.id,
    node_id: `DES_${s.id}`,
    state: s.state,
    creator: USER,
    description: s.description,
    environment: s.environment,
    target_url: s.log_url,
    ...(s.log_url ? { log_url: s.log_url } : {}),
    ...(s.environment_url ? { environment_url: s.environment_url } : {}),
    created_at: s.created_at,
    updated_at: s.created_at,
    deployment_url: `${repoUrl(owner, repo)}/deployments/${d.id}`,
    repository_url: repoUrl(owner, repo),
  });
  const addStatus = (d: ApiDeployment, state: string, fields: Partial<ApiStatus> = {}): ApiStatus => {
    const status: ApiStatus = {
      id: nextId++,
      state,
      description: fields.description ?? '',
      log_url: fields.log_url ?? '',
      environment_url: fields.environment_url ?? '',
      environment: d.environment,
      created_at: stamp(),
    };
    d.statuses.push(status);
    // GitHub's auto_inactive: a new success makes earlier successful deployments of the environment inactive.
    if (state === 'success' && !d.transient_environment) {
      for (const other of deployments) {
        if (
          other !== d &&
          other.environment === d.environment &&
          other.statuses.at(-1)?.state === 'success'
        ) {
          other.statuses.push({ ...status, id: nextId++, state: 'inactive', created_at: stamp() });
        }
      }
    }
    return status;
  };
  const findDeployment = (id: number) => deployments.find((d) => d.id === id);

  const sameRepo = (a: ArtifactSourceRecord, owner: string, repo: string) =>
    a.repository.toLowerCase() === `${owner}/${repo}`.toLowerCase();
  const renderArtifact = (a: ArtifactSourceRecord, owner: string, repo: string) => ({
    id: a.id,
    node_id: `MDg6QXJ0aWZhY3Q${a.id}`,
    name: a.name,
    size_in_bytes: a.size,
    url: `${repoUrl(owner, repo)}/actions/artifacts/${a.id}`,
    archive_download_url: `${repoUrl(owner, repo)}/actions/artifacts/${a.id}/zip`,
    expired: a.expired,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    expires_at: a.expiresAt,
    digest: a.digest,
    workflow_run: {
      id: a.runId,
      repository_id: a.repositoryId,
      head_repository_id: a.headRepositoryId,
      head_branch: a.headBranch,
      head_sha: a.headSha,
    },
  });
  /** A page of artifacts, newest first unless `direction=asc`, as `{ total_count, artifacts }`. */
  const artifactPage = (c: Context, keep: (a: ArtifactSourceRecord) => boolean) => {
    const q = c.request.query as Record<string, string>;
    const { owner, repo } = c.request.params as Record<string, string>;
    const perPage = Number(q.per_page ?? 30);
    const page = Number(q.page ?? 1);
    const matching = (artifactSource?.listArtifacts() ?? []).filter(
      (a) => sameRepo(a, owner!, repo!) && (!q.name || a.name === q.name) && keep(a),
    );
    if (q.direction !== 'asc') matching.reverse();
    return {
      status: 200,
      body: {
        total_count: matching.length,
        artifacts: matching
          .slice((page - 1) * perPage, page * perPage)
          .map((a) => renderArtifact(a, owner!, repo!)),
      },
    };
  };
  const findArtifact = (c: Context) => {
    const { owner, repo, artifact_id } = c.request.params as Record<string, string>;
    return artifactSource
      ?.listArtifacts()
      .find((a) => a.id === Number(artifact_id) && sameRepo(a, owner!, repo!));
  };

  /** The URL fields every repository object carries (minimal-repository). */
  const repositoryObject = (fullName: string, id: number) => {
    const [owner = '', name = ''] = fullName.split('/');
    const api = `${base}/repos/${fullName}`;
    return {
      id,
      node_id: `R_${id}`,
      name,
      full_name: fullName,
      owner: userFor(owner),
      private: false,
      html_url: `https://github.com/${fullName}`,
      description: null,
      fork: false,
      url: api,
      archive_url: `${api}/{archive_format}{/ref}`,
      assignees_url: `${api}/assignees{/user}`,
      blobs_url: `${api}/git/blobs{/sha}`,
      branches_url: `${api}/branches{/branch}`,
      collaborators_url: `${api}/collaborators{/collaborator}`,
      comments_url: `${api}/comments{/number}`,
      commits_url: `${api}/commits{/sha}`,
      compare_url: `${api}/compare/{base}...{head}`,
      contents_url: `${api}/contents/{+path}`,
      contributors_url: `${api}/contributors`,
      deployments_url: `${api}/deployments`,
      downloads_url: `${api}/downloads`,
      events_url: `${api}/events`,
      forks_url: `${api}/forks`,
      git_commits_url: `${api}/git/commits{/sha}`,
      git_refs_url: `${api}/git/refs{/sha}`,
      git_tags_url: `${api}/git/tags{/sha}`,
      hooks_url: `${api}/hooks`,
      issue_comment_url: `${api}/issues/comments{/number}`,
      issue_events_url: `${api}/issues/events{/number}`,
      issues_url: `${api}/issues{/number}`,
      keys_url: `${api}/keys{/key_id}`,
      labels_url: `${api}/labels{/name}`,
      languages_url: `${api}/languages`,
      merges_url: `${api}/merges`,
      milestones_url: `${api}/milestones{/number}`,
      notifications_url: `${api}/notifications{?since,all,participating}`,
      pulls_url: `${api}/pulls{/number}`,
      releases_url: `${api}/releases{/id}`,
      stargazers_url: `${api}/stargazers`,
      statuses_url: `${api}/statuses/{sha}`,
      subscribers_url: `${api}/subscribers`,
      subscription_url: `${api}/subscription`,
      tags_url: `${api}/tags`,
      teams_url: `${api}/teams`,
      trees_url: `${api}/git/trees{/sha}`,
    };
  };
  const repositoryIdFor = (fullName: string) => {
    for (const run of artifactSource?.runs?.() ?? []) {
      if (run.repository.toLowerCase() === fullName.toLowerCase()) return run.repositoryId;
      if (run.headRepository.toLowerCase() === fullName.toLowerCase()) return run.headRepositoryId;
    }
    let id = 0;
    for (const c of fullName) id = (id * 31 + c.charCodeAt(0)) % 900_000_000;
    return 100_000_000 + id;
  };
  const renderRun = (run: ArtifactSourceRun, owner: string, repo: string) => {
    const api = `${repoUrl(owner, repo)}/actions/runs/${run.runId}`;
    const created = new Date(clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const workflowId = repositoryIdFor(run.workflowPath) % 100_000_000;
    const fork = run.headRepository.toLowerCase() !== run.repository.toLowerCase();
    return {
      id: run.runId,
      name:
        run.workflowPath
          .split('/')
          .pop()
          ?.replace(/\.ya?ml$/, '') ?? 'workflow',
      node_id: `WFR_${run.runId}`,
      head_branch: run.headBranch,
      head_sha: run.headSha,
      path: run.workflowPath,
      display_title: `${run.event} on ${run.headBranch}`,
      run_number: run.runId,
      run_attempt: run.runAttempt,
      event: run.event,
      status: 'completed',
      conclusion: 'success',
      workflow_id: workflowId,
      url: api,
      html_url: `https://github.com/${owner}/${repo}/actions/runs/${run.runId}`,
      pull_requests: [],
      created_at: created,
      updated_at: created,
      run_started_at: created,
      actor: USER,
      triggering_actor: USER,
      jobs_url: `${api}/jobs`,
      logs_url: `${api}/logs`,
      check_suite_url: `${repoUrl(owner, repo)}/check-suites/${run.runId}`,
      artifacts_url: `${api}/artifacts`,
      cancel_url: `${api}/cancel`,
      rerun_url: `${api}/rerun`,
      workflow_url: `${repoUrl(owner, repo)}/actions/workflows/${workflowId}`,
      head_commit: {
        id: run.headSha,
        tree_id: run.headSha,
        message: `commit ${run.headSha.slice(0, 7)}`,
        timestamp: created,
        author: { name: 'Octo Cat', email: 'octocat@example.com' },
        committer: { name: 'Octo Cat', email: 'octocat@example.com' },
      },
      repository: repositoryObject(run.repository, run.repositoryId),
      head_repository: { ...repositoryObject(run.headRepository, run.headRepositoryId), fork },
    };
  };

  type Reply = { status: number; body: unknown; headers?: Record<string, string> };
  const notFound: Reply = {
    status: 404,
    body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' },
  };

  const api = new OpenAPIBackend({
    definition: spec as never,
    quick: false,
    validate: true,
    strict: false,
    // GitHub's description uses these formats; check them instead of letting ajv warn and ignore them.
    customizeAjv: (ajv) => {
      // GitHub answers an unset target_url as "" although the schema says uri.
      ajv.addFormat('uri', /^(?:[a-z][a-z0-9+.-]*:\S*)?$/i);
      ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
      ajv.addFormat('email', /^\S+@\S+$/);
      return ajv;
    },
  });
  api.register({
    'repos/create-deployment': (c: Context): Reply => {
      const body = c.request.requestBody as Record<string, unknown>;
      const d: ApiDeployment = {
        id: nextId++,
        sha: /^[0-9a-f]{40}$/.test(String(body.ref)) ? String(body.ref) : 'f'.repeat(40),
        ref: String(body.ref),
        environment: String(body.environment ?? 'production'),
        task: String(body.task ?? 'deploy'),
        description: (body.description as string | null | undefined) ?? '',
        payload: (body.payload as Record<string, unknown>) ?? {},
        transient_environment: Boolean(body.transient_environment),
        production_environment:
          body.production_environment === undefined
            ? body.environment === 'production'
            : Boolean(body.production_environment),
        created_at: stamp(),
        statuses: [],
      };
      deployments.push(d);
      return {
        status: 201,
        body: renderDeployment(d, c.request.params.owner as string, c.request.params.repo as string),
      };
    },
    'repos/list-deployments': (c: Context): Reply => {
      const q = c.request.query as Record<string, string>;
      const perPage = Number(q.per_page ?? 30);
      const page = Number(q.page ?? 1);
      const matching = deployments
        .filter(
          (d) =>
            (!q.environment || d.environment === q.environment) &&
            (!q.sha || d.sha === q.sha) &&
            (!q.ref || d.ref === q.ref),
        )
        .reverse(); // newest first, as GitHub lists them
      const slice = matching.slice((page - 1) * perPage, page * perPage);
      const { owner, repo } = c.request.params as Record<string, string>;
      return { status: 200, body: slice.map((d) => renderDeployment(d, owner!, repo!)) };
    },
    'repos/get-deployment': (c: Context): Reply => {
      const d = findDeployment(Number(c.request.params.deployment_id));
      if (!d) return notFound;
      return {
        status: 200,
        body: renderDeployment(d, c.request.params.owner as string, c.request.params.repo as string),
      };
    },
    'repos/create-deployment-status': (c: Context): Reply => {
      const d = findDeployment(Number(c.request.params.deployment_id));
      if (!d) return notFound;
      const body = c.request.requestBody as Record<string, string>;
      const status = addStatus(d, body.state!, {
        description: body.description,
        log_url: body.log_url ?? body.target_url,
        environment_url: body.environment_url,
      });
      return {
        status: 201,
        body: renderStatus(status, d, c.request.params.owner as string, c.request.params.repo as string),
      };
    },
    'repos/list-deployment-statuses': (c: Context): Reply => {
      const d = findDeployment(Number(c.request.params.deployment_id));
      if (!d) return notFound;
      const q = c.request.query as Record<string, string>;
      const perPage = Number(q.per_page ?? 30);
      const page = Number(q.page ?? 1);
      const newestFirst = [...d.statuses].reverse().slice((page - 1) * perPage, page * perPage);
      const { owner, repo } = c.request.params as Record<string, string>;
      return { status: 200, body: newestFirst.map((s) => renderStatus(s, d, owner!, repo!)) };
    },
    'actions/list-workflow-run-artifacts': (c: Context): Reply =>
      artifactPage(c, (a) => a.runId === Number(c.request.params.run_id)),
    'actions/list-artifacts-for-repo': (c: Context): Reply => artifactPage(c, () => true),
    'actions/get-workflow-run': (c: Context): Reply => {
      const { owner, repo, run_id } = c.request.params as Record<string, string>;
      const run = artifactSource
        ?.runs?.()
        .find(
          (r) =>
            r.runId === Number(run_id) && r.repository.toLowerCase() === `${owner}/${repo}`.toLowerCase(),
        );
      if (!run) return notFound;
      return { status: 200, body: renderRun(run, owner!, repo!) };
    },
    'repos/get': (c: Context): Reply => {
      const { owner, repo } = c.request.params as Record<string, string>;
      const fullName = `${owner}/${repo}`;
      const now = new Date(clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
      return {
        status: 200,
        body: {
          ...repositoryObject(fullName, repositoryIdFor(fullName)),
          clone_url: `https://github.com/${fullName}.git`,
          git_url: `git://github.com/${fullName}.git`,
          ssh_url: `git@github.com:${fullName}.git`,
          svn_url: `https://github.com/${fullName}`,
          mirror_url: null,
          homepage: null,
          language: 'TypeScript',
          forks: 0,
          forks_count: 0,
          stargazers_count: 0,
          watchers: 0,
          watchers_count: 0,
          size: 1024,
          default_branch: defaultBranch,
          open_issues: 0,
          open_issues_count: 0,
          has_issues: true,
          has_projects: true,
          has_wiki: true,
          has_pages: false,
          has_discussions: false,
          archived: false,
          disabled: false,
          license: null,
          pushed_at: now,
          created_at: '2025-01-01T00:00:00Z',
          updated_at: now,
          network_count: 0,
          subscribers_count: 0,
          visibility: 'public',
        },
      };
    },
    'actions/get-artifact': (c: Context): Reply => {
      const a = findArtifact(c);
      if (!a) return notFound;
      const { owner, repo } = c.request.params as Record<string, string>;
      return { status: 200, body: renderArtifact(a, owner!, repo!) };
    },
    'actions/download-artifact': (c: Context): Reply => {
      const a = findArtifact(c);
      if (!a || c.request.params.archive_format !== 'zip') return notFound;
      const location = a.expired ? undefined : artifactSource?.downloadUrl(a.id);
      if (!location) {
        return {
          status: 410,
          body: {
            message: 'Artifact has expired',
            documentation_url: 'https://docs.github.com/rest/actions/artifacts#download-an-artifact',
            status: '410',
          },
        };
      }
      return { status: 302, body: undefined, headers: { location } };
    },
    validationFail: (c: Context): Reply => {
      invalidRequests.push(
        `${c.request.method.toUpperCase()} ${c.request.path}: ${JSON.stringify(c.validation.errors)}`,
      );
      return {
        status: 422,
        body: {
          message: 'Invalid request.',
          errors: c.validation.errors,
          documentation_url: 'https://docs.github.com/rest',
          status: '422',
        },
      };
    },
    notFound: (c: Context): Reply => {
      invalidRequests.push(`${c.request.method.toUpperCase()} ${c.request.path}: no such operation`);
      return notFound;
    },
  });
  await api.init();

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: String(error) }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://api');
    const query = Object.fromEntries(url.searchParams);
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query,
      body,
      headers: req.headers,
    };
    requests.push(recorded);
    const send = (reply: Reply) => {
      res.writeHead(reply.status, {
        ...(reply.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
        'x-github-api-version-selected': '2022-11-28',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4999',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
        ...reply.headers,
      });
      res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
    };
    const presented = req.headers.authorization?.match(/^(?:token|bearer)\s+(\S+)$/i)?.[1];
    const caller = presented === undefined ? undefined : tokens.get(presented);
    recorded.tokenLabel = caller?.label;
    if (!caller) {
      return send({
        status: 401,
        body: {
          message: 'Bad credentials',
          documentation_url: 'https://docs.github.com/rest',
          status: '401',
        },
      });
    }
    const operation = api.matchOperation({ method: req.method ?? 'GET', path: url.pathname, headers: {} });
    const needed: (typeof OPERATION_SCOPES)[string] | undefined = operation
      ? OPERATION_SCOPES[(operation as { operationId?: string }).operationId ?? '']
      : undefined;
    if (operation && needed && caller.permissions !== 'all') {
      const has = ALWAYS_GRANTED.has(needed.scope) ? 'read' : (caller.permissions[needed.scope] ?? 'none');
      if (has === 'none' || (needed.level === 'write' && has !== 'write')) {
        const operationId = (operation as { operationId?: string }).operationId ?? '';
        recorded.operationId = operationId;
        forbiddenRequests.push({
          method: recorded.method,
          path: recorded.path,
          operationId,
          tokenLabel: caller.label,
          required: `${needed.scope}: ${needed.level}`,
        });
        return send({
          status: 403,
          headers: { 'x-accepted-github-permissions': `${needed.scope}=${needed.level}` },
          body: {
            message: 'Resource not accessible by integration',
            documentation_url:
              (operation as { externalDocs?: { url?: string } }).externalDocs?.url ??
              'https://docs.github.com/rest',
            status: '403',
          },
        });
      }
    }
    const faultIndex = faults.findIndex((f) => !f.method || f.method === req.method);
    if (faultIndex >= 0) {
      const [fault] = faults.splice(faultIndex, 1);
      return send({
        status: fault!.status,
        headers: fault!.headers,
        body: fault!.body ?? { message: 'fault' },
      });
    }
    const reply = (await api.handleRequest({
      method: req.method ?? 'GET',
      path: url.pathname,
      query,
      body,
      headers: req.headers as OpenApiRequest['headers'],
    })) as Reply;
    if (operation) {
      recorded.operationId = (operation as { operationId?: string }).operationId;
      if (reply.status < 400 && reply.body !== undefined) {
        const check = api.validateResponse(reply.body, operation, reply.status);
        if (check.errors?.length) {
          invalidResponses.push(`${recorded.operationId}: ${JSON.stringify(check.errors).slice(0, 500)}`);
        }
      }
    }
    send(reply);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    token,
    deployments,
    requests,
    invalidRequests,
    invalidResponses,
    forbiddenRequests,
    issueToken(permissions, label) {
      const value = newToken();
      tokens.set(value, { label: label ?? `token-${tokens.size}`, permissions: { ...permissions } });
      return value;
    },
    useArtifacts(source) {
      artifactSource = source;
    },
    setDefaultBranch(branch) {
      defaultBranch = branch;
    },
    createEnvironmentDeployment(deployment) {
      const d: ApiDeployment = {
        id: nextId++,
        sha: deployment.sha,
        ref: deployment.ref,
        environment: deployment.environment,
        task: 'deploy',
        description: '',
        payload: {},
        transient_environment: false,
        production_environment: deployment.environment === 'production',
        created_at: stamp(),
        statuses: [],
        ...(deployment.creator ? { creator: userFor(deployment.creator) } : {}),
      };
      deployments.push(d);
      environmentLogUrls.set(d.id, deployment.logUrl);
      return d.id;
    },
    addDeploymentStatus(deploymentId, state, fields = {}) {
      const d = findDeployment(deploymentId);
      if (!d) throw new Error(`no deployment ${deploymentId}`);
      return addStatus(d, state, {
        description: fields.description,
        log_url: fields.logUrl ?? environmentLogUrls.get(deploymentId) ?? '',
        environment_url: fields.environmentUrl,
      }).id;
    },
    failNext(fault, times = 1) {
      for (let i = 0; i < times; i++) faults.push(fault);
    },
    seed(seedOptions) {
      const d: ApiDeployment = {
        id: nextId++,
        sha: seedOptions.sha,
        ref: seedOptions.ref ?? seedOptions.sha,
        environment: seedOptions.environment,
        task: 'deploy',
        description: '',
        payload: seedOptions.payload ?? {},
        transient_environment: false,
        production_environment: seedOptions.environment === 'production',
        created_at: stamp(),
        statuses: [],
      };
      deployments.push(d);
      for (const state of seedOptions.states) addStatus(d, state, { log_url: seedOptions.logUrl ?? '' });
      return d.id;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
