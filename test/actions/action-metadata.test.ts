import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ACTIONS, repoRoot } from '../harness/action.js';

interface ActionYaml {
  name?: string;
  description?: string;
  inputs?: Record<string, { description?: string; required?: boolean; default?: unknown }>;
  outputs?: Record<string, { description?: string }>;
  runs?: { using?: string; main?: string; post?: string; 'post-if'?: string };
}

function load(action: string): ActionYaml {
  return parseYaml(readFileSync(join(repoRoot, action, 'action.yml'), 'utf8')) as ActionYaml;
}

test('every action the docs name has a root folder, and every action folder is known', () => {
  const folders = readdirSync(repoRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(repoRoot, entry.name, 'action.yml')))
    .map((entry) => entry.name)
    .sort();
  expect(folders).toEqual([...ACTIONS].sort());
});

test('the root action.yml fails and names every action path', () => {
  const root = readFileSync(join(repoRoot, 'action.yml'), 'utf8');
  for (const action of ACTIONS) expect(root).toContain(`org/release-actions/${action}@v1`);
  expect(root).toContain('exit 1');
});

describe.each(ACTIONS)('%s/action.yml', (action) => {
  const yaml = load(action);

  test('runs on node24 from its bundle in dist/, which exists', () => {
    expect(yaml.runs?.using).toBe('node24');
    expect(yaml.runs?.main).toBe(`../dist/${action}/index.js`);
    expect(existsSync(join(repoRoot, action, yaml.runs!.main!))).toBe(true);
    if (yaml.runs?.post) expect(existsSync(join(repoRoot, action, yaml.runs.post))).toBe(true);
  });

  test('inputs and outputs are kebab-case and described', () => {
    expect(yaml.name).toBeTruthy();
    expect(yaml.description).toBeTruthy();
    for (const [name, spec] of [
      ...Object.entries(yaml.inputs ?? {}),
      ...Object.entries(yaml.outputs ?? {}),
    ]) {
      expect(name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(spec.description?.trim()).toBeTruthy();
    }
  });

  // GitHub evaluates ${{ }} in action.yml text when it loads the action: only defaults may use it.
  test('no expression outside input defaults', () => {
    const texts = [
      yaml.name,
      yaml.description,
      ...Object.values(yaml.inputs ?? {}).map((spec) => spec.description),
      ...Object.values(yaml.outputs ?? {}).map((spec) => spec.description),
    ];
    expect(texts.filter((text) => text?.includes('${{'))).toEqual([]);
  });

  test('has a README beside it that documents every input and output', () => {
    const readme = readFileSync(join(repoRoot, action, 'README.md'), 'utf8');
    expect(readme).toContain(`org/release-actions/${action}@v1`);
    for (const name of [...Object.keys(yaml.inputs ?? {}), ...Object.keys(yaml.outputs ?? {})]) {
      expect(readme).toContain(`\`${name}\``);
    }
  });
});
