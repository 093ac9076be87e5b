import { ConfigurationError, errorMessage } from '@release-actions/core';

/** The name every gate uses unless told otherwise; in a matrix, include the service. */
export function defaultArtifactName(environment: string, service?: string): string {
  return `${service ? `${service}-` : ''}${environment}-release-gate-report`.replace(
    /[^A-Za-z0-9._-]+/g,
    '-',
  );
}

export interface UploadArtifactOptions {
  retentionDays?: number;
  /** zlib level 0-9; evidence is small text, the default 6 is fine. */
  compressionLevel?: number;
  /** For the availability check and the artifact link; `@actions/artifact` itself reads process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface UploadedArtifact {
  name: string;
  id: number;
  size: number;
  /** sha256 of the uploaded zip, as sent to FinalizeArtifact. */
  digest?: string;
  /** Link to the artifact on the run page, when the run is known. */
  url?: string;
  durationMs: number;
}

/** Whether this process can upload (it runs in a job with the runtime token and results service). */
export function artifactUploadAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.ACTIONS_RUNTIME_TOKEN && env.ACTIONS_RESULTS_URL);
}

export function artifactUrl(id: number, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return undefined;
  return `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}/artifacts/${id}`;
}

/**
 * Uploads files (absolute paths under `rootDir`, stored relative to it) as one artifact through
 * `@actions/artifact` (results service + signed blob upload, retried by the library). Shared by every
 * action that leaves files behind: the gate report bundle, drill reports, readiness decision records.
 * Errors name the artifact; GHES (unsupported by the v2+ artifact backend) gets its own message.
 * The artifact client is imported here, on the first upload.
 */
export async function uploadArtifact(
  name: string,
  files: string[],
  rootDir: string,
  options: UploadArtifactOptions = {},
): Promise<UploadedArtifact> {
  const env = options.env ?? process.env;
  if (!files.length) throw new ConfigurationError(`artifact '${name}': no files to upload`);
  if (!artifactUploadAvailable(env)) {
    throw new ConfigurationError(
      `artifact '${name}' cannot be uploaded: ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL are not set (not running in a GitHub Actions job)`,
    );
  }
  const { DefaultArtifactClient, GHESNotSupportedError } = await import('./artifact-client.js');
  const started = performance.now();
  try {
    const client = new DefaultArtifactClient();
    const response = await client.uploadArtifact(name, files, rootDir, {
      retentionDays: options.retentionDays,
      compressionLevel: options.compressionLevel,
    });
    if (response.id === undefined) throw new Error('the results service returned no artifact id');
    return {
      name,
      id: response.id,
      size: response.size ?? 0,
      digest: response.digest,
      url: artifactUrl(response.id, env),
      durationMs: performance.now() - started,
    };
  } catch (error) {
    if (error instanceof GHESNotSupportedError) {
      throw new ConfigurationError(
        `artifact '${name}': GitHub Enterprise Server does not support this artifact backend; set the upload input to false and use actions/upload-artifact@v3 on the bundle folder`,
      );
    }
    throw new Error(`artifact '${name}' upload failed: ${errorMessage(error)}`);
  }
}
