// `npm run bench`: runs every bench/*.bench.mjs in turn (each as its own process, so one benchmark's
// servers and warm caches never touch another's) and lists the JSON each wrote into bench/results/.
// Add a benchmark by adding a `<name>.bench.mjs` file that writes bench/results/<name>.json.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.mjs'))
  .filter((name) => !only.length || only.some((filter) => name.includes(filter)))
  .sort();
if (!files.length) {
  console.error(`no bench/*.bench.mjs files${only.length ? ` matching ${only.join(', ')}` : ''}`);
  process.exit(2);
}
const failed = [];
for (const file of files) {
  console.log(`\n== ${file}`);
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(here, file)], { stdio: 'inherit', cwd: join(here, '..') });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) failed.push(file);
  console.log(
    `== ${file}: ${result.status === 0 ? 'done' : `FAILED (exit ${result.status ?? result.signal})`} in ${seconds}s`,
  );
}
console.log(
  `\n${files.length - failed.length} of ${files.length} benchmarks done; results in bench/results/`,
);
process.exit(failed.length ? 1 : 0);
