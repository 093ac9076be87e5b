// Runs every generator in scripts/generate/ (JSON Schemas, README input tables) and fails when the
// committed files differ from what they produce.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const generators = readdirSync(join(root, 'scripts/generate'))
  .filter((name) => name.endsWith('.mjs'))
  .sort();
for (const name of generators) {
  execFileSync(process.execPath, [join(root, 'scripts/generate', name)], { stdio: 'inherit', cwd: root });
}
const changed = execFileSync('git', ['status', '--porcelain', '--', 'docs', '*/README.md'], {
  cwd: root,
  encoding: 'utf8',
});
if (changed.trim()) {
  console.error(`Generated files are stale; run 'npm run generate' and commit:\n${changed}`);
  process.exit(1);
}
console.log(`${generators.length} generators: generated files are current`);
