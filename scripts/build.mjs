// Bundles every action and the CLI as ESM for Node 20+, one self-contained folder each:
//   actions/<name>/index.ts -> dist/<name>/index.js (post-index.ts -> post.js)
//   packages/cli/src/main.ts -> packages/cli/dist/index.js (inside the package, so `npm pack` ships it)
// Code splitting puts what an action loads only on demand (import()) into dist/<name>/chunks/, so a run
// pays at start only for what its inputs need; action.yml's `main: ../dist/<name>/index.js` stays valid.
//
// `node scripts/build.mjs` builds everything; `node scripts/build.mjs smoke cli` only the named folders.
// Either way the bundles are built in memory and synced into dist/: only files whose bytes differ are
// written (chunks before the entries that import them), and files no longer produced are deleted last, so
// dist/ is never half-empty under a running test. `--stale` (run before the tests) is the same build and
// says which files it touched.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
// A CommonJS dependency of @actions/http-client calls require('net'); ESM bundles need a real require.
// The banner goes into every output file, chunks included, so each has its own module-scoped `require`.
const banner = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";
const shebang = '#!/usr/bin/env node\n';
// The mode the CLI's entry is committed with: npm makes a bin executable when it links it (npm ci, npx), so
// a 0644 entry would show as modified after the first run; written 0755, a build and a run agree.
const binMode = 0o755;

/**
 * @actions/core imports its OIDC client at start for getIDToken, and with it @actions/http-client and undici:
 * 750 KB that every action parsed and ran before its first line (two thirds of the smoke action's start).
 * No action asks for an ID token, so the bundles get a stand-in that imports the real client on the first
 * getIDToken call; the client, and undici with it, land in a chunk loaded only then.
 */
const lazyOidcClient = {
  name: 'lazy-oidc-client',
  setup(build) {
    build.onResolve({ filter: /^\.\/oidc-utils\.js$/ }, (args) =>
      /[\\/]@actions[\\/]core[\\/]lib[\\/]core\.js$/.test(args.importer)
        ? { path: join(dirname(args.importer), 'oidc-utils.js'), namespace: 'lazy-oidc-client' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-oidc-client' }, (args) => ({
      contents: `export const OidcClient = {
  async getIDToken(audience) {
    const { OidcClient } = await import(${JSON.stringify(args.path)});
    return OidcClient.getIDToken(audience);
  },
};
`,
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

/**
 * One output folder per action (entries `index`, and `post` where the action has a post step), plus the CLI,
 * which is built into its package's own dist/ (the published @release-actions/cli is that folder and a README).
 */
const bundles = readdirSync(join(root, 'actions'))
  .sort()
  .map((name) => {
    const entryPoints = { index: join(root, 'actions', name, 'index.ts') };
    const post = join(root, 'actions', name, 'post-index.ts');
    if (existsSync(post)) entryPoints.post = post;
    return { name, entryPoints, outdir: join(dist, name) };
  });
bundles.push({
  name: 'cli',
  entryPoints: { index: join(root, 'packages/cli/src/main.ts') },
  outdir: join(root, 'packages/cli/dist'),
  bin: 'index.js',
});

const stale = process.argv.includes('--stale');
const only = process.argv.slice(2).filter((arg) => arg !== '--stale');
const unknown = only.filter((name) => !bundles.some((bundle) => bundle.name === name));
if (unknown.length) {
  console.error(`unknown bundle(s): ${unknown.join(', ')}; known: ${bundles.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const selected = only.length ? bundles.filter((bundle) => only.includes(bundle.name)) : bundles;

const settled = await Promise.allSettled(
  selected.map(async (bundle) => {
    const { outdir } = bundle;
    const result = await build({
      entryPoints: bundle.entryPoints,
      outdir,
      entryNames: '[name]',
      chunkNames: 'chunks/[name]-[hash]',
      bundle: true,
      splitting: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      banner: { js: banner },
      legalComments: 'none',
      logLevel: 'warning',
      plugins: [lazyOidcClient],
      absWorkingDir: root,
      metafile: true,
      write: false,
    });
    const entries = Object.keys(bundle.entryPoints).map((name) => join(outdir, `${name}.js`));
    const used = reachableFrom(entries, result.metafile);
    const files = new Map(
      result.outputFiles
        .filter((file) => used.has(file.path))
        .map((file) => [file.path, Buffer.from(file.contents)]),
    );
    const bin = bundle.bin && join(outdir, bundle.bin);
    if (bin) files.set(bin, Buffer.concat([Buffer.from(shebang), files.get(bin)]));
    return { name: bundle.name, outdir, files, entries, bin };
  }),
);

// A bundle that does not build fails the run, after the others are synced (esbuild printed why).
const failed = selected.filter((_, index) => settled[index].status === 'rejected').map((b) => b.name);
const results = settled.filter((outcome) => outcome.status === 'fulfilled').map((outcome) => outcome.value);

/** Per bundle, how many files were written and deleted. */
const touched = new Map();
const count = (name, what) => {
  const counts = touched.get(name) ?? { written: 0, deleted: 0 };
  counts[what]++;
  touched.set(name, counts);
};
for (const { name, outdir, files, entries, bin } of results) {
  // Chunks first, entries last: an entry never points at a chunk that is not there yet.
  const order = [...files.keys()].sort((a, b) => Number(entries.includes(a)) - Number(entries.includes(b)));
  for (const path of order) {
    const contents = files.get(path);
    if (existsSync(path) && readFileSync(path).equals(contents)) continue;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, contents);
    count(name, 'written');
  }
  // Also for an entry whose bytes were current (a checkout writes files 0644 where core.fileMode is off).
  if (bin && (statSync(bin).mode & 0o777) !== binMode) chmodSync(bin, binMode);
  for (const path of filesUnder(outdir)) {
    if (files.has(path)) continue;
    rmSync(path);
    count(name, 'deleted');
  }
  removeEmptyFolders(outdir);
}
// A full build also drops the folders of bundles that no longer exist (dist/cli/ since the CLI has its own).
if (!only.length && !failed.length && existsSync(dist)) {
  for (const entry of readdirSync(dist, { withFileTypes: true })) {
    const folder = join(dist, entry.name);
    if (bundles.some((bundle) => bundle.outdir === folder)) continue;
    rmSync(folder, { recursive: true, force: true });
    count(`dist/${entry.name}`, 'deleted');
  }
}

const fileCount = results.reduce((sum, { files }) => sum + files.size, 0);
const changes = [...touched].map(
  ([name, counts]) =>
    `${name} (${[counts.written && `${counts.written} written`, counts.deleted && `${counts.deleted} deleted`].filter(Boolean).join(', ')})`,
);
if (stale)
  console.log(changes.length ? `rebuilt stale bundles: ${changes.join(', ')}` : 'bundles are current');
else
  console.log(
    `built ${selected.length} bundles (${fileCount} files) into dist/ and packages/cli/dist/${changes.length ? `: ${changes.join(', ')}` : ', all current'}`,
  );

if (failed.length) {
  console.error(`could not build: ${failed.join(', ')}`);
  process.exitCode = 1;
}

/**
 * The output files the entries can load, through `import` or `import()`. esbuild writes a chunk for every
 * import() it met, also in code that tree shaking then dropped (an action that takes one renderer from
 * core's index would get the load calibration's autocannon); nothing loads those, so they are not written.
 */
function reachableFrom(entries, metafile) {
  const seen = new Set();
  const pending = entries.map((path) => relative(root, path));
  while (pending.length) {
    const output = pending.pop();
    if (seen.has(output)) continue;
    seen.add(output);
    for (const imported of metafile.outputs[output]?.imports ?? []) {
      if (!imported.external) pending.push(imported.path);
    }
  }
  return new Set([...seen].map((output) => join(root, output)));
}

function filesUnder(folder) {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

function removeEmptyFolders(folder) {
  if (!existsSync(folder)) return;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isDirectory()) removeEmptyFolders(join(folder, entry.name));
  }
  if (!readdirSync(folder).length) rmSync(folder, { recursive: true });
}
