import type * as z from 'zod';
import { ConfigurationError } from '../errors.js';

/**
 * One input of an action, which is also a flag of the CLI command of the same name: its zod schema
 * (applied to the raw string, '' when unset), an example of a valid value for the error message, and
 * whether it is a secret to mask before anything else happens.
 */
export interface InputSpec<S extends z.ZodType = z.ZodType> {
  schema: S;
  example: string;
  secret?: boolean;
  /** How the CLI takes it: `boolean` is a bare `--flag`; `multiple` repeats, joined by newlines. Default: one value. */
  flag?: 'boolean' | 'multiple';
  /** An environment variable the CLI reads when the flag is absent (keeps secrets out of shell history). */
  env?: string;
}

export type InputSpecs = Record<string, InputSpec>;
export type ParsedInputs<T extends InputSpecs> = { [K in keyof T]: z.infer<T[K]['schema']> };

/**
 * Where raw values come from and how to speak of them: an action reads `INPUT_<NAME>` and says
 * "Input 'webhook-url'"; the CLI reads `--webhook-url` and says "--webhook-url". The messages are otherwise
 * the same, so a check written once reads right in both.
 */
export interface InputSource {
  /** The raw value, '' when unset. */
  read(name: string): string;
  /** How a message names the input: `Input 'x'` or `--x`. */
  describe(name: string): string;
  /** How an example of a valid value is written: `x: value` or `--x value`. */
  example(name: string, value: string): string;
  /** Masks a secret value everywhere it could be printed (the action's `core.setSecret`). */
  mask?(value: string): void;
}

/**
 * An action's inputs with their cross-field rules. `check` returns a message per broken rule, naming the
 * inputs through `describe` so the action and the CLI say the same thing.
 */
export interface ActionSpec<T extends InputSpecs = InputSpecs> {
  inputs: T;
  check?(values: ParsedInputs<T>, source: Pick<InputSource, 'describe' | 'example'>): string[];
}

/**
 * Reads every input from the source, masks secrets first, validates each with its schema, then runs the
 * cross-field checks; fails with one ConfigurationError that names every bad input, its value (unless
 * secret) and a valid example.
 */
export function parseInputs<T extends InputSpecs>(
  spec: ActionSpec<T> | T,
  source: InputSource,
): ParsedInputs<T> {
  const { inputs, check } = isActionSpec<T>(spec) ? spec : { inputs: spec, check: undefined };
  const raws = new Map<string, string>();
  for (const [name, input] of Object.entries(inputs)) {
    const raw = source.read(name);
    raws.set(name, raw);
    if (input.secret && raw) source.mask?.(raw);
  }
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, input] of Object.entries(inputs)) {
    const raw = raws.get(name) ?? '';
    const parsed = input.schema.safeParse(raw);
    if (parsed.success) {
      values[name] = parsed.data;
    } else {
      const message = parsed.error.issues.map((issue) => issue.message).join('; ');
      const shown = input.secret ? '' : ` '${raw}'`;
      problems.push(
        `${source.describe(name)}${shown} is invalid: ${message}. Example: ${source.example(name, input.example)}`,
      );
    }
  }
  if (!problems.length && check) problems.push(...check(values as ParsedInputs<T>, source));
  if (problems.length) throw new ConfigurationError(problems.join('\n'));
  return values as ParsedInputs<T>;
}

function isActionSpec<T extends InputSpecs>(spec: ActionSpec<T> | T): spec is ActionSpec<T> {
  const inputs = (spec as ActionSpec<T>).inputs;
  return typeof inputs === 'object' && inputs !== null && !('schema' in inputs);
}

/** A source over plain values (tests, the demo): '' for what is not given. */
export function valueSource(values: Record<string, string | undefined>): InputSource {
  return {
    read: (name) => values[name] ?? '',
    describe: (name) => `Input '${name}'`,
    example: (name, value) => `${name}: ${value}`,
  };
}
