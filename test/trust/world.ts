// Shared set-up for the trusted-artifact tests: an artifact server, the local GitHub API over it, and a
// helper that uploads files as a given run (upload-artifact stand-in as a process, as a runner would).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type ArtifactServer, type JobEnvOptions, startArtifactServer } from '../servers/artifact-server.js';
import { type GithubApiServer, startGithubApi } from '../servers/github-api-loader.js';

export const REPO = 'acme/shop';
const standIns = new URL('../workflows/stand-ins/', import.meta.url).pathname;

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
    async upload(run, name, files) {
      const workspace = await mkdtemp(join(tmpdir(), 'ra-trust-upload-'));
      for (const [path, text] of Object.entries(files)) {
        await mkdir(dirname(join(workspace, 'out', path)), { recursive: true });
        await writeFile(join(workspace, 'out', path), text);
      }
      const outputFile = join(workspace, '.output');
      await writeFile(outputFile, '');
      const env: Record<string, string | undefined> = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ...artifacts.jobEnv(jobOf(run, 'upload')),
        GITHUB_WORKSPACE: workspace,
        GITHUB_OUTPUT: outputFile,
        RUNNER_TEMP: tmpdir(),
        INPUT_NAME: name,
        INPUT_PATH: 'out',
        'INPUT_IF-NO-FILES-FOUND': 'error',
      };
      const stdout = await new Promise<string>((resolve, reject) => {
        execFile(
          process.execPath,
          [join(standIns, 'upload-artifact.mjs')],
          { cwd: workspace, env: env as NodeJS.ProcessEnv, timeout: 50_000 },
          (error, out) =>
            error ? reject(new Error(`upload failed: ${error.message}\n${out}`)) : resolve(out),
        );
      });
      const id = /artifact-id<<(\S+)\n(\d+)\n/.exec(await readFile(outputFile, 'utf8'))?.[2];
      if (!id) throw new Error(`upload gave no artifact id:\n${stdout}`);
      return Number(id);
    },
    async close() {
      await api.close();
      await artifacts.close();
    },
  };
}
