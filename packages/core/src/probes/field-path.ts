import type * as z from 'zod';
import { nearestName } from '../nearest-name.js';

/*
 * How probes file errors name a place and an unknown field, shared by plain probes files and scenario
 * files: list positions are 1-based, as probes are, and a mistyped field gets the nearest known one.
 */

const ITEM_NAMES: Record<string, string> = {
  assertions: 'assertion',
  script: 'script step',
  scenarios: 'scenario',
  steps: 'step',
  probes: 'probe',
};

/** `['assertions', 0, 'matches']` -> `assertion 1, field 'matches'`; `['headers', 'X-A']` -> `field 'headers.X-A'`. */
export function describeFieldPath(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  let names: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const part = path[i]!;
    const next = path[i + 1];
    if (typeof part === 'string' && typeof next === 'number') {
      const list = [...names, part].join('.');
      names = [];
      parts.push(`${ITEM_NAMES[list] ?? `'${list}' entry`} ${next + 1}`);
      i++;
    } else names.push(String(part));
  }
  if (names.length) parts.push(`field '${names.join('.')}'`);
  return parts.join(', ');
}

/** `unknown field 'expectStatus' (did you mean 'expectedStatus'?)`, or the known fields when none is close. */
export function describeUnknownField(key: string, known: readonly string[]): string {
  const near = nearestName(key, known);
  return near
    ? `unknown field '${key}' (did you mean '${near}'?)`
    : `unknown field '${key}' (known fields: ${known.join(', ')})`;
}

/** One probe entry's first issue: `assertion 1: unknown operator ...`, `unknown field ...`, or the message. */
export function describeEntryIssue(issue: z.core.$ZodIssue, known: readonly string[]): string {
  const where = issue.path.length ? `${describeFieldPath(issue.path)}: ` : '';
  if (issue.code === 'unrecognized_keys' && !issue.path.length) {
    return issue.keys.map((key) => describeUnknownField(key, known)).join('; ');
  }
  return `${where}${issue.message}`;
}
