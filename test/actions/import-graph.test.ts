import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { repoRoot } from '../harness/action.js';

/**
 * The source's import graph has no cycles: a module is read, and changed, without first understanding
 * the module that imports it back. Static and lazy (`import()`) imports both count; type-only imports
 * do not (they vanish from the bundles). Workspace packages resolve to their index.
 */
const ROOTS = ['actions', 'packages/core/src', 'packages/github/src', 'packages/cli/src'];
const PACKAGES: Record<string, string> = {
  '@release-actions/core': 'packages/core/src/index.ts',
  '@release-actions/github': 'packages/github/src/index.ts',
  '@release-actions/cli': 'packages/cli/src/index.ts',
};

function sources(dir: string): string[] {
  return readdirSync(join(repoRoot, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(repoRoot, file), 'utf8');
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\s+(?!type\s)[^'";]*?from\s+'([^']+)'/gm),
    ...text.matchAll(/^\s*import\s+'([^']+)'/gm),
    ...text.matchAll(/import\(\s*'([^']+)'\s*\)/g),
  ].map((match) => match[1]!);
  return specifiers.flatMap((specifier) => {
    if (specifier in PACKAGES) return [PACKAGES[specifier]!];
    if (!specifier.startsWith('.')) return [];
    const target = relative(repoRoot, resolve(repoRoot, dirname(file), specifier.replace(/\.js$/, '.ts')));
    return existsSync(join(repoRoot, target)) ? [target] : [];
  });
}

/** Strongly connected components of more than one module (Tarjan), i.e. the cycles. */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node)?.includes(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

test('no module imports itself back, directly or through others', () => {
  const graph = new Map<string, string[]>();
  for (const root of ROOTS) for (const file of sources(root)) graph.set(file, importsOf(file));
  expect(graph.size).toBeGreaterThan(100);
  // Lazy imports and package imports are edges too.
  expect(graph.get('packages/cli/src/commands.ts')).toContain('packages/cli/src/commands/smoke.ts');
  expect(graph.get('actions/smoke/main.ts')).toContain('packages/core/src/index.ts');
  expect(cycles(graph)).toEqual([]);
});

test('the cycle check finds a cycle', () => {
  const graph = new Map([
    ['a.ts', ['b.ts']],
    ['b.ts', ['c.ts']],
    ['c.ts', ['a.ts']],
    ['d.ts', ['a.ts']],
  ]);
  expect(cycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
});
