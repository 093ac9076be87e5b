// A local stand-in for GitHub's artifact backend, speaking the protocol @actions/artifact (v2+) uses:
// twirp JSON calls to the results service (CreateArtifact, FinalizeArtifact) and Azure block-blob uploads
// to the signed URL CreateArtifact returns (PUT ?comp=block per block, PUT ?comp=blocklist to commit).
// Tests point the real library at it with ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL and then inspect
// what arrived: the zip, its files, and whether the finalize hash matches the bytes received.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateRawSync } from 'node:zlib';

const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.ArtifactService/';

export interface ArtifactUpload {
  name: string;
  workflowRunBackendId: string;
  workflowJobRunBackendId: string;
  version: number;
  mimeType?: string;
  expiresAt?: string;
  /** Block ids in the order the block list committed them. */
  blockIds: string[];
  /** The committed blob (the zip), once the block list arrived. */
  blob?: Buffer;
  /** sha256 of the committed blob, computed here. */
  sha256?: string;
  finalized?: { size: number; hash?: string };
  artifactId?: number;
  /** Files inside the zip (path -> bytes), filled at finalize. */
  files: Map<string, Buffer>;
  /** Every request path the upload saw, for protocol assertions. */
  requests: string[];
  /** The `sig` of the signed upload URL: a secret a test can scan for. */
  signature: string;
}

export interface ArtifactServerOptions {
  runBackendId?: string;
  jobBackendId?: string;
  /** Answer CreateArtifact for these names with 409 already_exists, as GitHub does for a duplicate name. */
  conflictNames?: string[];
}

export interface ArtifactServer {
  /** Environment to give the process that uploads (GITHUB_SERVER_URL removed: the library refuses GHES). */
  env: Record<string, string | undefined>;
  uploads: ArtifactUpload[];
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

export async function startArtifactServer(options: ArtifactServerOptions = {}): Promise<ArtifactServer> {
  const runBackendId = options.runBackendId ?? 'c0ffee00-0000-4000-8000-000000000001';
  const jobBackendId = options.jobBackendId ?? 'c0ffee00-0000-4000-8000-000000000002';
  const uploads: ArtifactUpload[] = [];
  const blocks = new Map<string, Map<string, Buffer>>();
  let nextId = 4000;
  let origin = '';

  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', origin);
      const body = await readBody(request);
      if (request.method === 'POST' && url.pathname.startsWith(TWIRP_PREFIX)) {
        const method = url.pathname.slice(TWIRP_PREFIX.length);
        const json = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
        if (
          json.workflow_run_backend_id !== runBackendId ||
          json.workflow_job_run_backend_id !== jobBackendId
        ) {
          return twirpError(response, 400, 'invalid_argument', 'backend ids do not match the runtime token');
        }
        const name = String(json.name ?? '');
        if (method === 'CreateArtifact') {
          if (options.conflictNames?.includes(name) || uploads.some((u) => u.name === name && u.finalized)) {
            return twirpError(response, 409, 'already_exists', `an artifact named ${name} already exists`);
          }
          const upload: ArtifactUpload = {
            name,
            workflowRunBackendId: runBackendId,
            workflowJobRunBackendId: jobBackendId,
            version: Number(json.version),
            mimeType: typeof json.mime_type === 'string' ? json.mime_type : undefined,
            expiresAt: typeof json.expires_at === 'string' ? json.expires_at : undefined,
            blockIds: [],
            files: new Map(),
            requests: [`POST ${method}`],
            signature: randomBytes(12).toString('hex'),
          };
          uploads.push(upload);
          const blobPath = `/devstoreaccount1/actions-results/${uploads.length}/${encodeURIComponent(name)}.zip`;
          response.writeHead(200, { 'content-type': 'application/json' });
          return response.end(
            JSON.stringify({
              ok: true,
              signed_upload_url: `${origin}${blobPath}?sv=2023-11-03&sig=${upload.signature}`,
            }),
          );
        }
        if (method === 'FinalizeArtifact') {
          const upload = uploads.findLast((u) => u.name === name && !u.finalized);
          if (!upload) return twirpError(response, 404, 'not_found', `no artifact ${name} being uploaded`);
          upload.requests.push(`POST ${method}`);
          const hash = typeof json.hash === 'string' ? json.hash : undefined;
          upload.finalized = { size: Number(json.size), hash };
          if (upload.blob && hash && hash !== `sha256:${upload.sha256}`) {
            return twirpError(response, 400, 'invalid_argument', 'hash does not match the uploaded content');
          }
          upload.artifactId = nextId++;
          if (upload.blob) upload.files = unzip(upload.blob);
          response.writeHead(200, { 'content-type': 'application/json' });
          return response.end(JSON.stringify({ ok: true, artifact_id: String(upload.artifactId) }));
        }
        return twirpError(response, 404, 'bad_route', `no method ${method}`);
      }
      if (request.method === 'PUT' && url.pathname.startsWith('/devstoreaccount1/')) {
        const index = Number(url.pathname.split('/')[3]) - 1;
        const upload = uploads[index];
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
  return {
    env: {
      ACTIONS_RUNTIME_TOKEN: runtimeToken(runBackendId, jobBackendId),
      ACTIONS_RESULTS_URL: `${origin}/`,
      GITHUB_SERVER_URL: undefined,
    },
    uploads,
    url: origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
