import { readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { ConfigurationError } from '../errors.js';

/** Folders never searched by a glob: they are not evidence and can be huge. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

/**
 * A glob as a regular expression over posix paths: `**` any number of folders, `*` and `?` within one
 * name, `{a,b}` alternatives. Enough for evidence patterns such as `db/backup-*.json` or `logs/**\/*.log`.
 */
export function globToRegExp(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '*') {
      if (pattern[i + 1] === '*') {
        const slash = pattern[i + 2] === '/';
        out += slash ? '(?:[^/]*/)*' : '.*';
        i += slash ? 2 : 1;
      } else {
        out += '[^/]*';
      }
    } else if (char === '?') {
      out += '[^/]';
    } else if (char === '{') {
      const end = pattern.indexOf('}', i);
      if (end === -1) {
        out += '\\{';
        continue;
      }
      const options = pattern.slice(i + 1, end).split(',');
      out += `(?:${options.map((option) => option.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|')})`;
      i = end;
    } else {
      out += char.replace(/[.+^$()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${out}$`);
}

const isGlob = (pattern: string) => /[*?{]/.test(pattern);

async function walk(root: string, dir: string, found: string[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) await walk(root, join(dir, entry.name), found);
    } else if (entry.isFile()) {
      found.push(relative(root, join(dir, entry.name)).split(sep).join('/'));
    }
  }
}

/**
 * Resolves evidence patterns (paths or globs, relative to `root`) to files inside `root`, relative posix
 * paths, sorted, without duplicates. A pattern that points outside `root` or matches nothing is an error
 * naming the pattern: evidence that was asked for and is missing must not pass silently.
 */
export async function expandEvidencePatterns(
  patterns: string[],
  root: string,
  options: { exclude?: string[]; what?: string } = {},
): Promise<string[]> {
  const what = options.what ?? "input 'evidence'";
  const excluded = new Set(options.exclude ?? []);
  const result = new Set<string>();
  let all: string[] | undefined;
  for (const raw of patterns) {
    const pattern = raw.trim();
    if (!pattern) continue;
    const rel = isAbsolute(pattern)
      ? relative(root, pattern).split(sep).join('/')
      : pattern.replace(/^\.\//, '');
    if (rel.startsWith('../') || rel === '..' || isAbsolute(rel)) {
      throw new ConfigurationError(
        `${what}: '${pattern}' is outside the workspace '${root}'; copy it into the workspace first`,
      );
    }
    let matches: string[];
    if (isGlob(rel)) {
      if (!all) {
        all = [];
        await walk(root, root, all);
      }
      const regex = globToRegExp(rel);
      matches = all.filter((file) => regex.test(file));
    } else {
      const info = await stat(join(root, rel)).catch(() => undefined);
      // A symlink that leads out of the workspace would copy a file from elsewhere (e.g. ~/.ssh).
      if (info) {
        const [real, realRoot] = await Promise.all([realpath(join(root, rel)), realpath(root)]);
        if (real !== realRoot && !real.startsWith(`${realRoot}${sep}`)) {
          throw new ConfigurationError(
            `${what}: '${pattern}' resolves outside the workspace (symlink to '${real}')`,
          );
        }
      }
      if (info?.isDirectory()) {
        const inside: string[] = [];
        await walk(root, join(root, rel), inside);
        matches = inside;
      } else {
        matches = info?.isFile() ? [rel] : [];
      }
    }
    matches = matches.filter((file) => !excluded.has(file));
    if (!matches.length)
      throw new ConfigurationError(`${what}: '${pattern}' matched no file under '${root}'`);
    for (const file of matches) result.add(file);
  }
  return [...result].sort();
}
