import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The shell blocks of the docs that call `release-gate`, with what the markdown says about running them:
 * - `<!-- not-run: reason -->` on the line before a block: skipped, the reason reported;
 * - `<!-- serves: text -->`: the block runs until stopped (a server in the foreground); it passes once its
 *   output shows `text`, then it is stopped;
 * - `<!-- file: path -->` before any other block (a probes file, a checklist): its text is written to `path`
 *   in the folder every later shell block of the same document runs in.
 */
export interface DocBlock {
  /** Repository-relative path and 1-based line of the opening fence, e.g. `README.md:42`. */
  where: string;
  text: string;
  notRun?: string;
  serves?: string;
  /** Files declared before this block in the same document. */
  files: Record<string, string>;
}

const SHELL_LANGUAGES = new Set(['', 'sh', 'bash', 'shell', 'console']);
const FENCE = /^```(\w*)[^\n]*\n([\s\S]*?)^```\s*$/gm;
/** `release-gate` as a command word (after npx's package flag, at a line start, after `;`, `&&`, `|`), not as a path. */
const CALLS_RELEASE_GATE = /(^|[\s;&|(])release-gate(\s|$)/m;
const MARKER = /<!--\s*(not-run|serves|file):\s*(.*?)\s*-->\s*$/;

/** The documents under test: the README, every page of docs/, and the README of each action and package. */
export async function documents(root: string): Promise<string[]> {
  const paths = ['README.md'];
  for (const page of (await readdir(join(root, 'docs'))).sort())
    if (page.endsWith('.md')) paths.push(`docs/${page}`);
  for (const entry of (await readdir(root, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const readme = await readFile(join(root, entry.name, 'README.md'), 'utf8').catch(() => undefined);
    if (readme !== undefined && (await isAction(root, entry.name))) paths.push(`${entry.name}/README.md`);
  }
  for (const name of (await readdir(join(root, 'packages'))).sort()) {
    if (await readFile(join(root, 'packages', name, 'README.md')).catch(() => undefined))
      paths.push(`packages/${name}/README.md`);
  }
  return paths;
}

async function isAction(root: string, folder: string): Promise<boolean> {
  return (await readFile(join(root, folder, 'action.yml')).catch(() => undefined)) !== undefined;
}

/** Every shell block of `markdown` that calls release-gate, in order, each with the files declared before it. */
export function docBlocks(markdown: string, path: string): DocBlock[] {
  const blocks: DocBlock[] = [];
  const files: Record<string, string> = {};
  for (const match of markdown.matchAll(FENCE)) {
    const [, language, text] = match as unknown as [string, string, string];
    const before = markdown.slice(0, match.index).trimEnd().split('\n').at(-1) ?? '';
    const marker = MARKER.exec(before);
    if (marker?.[1] === 'file') {
      files[marker[2]!] = text;
      continue;
    }
    if (!SHELL_LANGUAGES.has(language) || !CALLS_RELEASE_GATE.test(text)) continue;
    const line = markdown.slice(0, match.index).split('\n').length;
    blocks.push({
      where: `${path}:${line}`,
      text,
      files: { ...files },
      ...(marker?.[1] === 'not-run' && { notRun: marker[2] }),
      ...(marker?.[1] === 'serves' && { serves: marker[2] }),
    });
  }
  return blocks;
}
