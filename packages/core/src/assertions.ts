import * as z from 'zod';
import { didYouMean } from './nearest-name.js';

/**
 * The assertion operators shared by probes and readiness rules: `equals`, `in`, `matches` (regex),
 * `exists`, `contains` (text). Exactly one operator per assertion.
 */
export const assertionOperatorsSchema = z
  .strictObject(
    {
      equals: z.unknown().optional(),
      in: z.array(z.unknown()).optional(),
      matches: z.string().optional(),
      exists: z.boolean().optional(),
      contains: z.string().optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys' ? unknownOperatorMessage(issue.keys as string[]) : undefined,
    },
  )
  .superRefine((value, ctx) => {
    const used = OPERATORS.filter((op) => Object.hasOwn(value, op) && value[op] !== undefined);
    if (used.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `use exactly one of ${OPERATORS.join(', ')} (got ${used.length ? used.join(', ') : 'none'})`,
      });
    }
    if (value.matches !== undefined) {
      try {
        new RegExp(value.matches);
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          path: ['matches'],
          message: `invalid regex: ${(error as Error).message}`,
        });
      }
    }
  });

export const OPERATORS = ['equals', 'in', 'matches', 'exists', 'contains'] as const;

/** `unknown operator 'equal' (did you mean 'equals'?); use one of equals, in, matches, exists, contains`. */
function unknownOperatorMessage(keys: readonly string[]): string {
  const named = keys.map((key) => `'${key}'${didYouMean(key, OPERATORS)}`).join(', ');
  return `unknown operator ${named}; use one of ${OPERATORS.join(', ')}`;
}
export type AssertionOperators = z.infer<typeof assertionOperatorsSchema>;

export interface AssertionOutcome {
  ok: boolean;
  /** e.g. `equals "sso"` */
  expected: string;
  /** e.g. `"password"` or `(missing)` */
  actual: string;
}

/** Evaluates one operator against a looked-up value. `found` says whether the path existed at all. */
export function evaluateAssertion(op: AssertionOperators, found: boolean, actual: unknown): AssertionOutcome {
  const shown = found ? show(actual) : '(missing)';
  if (op.exists !== undefined) {
    return {
      ok: found === op.exists,
      expected: op.exists ? 'exists' : 'absent',
      actual: found ? 'present' : '(missing)',
    };
  }
  if (Object.hasOwn(op, 'equals') && op.equals !== undefined) {
    const ok = found && deepEqual(actual, op.equals);
    return {
      ok,
      expected: `equals ${show(op.equals)}`,
      actual: ok || !found ? shown : (typeMismatch(op.equals, actual) ?? shown),
    };
  }
  if (op.in !== undefined) {
    return {
      ok: found && op.in.some((candidate) => deepEqual(actual, candidate)),
      expected: `in ${show(op.in)}`,
      actual: shown,
    };
  }
  if (op.matches !== undefined) {
    const text = found ? asText(actual) : undefined;
    return {
      ok: text !== undefined && new RegExp(op.matches).test(text),
      expected: `matches /${op.matches}/`,
      actual: shown,
    };
  }
  const needle = op.contains ?? '';
  const text = found ? asText(actual) : undefined;
  return {
    ok: text?.includes(needle) === true,
    expected: `contains ${show(needle)}`,
    actual: shown,
  };
}

/**
 * Comparisons are type-strict (`true` is not `"true"`, `200` is not `"200"`); when only the type differs,
 * the actual value says so and how to write the expectation: `the string "true"; write equals: "true"`.
 */
function typeMismatch(expected: unknown, actual: unknown): string | undefined {
  const scalar = (value: unknown) => ['string', 'number', 'boolean'].includes(typeof value) || value === null;
  if (!scalar(expected) || !scalar(actual) || typeof expected === typeof actual) return undefined;
  if (String(expected) !== String(actual)) return undefined;
  const kind = actual === null ? '' : `the ${typeof actual} `;
  return `${kind}${show(actual)}; write equals: ${show(actual)}`;
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const MAX_SHOWN = 120;

export function show(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) =>
    deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}
