import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// packages/core/src/report/context.ts
function runInfoFromEnv(env = process.env) {
  const server = env.GITHUB_SERVER_URL ?? "https://github.com";
  const repository = env.GITHUB_REPOSITORY ?? null;
  const id = env.GITHUB_RUN_ID ?? null;
  const attempt = env.GITHUB_RUN_ATTEMPT ? Number(env.GITHUB_RUN_ATTEMPT) : null;
  return {
    repository,
    id,
    attempt,
    url: repository && id ? `${server}/${repository}/actions/runs/${id}${attempt ? `/attempts/${attempt}` : ""}` : null,
    actor: env.GITHUB_ACTOR ?? null,
    workflow: env.GITHUB_WORKFLOW ?? null
  };
}
function reportIdentity(fields, env = process.env) {
  return {
    environment: fields.environment,
    service: fields.service ?? env.GITHUB_REPOSITORY?.split("/")[1] ?? "service",
    ref: fields.ref ?? env.GITHUB_REF ?? null,
    sha: fields.sha ?? env.GITHUB_SHA ?? null,
    version: fields.version ?? null,
    run: runInfoFromEnv(env)
  };
}

export {
  reportIdentity
};
