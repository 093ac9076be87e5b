import * as z from 'zod';
import { durationSchema } from '../duration.js';
import { splitList } from '../list.js';
import { signingSecretProblem } from '../webhooks/signing.js';

// Schemas for the raw strings actions receive. '' means "not set".

export const optionalString = z.string().transform((v) => (v === '' ? undefined : v));

export const requiredString = z.string().min(1, { message: 'is required' });

/** A string input whose empty value means `fallback`. */
export const stringInput = (fallback: string) => z.string().transform((raw) => raw || fallback);

/** `now`: an ISO 8601 timestamp to evaluate at; empty means the current time. */
export const nowInput = z.string().transform((raw, ctx) => {
  if (raw === '') return new Date();
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 timestamp with a time zone' });
    return z.NEVER;
  }
  return new Date(ms);
});

/** YAML 1.2 core booleans only, as `core.getBooleanInput` accepts; anything else is an error. */
export const booleanInput = (fallback: boolean) =>
  z.string().transform((raw, ctx) => {
    if (raw === '') return fallback;
    if (['true', 'True', 'TRUE'].includes(raw)) return true;
    if (['false', 'False', 'FALSE'].includes(raw)) return false;
    ctx.addIssue({ code: 'custom', message: 'must be true or false' });
    return z.NEVER;
  });

export const durationInput = (fallback: string) =>
  z.string().transform((raw, ctx) => {
    const parsed = durationSchema.safeParse(raw === '' ? fallback : raw);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: parsed.error.issues[0]?.message ?? 'not a duration' });
      return z.NEVER;
    }
    return parsed.data;
  });

export const integerInput = (fallback: number, min: number, max: number) =>
  z.string().transform((raw, ctx) => {
    if (raw === '') return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
      return z.NEVER;
    }
    return Number(raw);
  });

export const enumInput = <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  z.string().transform((raw, ctx) => {
    const value = raw === '' ? fallback : raw;
    if (!values.includes(value)) {
      ctx.addIssue({ code: 'custom', message: `valid values are: ${values.join(', ')}` });
      return z.NEVER;
    }
    return value as T[number];
  });

export const urlInput = z.string().transform((raw, ctx) => {
  if (raw === '') return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
    return url.toString();
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be an http:// or https:// URL' });
    return z.NEVER;
  }
});

/** A GitHub deployment id (the deploy-webhook step's `deployment-id` output); empty means none. */
export const deploymentIdInput = z.string().transform((raw, ctx) => {
  if (raw === '') return undefined;
  if (!/^\d+$/.test(raw)) {
    ctx.addIssue({ code: 'custom', message: 'must be a numeric GitHub deployment id' });
    return z.NEVER;
  }
  return Number(raw);
});

/** Multiline `Name: value` headers. */
export const headersInput = z.string().transform((raw, ctx) => {
  const headers: Record<string, string> = {};
  for (const [index, line] of raw.split(/\r?\n/).entries()) {
    if (line.trim() === '') continue;
    const match = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*:\s*(.*)$/.exec(line.trim());
    if (!match) {
      ctx.addIssue({ code: 'custom', message: `line ${index + 1} is not 'Name: value'` });
      return z.NEVER;
    }
    headers[match[1]!] = match[2]!;
  }
  return headers;
});

/** An enum input with no default: empty is an error that lists the valid values. */
export const requiredEnumInput = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.string().transform((raw, ctx) => {
    if (!values.includes(raw)) {
      const valid = `valid values are: ${values.join(', ')}`;
      ctx.addIssue({ code: 'custom', message: raw === '' ? `is required; ${valid}` : valid });
      return z.NEVER;
    }
    return raw as T[number];
  });

/**
 * A duration longer than zero (a timeout, a deadline, a budget), in milliseconds; empty means `fallback`,
 * or not set when there is none.
 */
export function positiveDurationInput(fallback: string): z.ZodType<number, string>;
export function positiveDurationInput(): z.ZodType<number | undefined, string>;
export function positiveDurationInput(fallback?: string): z.ZodType<number | undefined, string> {
  return z.string().transform((raw, ctx) => {
    const value = raw === '' ? fallback : raw;
    if (value === undefined) return undefined;
    const parsed = durationSchema.safeParse(value);
    if (!parsed.success || parsed.data <= 0) {
      ctx.addIssue({
        code: 'custom',
        message: parsed.success
          ? 'must be longer than 0'
          : (parsed.error.issues[0]?.message ?? 'not a duration'),
      });
      return z.NEVER;
    }
    return parsed.data;
  });
}

/** `1%`, `0.5%` or a fraction `0.01`, from 0 to `max` (a fraction); the value is a fraction. */
export const fractionInput = (fallback: string, max = 1) =>
  z.string().transform((raw, ctx) => {
    const value = raw === '' ? fallback : raw;
    const percent = /^(\d+(?:\.\d+)?)%$/.exec(value);
    const number = percent
      ? Number(percent[1]) / 100
      : /^\d+(\.\d+)?$/.test(value)
        ? Number(value)
        : Number.NaN;
    if (Number.isNaN(number) || number > max) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a percentage from 0% to ${max * 100}% such as 1% or 0.5%, or a fraction such as 0.01`,
      });
      return z.NEVER;
    }
    return number;
  });

/** A comma or newline separated list; empty means `fallback`. */
export const listInput = (fallback: readonly string[] = []) =>
  z.string().transform((raw) => {
    const items = splitList(raw);
    return items.length ? items : [...fallback];
  });

/** A comma or newline separated list of http:// or https:// URLs, each kept as written; empty is none. */
export const urlListInput = listInput().transform((items, ctx) => {
  const bad = items.filter((item) => urlInput.safeParse(item).success === false);
  if (bad.length) {
    ctx.addIssue({ code: 'custom', message: `not an http:// or https:// URL: ${bad.join(', ')}` });
    return z.NEVER;
  }
  return items;
});

/** A Standard Webhooks signing secret (`whsec_<base64>` or raw, long enough); empty means none. */
export const signingSecretInput = z.string().transform((raw, ctx) => {
  if (raw === '') return undefined;
  const problem = signingSecretProblem(raw);
  if (problem) {
    ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  }
  return raw;
});
