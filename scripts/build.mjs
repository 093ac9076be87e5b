// Bundles every action (actions/<name>/index.ts -> dist/<name>/index.js, post-index.ts -> post.js) and the CLI
// (packages/cli/src/main.ts -> dist/cli/index.js) into single ESM files for Node 20+.
// `node scripts/build.mjs smoke cli` rebuilds only the named bundles; no argument rebuilds all from clean.
// `--stale` (run before the tests) builds every bundle in memory and writes only those whose bytes differ
// from dist/, so the tests always run the code as it is now.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
// A CommonJS dependency of @actions/http-client calls require('net'); ESM bundles need a real require.
const banner = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";

const entries = [];
for (const name of readdirSync(join(root, 'actions')).sort()) {
  for (const [source, output] of [
    ['index.ts', 'index.js'],
    ['post-index.ts', 'post.js'],
  ]) {
    const file = join(root, 'actions', name, source);
    if (existsSync(file)) entries.push({ in: file, out: join(root, 'dist', name, output) });
  }
}
entries.push({ in: join(root, 'packages/cli/src/main.ts'), out: join(root, 'dist/cli/index.js'), cli: true });

const stale = process.argv.includes('--stale');
const only = process.argv.slice(2).filter((arg) => arg !== '--stale');
const selected = only.length
  ? entries.filter((entry) => only.some((name) => entry.out.includes(`/dist/${name}/`)))
  : entries;
if (!only.length && !stale) rmSync(join(root, 'dist'), { recursive: true, force: true });
const results = await Promise.all(
  selected.map((entry) =>
    build({
      entryPoints: [entry.in],
      outfile: entry.out,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      banner: { js: entry.cli ? `#!/usr/bin/env node\n${banner}` : banner },
      legalComments: 'none',
      logLevel: 'warning',
      write: !stale,
    }),
  ),
);
if (stale) {
  const rebuilt = [];
  for (const result of results) {
    for (const file of result.outputFiles) {
      if (existsSync(file.path) && readFileSync(file.path).equals(Buffer.from(file.contents))) continue;
      mkdirSync(dirname(file.path), { recursive: true });
      writeFileSync(file.path, file.contents);
      rebuilt.push(relative(root, file.path));
    }
  }
  console.log(rebuilt.length ? `rebuilt stale bundles: ${rebuilt.join(', ')}` : 'bundles are current');
} else {
  console.log(`built ${selected.length} bundles into dist/`);
}
