// Extracts the few GitHub REST paths the project calls from @octokit/openapi's description of
// api.github.com (13 MB) into test/servers/github-api.spec.json, with every component they reference.
// It records the source version in info.version. To refresh it (the package is 385 MB, so it is not a
// devDependency), install it outside the repo and pass its description file:
//   cd /tmp && npm i @octokit/openapi@<version>
//   node test/servers/extract-github-spec.mjs /tmp/node_modules/@octokit/openapi/generated/api.github.com.json
// (with no argument it resolves @octokit/openapi from the repo, e.g. after `npm install --no-save`), then
// format it as the repo does: `npx biome format --stdin-file-path=x.json < spec > formatted` (biome.json
// ignores the file itself).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const source = process.argv[2] ?? require.resolve('@octokit/openapi/generated/api.github.com.json');
const full = JSON.parse(readFileSync(source, 'utf8'));
const PATHS = {
  '/repos/{owner}/{repo}/deployments': ['get', 'post'],
  '/repos/{owner}/{repo}/deployments/{deployment_id}': ['get'],
  '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses': ['get', 'post'],
  // Artifacts: what @actions/artifact calls with `findBy` (list a run's artifacts, download by id),
  // plus listing and reading a repository's artifacts.
  '/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts': ['get'],
  '/repos/{owner}/{repo}/actions/artifacts': ['get'],
  '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}': ['get'],
  '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}': ['get'],
  // Trusted artifact lookup: the run that uploaded a candidate, and the repository's default branch.
  '/repos/{owner}/{repo}/actions/runs/{run_id}': ['get'],
  '/repos/{owner}/{repo}': ['get'],
};

const paths = {};
for (const [path, methods] of Object.entries(PATHS)) {
  const item = full.paths[path];
  paths[path] = {};
  for (const method of methods) paths[path][method] = item[method];
  if (item.parameters) paths[path].parameters = item.parameters;
}

const components = {};
const pending = [paths];
const seen = new Set();
while (pending.length) {
  const node = pending.pop();
  if (!node || typeof node !== 'object') continue;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && !seen.has(value)) {
      seen.add(value);
      const [, , kind, name] = value.split('/');
      const target = full.components[kind][name];
      components[kind] ??= {};
      components[kind][name] = target;
      pending.push(target);
    } else if (typeof value === 'object') {
      pending.push(value);
    }
  }
}

const spec = {
  openapi: full.openapi,
  info: { ...full.info, description: 'Extract of api.github.com for release-actions tests' },
  servers: full.servers,
  paths,
  components,
};
const out = new URL('./github-api.spec.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(spec, null, 1)}\n`);
console.log(`wrote ${out.pathname}: ${Object.keys(paths).length} paths, ${seen.size} components`);
