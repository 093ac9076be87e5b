// A local stand-in for GitHub's artifact backend, speaking the protocol @actions/artifact (v2+) uses:
// twirp JSON calls to the results service (CreateArtifact, FinalizeArtifact, ListArtifacts,
// GetSignedArtifactURL, DeleteArtifact), Azure block-blob uploads to the signed URL CreateArtifact returns
// (PUT ?comp=block per block, PUT ?comp=blocklist to commit) and blob downloads (GET of the signed URL
// GetSignedArtifactURL returns, which is also where the REST API's download redirect points).
//
// Each job gets its own runtime environment from `jobEnv({ runId, jobName, repository, ... })`: a runtime
// token whose `scp` claim carries backend ids registered for that run attempt and job, so uploads are
// recorded with that run's metadata and `ListArtifacts` answers with the artifacts of that run (all its
// attempts), as GitHub does. `env` is a ready-made environment for one default job, for tests that only
// upload. Tests inspect what arrived: the zip, its files, and whether the finalize hash matches the bytes.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateRawSync } from 'node:zlib';

const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.ArtifactService/';
const DAY_MS = 86_400_000;

/** One job of one run attempt, as `jobEnv` registered it. */
export interface JobRun {
  runId: number;
  runAttempt: number;
  jobName: string;
  /** `owner/name` */
  repository: string;
  repositoryId: number;
  /** The repository the run's head commit came from: `repository`, or a fork for a pull_request run. */
  headRepository: string;
  headRepositoryId: number;
  headBranch: string;
  headSha: string;
  /** `.github/workflows/<file>.yml` */
  workflowPath: string;
  event: string;
  runBackendId: string;
  jobBackendId: string;
}

export interface JobEnvOptions {
  runId: number;
  runAttempt?: number;
  jobName: string;
  /** `owner/name` */
  repository: string;
  /** Default: a stable number derived from the repository name. */
  repositoryId?: number;
  /** `owner/name` the head commit came from (default: `repository`); a fork for a pull request from one. */
  headRepository?: string;
  headBranch: string;
  headSha: string;
  workflowPath: string;
  event: string;
  /** When given, returned as GITHUB_API_URL (the local GitHub API's `url`). */
  apiUrl?: string;
}

export interface ArtifactUpload {
  name: string;
  workflowRunBackendId: string;
  workflowJobRunBackendId: string;
  /** The run attempt and job that uploaded it. */
  run: JobRun;
  version: number;
  mimeType?: string;
  /** When the artifact expires: the requested `expires_at`, else creation + the retention period. */
  expiresAt: string;
  /** The `expires_at` CreateArtifact asked for (from `retention-days`), if any. */
  requestedExpiresAt?: string;
  createdAt: string;
  /** Set at finalize. */
  updatedAt?: string;
  /** Block ids in the order the block list committed them. */
  blockIds: string[];
  /** The committed blob (the zip), once the block list arrived. */
  blob?: Buffer;
  /** sha256 of the committed blob, computed here. */
  sha256?: string;
  finalized?: { size: number; hash?: string };
  artifactId?: number;
  /** Deleted through DeleteArtifact (upload-artifact's `overwrite: true`). */
  deleted?: boolean;
  /** Files inside the zip (path -> bytes), filled at finalize. */
  files: Map<string, Buffer>;
  /** Every request path the upload saw, for protocol assertions. */
  requests: string[];
  /** The `sig` of the signed upload URL: a secret a test can scan for. */
  signature: string;
  /** The `sig` of the signed download URL. */
  downloadSignature: string;
}

/** A finalized artifact as the REST API reports it (see github-api.ts `ArtifactSource`). */
export interface ArtifactRecord {
  id: number;
  name: string;
  size: number;
  digest: string | null;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  expired: boolean;
  runId: number;
  runAttempt: number;
  repository: string;
  repositoryId: number;
  headRepositoryId: number;
  headBranch: string;
  headSha: string;
}

export interface ArtifactServerOptions {
  runBackendId?: string;
  jobBackendId?: string;
  /** Answer CreateArtifact for these names with 409 already_exists, as GitHub does for a duplicate name. */
  conflictNames?: string[];
  /** The repository's retention period (GITHUB_RETENTION_DAYS, default 90). */
  retentionDays?: number;
}

export interface ArtifactServer {
  /**
   * Environment for one default job (run 1 of octo-org/octo-repo), for tests that only upload
   * (GITHUB_SERVER_URL removed: the library refuses GHES).
   */
  env: Record<string, string | undefined>;
  /**
   * Environment for one job of a run: ACTIONS_RUNTIME_TOKEN (with backend ids for this run attempt and
   * job), ACTIONS_RESULTS_URL, GITHUB_SERVER_URL=https://github.com, GITHUB_RETENTION_DAYS, and the run's
   * context variables (GITHUB_REPOSITORY, GITHUB_REPOSITORY_OWNER, GITHUB_REPOSITORY_ID, GITHUB_RUN_ID,
   * GITHUB_RUN_ATTEMPT, GITHUB_JOB, GITHUB_SHA, GITHUB_REF, GITHUB_REF_NAME, GITHUB_EVENT_NAME,
   * GITHUB_WORKFLOW_REF; GITHUB_API_URL when `apiUrl` is given). The same run, attempt and job name give
   * the same backend ids.
   */
  jobEnv(job: JobEnvOptions): Record<string, string>;
  /** Every upload, in order (including unfinished and deleted ones). */
  uploads: ArtifactUpload[];
  /** Every run `jobEnv` registered (one entry per repository and run id: its newest attempt), oldest first. */
  runs(): JobRun[];
  /** Finalized, not deleted artifacts, oldest first, as the REST API reports them. */
  listArtifacts(): ArtifactRecord[];
  /** A signed blob URL serving the artifact's zip (undefined when unknown, deleted or expired). */
  downloadUrl(artifactId: number): string | undefined;
  /** Makes the artifact expired now (as if its retention period had passed). */
  expire(artifactId: number): void;
  url: string;
  close: () => Promise<void>;
}

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** A JWT the library can decode: only the `scp` claim is read, the signature is never checked. */
export function runtimeToken(runBackendId: string, jobBackendId: string): string {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(
    JSON.stringify({
      scp: `Actions.ExampleScope Actions.Results:${runBackendId}:${jobBackendId}`,
      exp: 4102444800,
    }),
  );
  return `${header}.${payload}.${b64url(randomBytes(16))}`;
}

/** The entries of a zip archive (stored or deflated), read through its central directory. */
export function unzip(zip: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive (no end of central directory)');
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    const localName = zip.readUInt16LE(localOffset + 26);
    const localExtra = zip.readUInt16LE(localOffset + 28);
    const start = localOffset + 30 + localName + localExtra;
    const data = zip.subarray(start, start + compressedSize);
    if (!name.endsWith('/')) files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function twirpError(response: ServerResponse, status: number, code: string, msg: string): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ code, msg }));
}

function twirpOk(response: ServerResponse, body: unknown): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** A UUID-shaped id derived from its inputs, so the same run/job always gets the same backend id. */
function stableUuid(...parts: (string | number)[]): string {
  const hex = createHash('sha256').update(parts.join('\0')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A stable positive repository id for `owner/name`. */
export function repositoryIdOf(repository: string): number {
  return 100_000_000 + (createHash('sha256').update(repository).digest().readUInt32BE(0) % 900_000_000);
}

/** The `Actions.Results:<run>:<job>` backend ids in a runtime token's `scp` claim. */
function backendIdsOf(authorization: string | undefined): { run: string; job: string } | undefined {
  const jwt = authorization?.replace(/^Bearer\s+/i, '') ?? '';
  try {
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      scp?: string;
    };
    for (const scope of claims.scp?.split(' ') ?? []) {
      const [kind, run, job] = scope.split(':');
      if (kind === 'Actions.Results' && run && job) return { run, job };
    }
  } catch {
    // not a JWT
  }
  return undefined;
}

const iso = (ms: number) => new Date(ms).toISOString();

export async function startArtifactServer(options: ArtifactServerOptions = {}): Promise<ArtifactServer> {
  const retentionDays = options.retentionDays ?? 90;
  const uploads: ArtifactUpload[] = [];
  const blocks = new Map<string, Map<string, Buffer>>();
  /** Registered jobs by job backend id. */
  const jobs = new Map<string, JobRun>();
  let nextId = 4000;
  let origin = '';

  const register = (job: JobEnvOptions, ids?: { run: string; job: string }): JobRun => {
    const runAttempt = job.runAttempt ?? 1;
    const run: JobRun = {
      runId: job.runId,
      runAttempt,
      jobName: job.jobName,
      repository: job.repository,
      repositoryId: job.repositoryId ?? repositoryIdOf(job.repository),
      headRepository: job.headRepository ?? job.repository,
      headRepositoryId:
        !job.headRepository || job.headRepository === job.repository
          ? (job.repositoryId ?? repositoryIdOf(job.repository))
          : repositoryIdOf(job.headRepository),
      headBranch: job.headBranch,
      headSha: job.headSha,
      workflowPath: job.workflowPath,
      event: job.event,
      runBackendId: ids?.run ?? stableUuid('run', job.repository, job.runId, runAttempt),
      jobBackendId: ids?.job ?? stableUuid('job', job.repository, job.runId, runAttempt, job.jobName),
    };
    jobs.set(run.jobBackendId, run);
    return run;
  };
  const defaultJob = register(
    {
      runId: 1,
      jobName: 'build',
      repository: 'octo-org/octo-repo',
      headBranch: 'main',
      headSha: 'a'.repeat(40),
      workflowPath: '.github/workflows/ci.yml',
      event: 'push',
    },
    {
      run: options.runBackendId ?? 'c0ffee00-0000-4000-8000-000000000001',
      job: options.jobBackendId ?? 'c0ffee00-0000-4000-8000-000000000002',
    },
  );

  const isExpired = (u: ArtifactUpload) => Date.parse(u.expiresAt) <= Date.now();
  const live = (u: ArtifactUpload) => u.artifactId !== undefined && !u.deleted;
  const sameRun = (a: JobRun, b: JobRun) => a.repository === b.repository && a.runId === b.runId;
  const blobPath = (u: ArtifactUpload) =>
    `/devstoreaccount1/actions-results/${uploads.indexOf(u) + 1}/${encodeURIComponent(u.name)}.zip`;
  const signedDownloadUrl = (u: ArtifactUpload) => {
    const expiry = iso(Date.now() + 3_600_000).replace(/\.\d{3}Z$/, 'Z');
    return `${origin}${blobPath(u)}?sv=2023-11-03&se=${encodeURIComponent(expiry)}&sr=b&sp=r&sig=${u.downloadSignature}`;
  };
  const monolith = (u: ArtifactUpload) => ({
    workflow_run_backend_id: u.workflowRunBackendId,
    workflow_job_run_backend_id: u.workflowJobRunBackendId,
    database_id: String(u.artifactId),
    name: u.name,
    size: String(u.finalized?.size ?? u.blob?.length ?? 0),
    created_at: u.createdAt,
    ...(u.sha256 ? { digest: `sha256:${u.sha256}` } : {}),
  });

  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', origin);
      const body = await readBody(request);
      if (request.method === 'POST' && url.pathname.startsWith(TWIRP_PREFIX)) {
        const method = url.pathname.slice(TWIRP_PREFIX.length);
        const json = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
        const token = backendIdsOf(request.headers.authorization);
        const caller = token && jobs.get(token.job);
        if (!caller || caller.runBackendId !== token.run) {
          return twirpError(response, 401, 'unauthenticated', 'the runtime token names no known job');
        }
        const name = String(json.name ?? '');
        if (method === 'ListArtifacts') {
          if (
            json.workflow_run_backend_id !== caller.runBackendId ||
            json.workflow_job_run_backend_id !== caller.jobBackendId
          ) {
            return twirpError(
              response,
              400,
              'invalid_argument',
              'backend ids do not match the runtime token',
            );
          }
          const nameFilter = typeof json.name_filter === 'string' ? json.name_filter : undefined;
          const idFilter = json.id_filter === undefined ? undefined : Number(json.id_filter);
          const artifacts = uploads.filter(
            (u) =>
              live(u) &&
              !isExpired(u) &&
              sameRun(u.run, caller) &&
              u.run.runAttempt <= caller.runAttempt &&
              (nameFilter === undefined || u.name === nameFilter) &&
              (idFilter === undefined || u.artifactId === idFilter),
          );
          return twirpOk(response, { artifacts: artifacts.map(monolith) });
        }
        if (method === 'GetSignedArtifactURL' || method === 'DeleteArtifact') {
          const upload = uploads.findLast(
            (u) =>
              live(u) &&
              u.workflowRunBackendId === json.workflow_run_backend_id &&
              u.workflowJobRunBackendId === json.workflow_job_run_backend_id &&
              u.name === name,
          );
          if (
            !upload ||
            !sameRun(upload.run, caller) ||
            (method === 'GetSignedArtifactURL' && isExpired(upload))
          ) {
            return twirpError(response, 404, 'not_found', `no artifact ${name} in this run`);
          }
          if (method === 'DeleteArtifact') {
            upload.deleted = true;
            upload.requests.push(`POST ${method}`);
            return twirpOk(response, { ok: true, artifact_id: String(upload.artifactId) });
          }
          return twirpOk(response, { signed_url: signedDownloadUrl(upload) });
        }
        if (
          json.workflow_run_backend_id !== caller.runBackendId ||
          json.workflow_job_run_backend_id !== caller.jobBackendId
        ) {
          return twirpError(response, 400, 'invalid_argument', 'backend ids do not match the runtime token');
        }
        if (method === 'CreateArtifact') {
          if (
            options.conflictNames?.includes(name) ||
            uploads.some((u) => u.name === name && live(u) && u.workflowRunBackendId === caller.runBackendId)
          ) {
            return twirpError(response, 409, 'already_exists', `an artifact named ${name} already exists`);
          }
          const now = Date.now();
          const requested = typeof json.expires_at === 'string' ? json.expires_at : undefined;
          const upload: ArtifactUpload = {
            name,
            workflowRunBackendId: caller.runBackendId,
            workflowJobRunBackendId: caller.jobBackendId,
            run: caller,
            version: Number(json.version),
            mimeType: typeof json.mime_type === 'string' ? json.mime_type : undefined,
            createdAt: iso(now),
            expiresAt: requested ?? iso(now + retentionDays * DAY_MS),
            requestedExpiresAt: requested,
            blockIds: [],
            files: new Map(),
            requests: [`POST ${method}`],
            signature: randomBytes(12).toString('hex'),
            downloadSignature: randomBytes(12).toString('hex'),
          };
          uploads.push(upload);
          return twirpOk(response, {
            ok: true,
            signed_upload_url: `${origin}${blobPath(upload)}?sv=2023-11-03&sr=b&sp=cw&sig=${upload.signature}`,
          });
        }
        if (method === 'FinalizeArtifact') {
          const upload = uploads.findLast(
            (u) => u.name === name && !u.finalized && u.workflowJobRunBackendId === caller.jobBackendId,
          );
          if (!upload) return twirpError(response, 404, 'not_found', `no artifact ${name} being uploaded`);
          upload.requests.push(`POST ${method}`);
          const hash = typeof json.hash === 'string' ? json.hash : undefined;
          upload.finalized = { size: Number(json.size), hash };
          if (upload.blob && hash && hash !== `sha256:${upload.sha256}`) {
            return twirpError(response, 400, 'invalid_argument', 'hash does not match the uploaded content');
          }
          upload.artifactId = nextId++;
          upload.updatedAt = iso(Date.now());
          if (upload.blob) upload.files = unzip(upload.blob);
          return twirpOk(response, { ok: true, artifact_id: String(upload.artifactId) });
        }
        return twirpError(response, 404, 'bad_route', `no method ${method}`);
      }
      if (url.pathname.startsWith('/devstoreaccount1/')) {
        const index = Number(url.pathname.split('/')[3]) - 1;
        const upload = uploads[index];
        if (request.method === 'GET' || request.method === 'HEAD') {
          if (!upload || url.searchParams.get('sig') !== upload.downloadSignature) {
            response.writeHead(403, { 'x-ms-error-code': 'AuthenticationFailed' });
            return response.end();
          }
          if (!upload.blob || upload.deleted || isExpired(upload)) {
            response.writeHead(404, { 'x-ms-error-code': 'BlobNotFound' });
            return response.end();
          }
          upload.requests.push(`${request.method} blob`);
          response.writeHead(200, {
            'content-type': 'application/zip',
            'content-length': String(upload.blob.length),
            'x-ms-blob-type': 'BlockBlob',
            'x-ms-version': '2023-11-03',
            etag: `"0x${upload.sha256?.slice(0, 16)}"`,
            'last-modified': new Date(upload.updatedAt ?? upload.createdAt).toUTCString(),
          });
          return response.end(request.method === 'GET' ? upload.blob : undefined);
        }
        if (request.method !== 'PUT') {
          response.writeHead(405);
          return response.end();
        }
        if (!upload || url.searchParams.get('sig') !== upload.signature) {
          response.writeHead(403);
          return response.end();
        }
        const comp = url.searchParams.get('comp');
        upload.requests.push(`PUT ${comp ?? 'blob'}`);
        const own = blocks.get(url.pathname) ?? new Map<string, Buffer>();
        blocks.set(url.pathname, own);
        if (comp === 'block') {
          own.set(url.searchParams.get('blockid') ?? '', body);
        } else if (comp === 'blocklist') {
          const ids = [
            ...body.toString('utf8').matchAll(/<(?:Latest|Committed|Uncommitted)>([^<]*)<\//g),
          ].map((m) => m[1]!);
          upload.blockIds = ids;
          const missing = ids.filter((id) => !own.has(id));
          if (missing.length) {
            response.writeHead(400, { 'x-ms-error-code': 'InvalidBlockList' });
            return response.end();
          }
          upload.blob = Buffer.concat(ids.map((id) => own.get(id)!));
          upload.sha256 = createHash('sha256').update(upload.blob).digest('hex');
        } else {
          upload.blob = body;
          upload.sha256 = createHash('sha256').update(body).digest('hex');
        }
        response.writeHead(201, {
          etag: `"0x${randomBytes(8).toString('hex')}"`,
          'last-modified': new Date().toUTCString(),
          'x-ms-request-id': randomBytes(16).toString('hex'),
          'x-ms-version': '2023-11-03',
          'x-ms-request-server-encrypted': 'true',
          'content-length': '0',
        });
        return response.end();
      }
      response.writeHead(404);
      response.end();
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const find = (artifactId: number) => uploads.find((u) => u.artifactId === artifactId && live(u));
  return {
    env: {
      ACTIONS_RUNTIME_TOKEN: runtimeToken(defaultJob.runBackendId, defaultJob.jobBackendId),
      ACTIONS_RESULTS_URL: `${origin}/`,
      GITHUB_SERVER_URL: undefined,
    },
    jobEnv(options) {
      const job = register(options);
      const [owner] = job.repository.split('/');
      const ref = `refs/heads/${job.headBranch}`;
      return {
        ACTIONS_RUNTIME_TOKEN: runtimeToken(job.runBackendId, job.jobBackendId),
        ACTIONS_RESULTS_URL: `${origin}/`,
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_RETENTION_DAYS: String(retentionDays),
        GITHUB_REPOSITORY: job.repository,
        GITHUB_REPOSITORY_OWNER: owner ?? '',
        GITHUB_REPOSITORY_ID: String(job.repositoryId),
        GITHUB_RUN_ID: String(job.runId),
        GITHUB_RUN_ATTEMPT: String(job.runAttempt),
        GITHUB_JOB: job.jobName,
        GITHUB_SHA: job.headSha,
        GITHUB_REF: ref,
        GITHUB_REF_NAME: job.headBranch,
        GITHUB_EVENT_NAME: job.event,
        GITHUB_WORKFLOW_REF: `${job.repository}/${job.workflowPath}@${ref}`,
        ...(options.apiUrl ? { GITHUB_API_URL: options.apiUrl } : {}),
      };
    },
    uploads,
    runs() {
      const byRun = new Map<string, JobRun>();
      for (const job of [...jobs.values()].filter(
        (j) => j !== defaultJob || uploads.some((u) => u.run === j),
      )) {
        const key = `${job.repository}#${job.runId}`;
        const known = byRun.get(key);
        if (!known || job.runAttempt >= known.runAttempt) byRun.set(key, job);
      }
      return [...byRun.values()];
    },
    listArtifacts: () =>
      uploads.filter(live).map((u) => ({
        id: u.artifactId!,
        name: u.name,
        size: u.finalized?.size ?? u.blob?.length ?? 0,
        digest: u.sha256 ? `sha256:${u.sha256}` : null,
        createdAt: u.createdAt,
        updatedAt: u.updatedAt ?? u.createdAt,
        expiresAt: u.expiresAt,
        expired: isExpired(u),
        runId: u.run.runId,
        runAttempt: u.run.runAttempt,
        repository: u.run.repository,
        repositoryId: u.run.repositoryId,
        headRepositoryId: u.run.headRepositoryId,
        headBranch: u.run.headBranch,
        headSha: u.run.headSha,
      })),
    downloadUrl(artifactId) {
      const upload = find(artifactId);
      return upload && !isExpired(upload) ? signedDownloadUrl(upload) : undefined;
    },
    expire(artifactId) {
      const upload = find(artifactId);
      if (!upload) throw new Error(`no artifact ${artifactId}`);
      upload.expiresAt = iso(Date.now() - 1000);
    },
    url: origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
