import type { ReportIdentity, RunInfo } from './schema.js';

/** The run as the runner describes it in its environment (no API call needed). */
export function runInfoFromEnv(env: NodeJS.ProcessEnv = process.env): RunInfo {
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const repository = env.GITHUB_REPOSITORY ?? null;
  const id = env.GITHUB_RUN_ID ?? null;
  const attempt = env.GITHUB_RUN_ATTEMPT ? Number(env.GITHUB_RUN_ATTEMPT) : null;
  return {
    repository,
    id,
    attempt,
    url:
      repository && id
        ? `${server}/${repository}/actions/runs/${id}${attempt ? `/attempts/${attempt}` : ''}`
        : null,
    actor: env.GITHUB_ACTOR ?? null,
    workflow: env.GITHUB_WORKFLOW ?? null,
  };
}

export function reportIdentity(
  fields: { environment: string; service?: string; ref?: string; sha?: string; version?: string },
  env: NodeJS.ProcessEnv = process.env,
): ReportIdentity {
  return {
    environment: fields.environment,
    service: fields.service ?? env.GITHUB_REPOSITORY?.split('/')[1] ?? 'service',
    ref: fields.ref ?? env.GITHUB_REF ?? null,
    sha: fields.sha ?? env.GITHUB_SHA ?? null,
    version: fields.version ?? null,
    run: runInfoFromEnv(env),
  };
}

/** Report paths are relative to the workspace, as users write them in `with:`. */
export function workspacePath(path: string, env: NodeJS.ProcessEnv = process.env): string {
  if (path.startsWith('/')) return path;
  return `${env.GITHUB_WORKSPACE ?? process.cwd()}/${path}`;
}
