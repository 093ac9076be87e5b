/**
 * Dotted paths with array indexes, the one path syntax of the project: `status`, `checks.db[0].status`,
 * `items[2]`, `data["x.y"]` is not supported (no filters, no wildcards). Keys with dots are out of scope.
 */
export type PathSegment = string | number;

export function parseJsonPath(path: string): PathSegment[] | undefined {
  const trimmed = path.trim();
  if (trimmed === '' || trimmed === '$') return [];
  const body = trimmed.startsWith('$.') ? trimmed.slice(2) : trimmed;
  const segments: PathSegment[] = [];
  for (const part of body.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) return undefined;
    const [, key, indexes] = match;
    if (key) segments.push(key);
    else if (!indexes) return undefined;
    for (const index of indexes?.matchAll(/\[(\d+)\]/g) ?? []) segments.push(Number(index[1]));
  }
  return segments;
}

export interface PathLookup {
  found: boolean;
  value: unknown;
}

export function getJsonPath(document: unknown, path: string | PathSegment[]): PathLookup {
  const segments = typeof path === 'string' ? parseJsonPath(path) : path;
  if (!segments) return { found: false, value: undefined };
  let current: unknown = document;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current) || segment >= current.length) return { found: false, value: undefined };
      current = current[segment];
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current)) {
        return { found: false, value: undefined };
      }
      if (!Object.hasOwn(current, segment)) return { found: false, value: undefined };
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return { found: true, value: current };
}
