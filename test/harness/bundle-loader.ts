import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const loaded = new Map<string, Promise<unknown>>();

/**
 * Imports a test-side TypeScript module as an esbuild bundle, built once per content hash of the files in
 * `sourceDirs` (the entry's own folder and every folder of ours it imports from) into the temp directory:
 * for modules whose dependencies jest's module runtime cannot load (JSON imported without an attribute,
 * CommonJS that requires ESM).
 */
export function loadBundled<T>(entry: string, sourceDirs: string[]): Promise<T> {
  let promise = loaded.get(entry);
  if (!promise) {
    promise = (async () => {
      const hash = createHash('sha256').update(entry);
      for (const dir of sourceDirs) {
        for (const name of readdirSync(dir).sort()) {
          if (/\.(ts|json|mjs)$/.test(name)) hash.update(name).update(readFileSync(join(dir, name)));
        }
      }
      const outfile = join(tmpdir(), `release-actions-bundle-${hash.digest('hex').slice(0, 16)}.mjs`);
      if (!existsSync(outfile)) {
        const temp = `${outfile}.${process.pid}.tmp.mjs`;
        await build({
          entryPoints: [entry],
          outfile: temp,
          bundle: true,
          platform: 'node',
          target: 'node20',
          format: 'esm',
          banner: {
            js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
          },
          logLevel: 'warning',
        });
        renameSync(temp, outfile);
      }
      return import(outfile);
    })();
    loaded.set(entry, promise);
  }
  return promise as Promise<T>;
}
