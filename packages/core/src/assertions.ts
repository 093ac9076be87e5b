import * as z from 'zod';

/**
 * The assertion operators shared by probes and readiness rules: `equals`, `in`, `matches` (regex),
 * `exists`, `contains` (text). Exactly one operator per assertion.
 */
export const assertionOperatorsSchema = z
  .object({
    equals: z.unknown().optional(),
    in: z.array(z.unknown()).optional(),
    matches: z.string().optional(),
    exists: z.boolean().optional(),
    contains: z.string().optional(),
  })
  .strict()
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
    return {
      ok: found && deepEqual(actual, op.equals),
      expected: `equals ${show(op.equals)}`,
      actual: shown,
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
