import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@jest/globals';
import { loadProbes } from '../../packages/core/src/probes/load.js';
import { repoRoot } from '../harness/action.js';
import { documents } from './doc-blocks.js';

/**
 * Every probes file the docs show (a yaml block that starts with `probes:`) loads as written, with the
 * environment variables its `{{ env.NAME }}` templates name set.
 */
const examples: Array<{ where: string; text: string }> = [];
for (const path of await documents(repoRoot)) {
  const markdown = await readFile(join(repoRoot, path), 'utf8');
  for (const match of markdown.matchAll(/^```ya?ml\n(probes:\n[\s\S]*?)^```$/gm)) {
    examples.push({ where: `${path}:${markdown.slice(0, match.index).split('\n').length}`, text: match[1]! });
  }
}

test('the docs show probes files, the metric analysis page among them', () => {
  expect(examples.map(({ where }) => where.split(':')[0])).toEqual(
    expect.arrayContaining(['smoke/README.md', 'docs/metric-analysis.md']),
  );
});

test.each(examples.map((example) => [example.where, example.text] as const))(
  'the probes file at %s loads',
  async (_where, text) => {
    const dir = await mkdtemp(join(tmpdir(), 'doc-probes-'));
    await writeFile(join(dir, 'probes.yml'), text);
    for (const [, name] of text.matchAll(/\{\{\s*env\.(\w+)\s*\}\}/g))
      process.env[name!] ??= `doc-example-${name}`;
    const probes = await loadProbes({ probesFile: 'probes.yml', baseDir: dir });
    expect(probes.length).toBeGreaterThan(0);
  },
);
