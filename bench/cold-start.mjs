// What the benchmarks share (smoke, actions, metrics): statistics, bundling a module, timing one
// process, the local endpoint server, the toolkit floor, and what an action loads at start.
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';

export const root = new URL('..', import.meta.url).pathname;
/** The bundles' banner: a CommonJS dependency needs a real `require` inside an ES module. */
export const banner =
  "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
export const round = (ms) => Math.round(ms * 10) / 10;
export const ratio = (a, b) => Math.round((a / b) * 100) / 100;

/**
 * A local HTTP server in its own process (so the measured code never shares an event loop with it):
 * every request gets 200 `{"status":"ok"}`, after `delayMs` unless the path starts with /now.
 * Returns its base URL, port and `close()`.
 */
export async function startEndpointServer(delayMs) {
  const server = spawn(
    process.execPath,
    [
      '-e',
      `const http = require('node:http');
       const server = http.createServer((req, res) => {
         const delay = req.url.startsWith('/now') ? 0 : ${delayMs};
         req.resume();
         setTimeout(() => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"status":"ok"}'); }, delay);
       });
       server.keepAliveTimeout = 1000;
       server.listen(0, '127.0.0.1', () => console.log(server.address().port));`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise((resolve, reject) => {
    server.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim())));
    server.once('exit', (code) => reject(new Error(`endpoint server exited ${code}`)));
  });
  return { port, base: `http://127.0.0.1:${port}`, close: () => server.kill() };
}

/** Bundles `entry` (a TypeScript or JavaScript module) into one ES module at `outfile`, as the actions are built. */
export async function bundleModule(entry, outfile) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    banner: { js: banner },
    nodePaths: [join(root, 'node_modules')],
    logLevel: 'error',
  });
  return outfile;
}

/**
 * The toolkit floor: a bundle that only imports @actions/core and sets one output, built like the
 * actions into `dir`. Returns its path, its size and the environment it runs in.
 */
export async function buildToolkitFloor(dir) {
  await mkdir(dir, { recursive: true });
  const entry = join(dir, 'entry.mjs');
  await writeFile(entry, "import * as core from '@actions/core';\ncore.setOutput('result', 'passed');\n");
  const bundle = await bundleModule(entry, join(dir, 'index.js'));
  const output = join(dir, 'out');
  await writeFile(output, '');
  return {
    bundle,
    bytes: (await stat(bundle)).size,
    env: { PATH: process.env.PATH, GITHUB_OUTPUT: output },
  };
}

/**
 * Wall time of one process from spawn to exit. An exit code outside `codes` (default: only 0) rejects
 * with the process's stderr and stdout, so a benchmark never times a run that did something else.
 */
export function timeProcess(args, env, cwd, codes = [0]) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (!codes.includes(code)) reject(new Error(`${args.join(' ')} exited ${code}:\n${output}`));
      else resolve(ms);
    });
  });
}

/**
 * What an action loads at start: its entry file and every chunk reachable through static `import`
 * statements (not `import()`), with the bytes by package taken from esbuild's `// <path>` module comments;
 * the rest of the action's folder is loaded on demand.
 */
export async function startupLoad(entry) {
  const texts = new Map();
  const pending = [entry];
  while (pending.length) {
    const file = pending.pop();
    if (texts.has(file)) continue;
    const text = await readFile(file, 'utf8');
    texts.set(file, text);
    for (const match of text.matchAll(
      /^(?:import|export)\b[^;]*?\bfrom\s*"(\.[^"]+)"|^import\s*"(\.[^"]+)"/gm,
    ))
      pending.push(join(dirname(file), match[1] ?? match[2]));
  }
  const folder = dirname(entry);
  const all = await readdir(folder, { recursive: true, withFileTypes: true });
  let onDemandBytes = 0;
  for (const item of all) {
    const file = join(item.parentPath ?? item.path, item.name);
    if (item.isFile() && file.endsWith('.js') && !texts.has(file)) onDemandBytes += (await stat(file)).size;
  }
  const byPackage = {};
  for (const text of texts.values()) {
    let current = '(bundle runtime)';
    let from = 0;
    for (const match of text.matchAll(/^\/\/ (\S+\.(?:[cm]?[jt]s|json))$/gm)) {
      byPackage[current] = (byPackage[current] ?? 0) + match.index - from;
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(match[1]);
      current = pkg ? pkg[1] : match[1].split('/').slice(0, 3).join('/');
      from = match.index;
    }
    byPackage[current] = (byPackage[current] ?? 0) + text.length - from;
  }
  const bytes = [...texts.values()].map((text) => Buffer.byteLength(text));
  return {
    entryBytes: bytes[0],
    startupBytes: bytes.reduce((sum, n) => sum + n, 0),
    startupFiles: [...texts.keys()].map((file) => relative(folder, file)),
    onDemandBytes,
    weight: Object.fromEntries(
      Object.entries(byPackage)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([name, size]) => [name, `${Math.round(size / 1024)} KB`]),
    ),
  };
}
