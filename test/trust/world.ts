// Shared set-up for the trusted-artifact tests: an artifact server, the local GitHub API over it, and a
// helper that uploads files as a given run (upload-artifact stand-in as a process, as a runner would).
import { uploadArtifactAs } from '../harness/upload-as.js';
import { type ArtifactServer, type JobEnvOptions, startArtifactServer } from '../servers/artifact-server.js';
import { type GithubApiServer, startGithubApi } from '../servers/github-api-loader.js';

export const REPO = 'acme/shop';

export interface RunSpec {
  runId: number;
  event?: string;
  headBranch?: string;
  workflowPath?: string;
  headRepository?: string;
}

export const jobOf = (run: RunSpec, jobName = 'gate'): JobEnvOptions => ({
  runId: run.runId,
  jobName,
  repository: REPO,
  headBranch: run.headBranch ?? 'main',
  headSha: String(run.runId).padEnd(40, '0').slice(0, 40),
  workflowPath: run.workflowPath ?? '.github/workflows/release-gate.yml',
  event: run.event ?? 'push',
  ...(run.headRepository ? { headRepository: run.headRepository } : {}),
});

export interface World {
  artifacts: ArtifactServer;
  api: GithubApiServer;
  /** Uploads `files` (relative path -> text) as artifact `name` from `run`; returns the artifact id. */
  upload(run: RunSpec, name: string, files: Record<string, string>): Promise<number>;
  /** The job environment of a run of this repository, with GITHUB_API_URL. */
  env(run: RunSpec): Record<string, string>;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const artifacts = await startArtifactServer();
  const api = await startGithubApi({ artifacts });
  return {
    artifacts,
    api,
    env: (run) => ({ ...artifacts.jobEnv(jobOf(run)), GITHUB_API_URL: api.url }),
    upload: (run, name, files) => uploadArtifactAs(artifacts, jobOf(run, 'upload'), name, files),
    async close() {
      await api.close();
      await artifacts.close();
    },
  };
}
