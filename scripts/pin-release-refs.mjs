#!/usr/bin/env node
// Pins a release commit's reusable workflows to the release itself:
//   node scripts/pin-release-refs.mjs vX.Y.Z [--root <dir>]
// rewrites every `uses: org/release-actions/<action>@vX` and
// `uses: org/release-actions/.github/workflows/<x>.yml@vX` in `.github/workflows/*.yml` to `@vX.Y.Z`, so a
// caller pinning `release-gate.yml@vX.Y.Z` runs vX.Y.Z's actions, not whatever `@vX` points at that day.
// On main the references stay `@vX`; only the release commit (made by release.yml) carries the exact tag.
// Idempotent (a reference already at the tag is left alone). Refuses a tag that is not vX.Y.Z, a reference
// of another major version, and a reference already pinned to another release. Node built-ins only: the
// release job that runs it installs nothing.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const REPOSITORY = 'org/release-actions';

function fail(message) {
  console.error(`pin-release-refs: ${message}`);
  process.exit(2);
}

const args = process.argv.slice(2);
let root = new URL('..', import.meta.url).pathname;
const rootAt = args.indexOf('--root');
if (rootAt >= 0) {
  if (!args[rootAt + 1]) fail('--root needs a directory');
  root = args[rootAt + 1];
  args.splice(rootAt, 2);
}
if (args.length !== 1) fail('usage: pin-release-refs.mjs vX.Y.Z [--root <dir>]');
const tag = args[0];
const version = /^v(\d+)\.(\d+)\.(\d+)$/.exec(tag);
if (!version)
  fail(`'${tag}' is not a release tag: expected vX.Y.Z (e.g. v1.4.0), never a branch or a major tag`);
const major = version[1];

// `uses:` as a mapping value (`uses: x` or `- uses: x`), optionally quoted, optionally followed by a comment.
const owner = REPOSITORY.replace(/[/.]/g, '\\$&');
const USES = new RegExp(
  `^(\\s*(?:-\\s+)?uses:\\s*["']?)(${owner}/[^@\\s"'#]+)@([^\\s"'#]+)(["']?\\s*(?:#.*)?)$`,
);

const dir = join(root, '.github/workflows');
const files = readdirSync(dir)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort()
  .map((name) => join(dir, name));

const problems = [];
let rewritten = 0;
let alreadyPinned = 0;
const changedFiles = [];
const writes = [];
for (const file of files) {
  const lines = readFileSync(file, 'utf8').split('\n');
  let changed = false;
  for (const [index, line] of lines.entries()) {
    const match = USES.exec(line);
    if (!match) continue;
    const [, before, path, ref, after] = match;
    const where = `${relative(root, file)}:${index + 1}`;
    if (ref === tag) {
      alreadyPinned++;
      continue;
    }
    const refMajor = /^v(\d+)$/.exec(ref);
    if (!refMajor) {
      problems.push(`${where}: '${path}@${ref}' is neither @v${major} nor @${tag}; not rewriting it`);
      continue;
    }
    if (refMajor[1] !== major) {
      problems.push(`${where}: '${path}@${ref}' is another major version than ${tag}`);
      continue;
    }
    lines[index] = `${before}${path}@${tag}${after}`;
    rewritten++;
    changed = true;
  }
  if (changed) {
    writes.push([file, lines.join('\n')]);
    changedFiles.push(relative(root, file));
  }
}
// Nothing is written unless every reference can be pinned.
if (problems.length) fail(`${problems.length} reference(s) cannot be pinned:\n  ${problems.join('\n  ')}`);
for (const [file, text] of writes) writeFileSync(file, text);
if (rewritten + alreadyPinned === 0)
  fail(`no 'uses: ${REPOSITORY}/...@v${major}' reference in .github/workflows/`);
console.log(
  `pin-release-refs: ${rewritten} reference(s) rewritten to @${tag}${changedFiles.length ? ` in ${changedFiles.join(', ')}` : ''}; ${alreadyPinned} already at @${tag}`,
);
