import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ArtifactServer, JobEnvOptions } from '../servers/artifact-server.js';

const standIns = new URL('../workflows/stand-ins/', import.meta.url).pathname;

/**
 * Uploads `files` (relative path -> text) as artifact `name` from the given job of a run, through the
 * upload-artifact stand-in as a process (as a runner would run it); returns the artifact id. For runs the
 * workflow runner does not start itself: a pull request, a fork, another workflow.
 */
export async function uploadArtifactAs(
  artifacts: ArtifactServer,
  job: JobEnvOptions,
  name: string,
  files: Record<string, string>,
): Promise<number> {
  const workspace = await mkdtemp(join(tmpdir(), 'ra-upload-as-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(workspace, 'out', path)), { recursive: true });
    await writeFile(join(workspace, 'out', path), text);
  }
  const outputFile = join(workspace, '.output');
  await writeFile(outputFile, '');
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...artifacts.jobEnv(job),
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
      (error, out) => (error ? reject(new Error(`upload failed: ${error.message}\n${out}`)) : resolve(out)),
    );
  });
  const id = /artifact-id<<(\S+)\n(\d+)\n/.exec(await readFile(outputFile, 'utf8'))?.[2];
  if (!id) throw new Error(`upload gave no artifact id:\n${stdout}`);
  return Number(id);
}
