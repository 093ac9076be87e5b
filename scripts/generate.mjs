// Regenerates every generated file (see scripts/generate/).
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
for (const name of readdirSync(join(root, 'scripts/generate'))
  .filter((n) => n.endsWith('.mjs'))
  .sort()) {
  execFileSync(process.execPath, [join(root, 'scripts/generate', name)], { stdio: 'inherit', cwd: root });
}
