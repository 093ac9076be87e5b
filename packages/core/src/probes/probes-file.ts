import * as z from 'zod';
import { assertionOperatorsSchema } from '../assertions.js';
import { durationSchema } from '../duration.js';
import { ConfigurationError } from '../errors.js';
import { parseJsonPath } from '../json-path.js';
import { didYouMean } from '../nearest-name.js';
import { parseStatusList } from '../status-list.js';
import { describeEntryIssue } from './field-path.js';
import { metricEntryShape } from './metrics/entry.js';
import { assertionSchemaWith, scenarioEntryShape } from './scenario/entry-schema.js';
import { isScenarioFile, parseScenarioFile } from './scenario/file.js';
import type { StepRef } from './scenario/schema.js';
import { PROBE_TYPES } from './schema.js';

/*
 * The probes file's schema and its validation. load.ts imports this module only when it reads a file, so
 * a run with plain `urls` never builds these schemas (nor the scenario schemas they include).
 */

/** An accepted status list as written in a probes file: `200`, `"200,204"`, `"200-299"` or `[200, 204]`. */
export const statusListSchema = z
  .union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))])
  .transform((raw, ctx) => {
    const list = parseStatusList(raw);
    if (!list) {
      ctx.addIssue({
        code: 'custom',
        message: `'${String(raw)}' is not a status list; use e.g. 200, 200,204 or 200-299`,
      });
      return z.NEVER;
    }
    return list;
  });

/**
 * One body assertion: a dotted JSON path and exactly one operator, `{ path: checks.db[0].status, equals: UP }`.
 * The subject is a field so that other subjects (a response header, say) can join without a new shape.
 */
export const probeAssertionSchema = z
  .looseObject({ path: z.string({ message: 'an assertion needs a path, e.g. status' }) })
  .transform((value, ctx) => {
    const { path, ...operators } = value;
    if (!parseJsonPath(path)) {
      ctx.addIssue({ code: 'custom', message: `'${path}' is not a path; use e.g. checks.db[0].status` });
      return z.NEVER;
    }
    const parsed = assertionOperatorsSchema.safeParse(operators);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
      return z.NEVER;
    }
    return { subject: 'body' as const, path, op: parsed.data };
  });

const headerValue = z
  .union([z.string(), z.number()])
  .transform(String)
  .refine((value) => !/[\r\n\0]/.test(value), { message: 'a header value cannot contain line breaks' });

/** A probe as written in a probes file (YAML or JSON, camelCase keys). */
export const probeFileEntrySchema = z
  .object({
    name: z.string().min(1).optional(),
    type: z.enum(PROBE_TYPES).optional(),
    url: z.string().min(1).optional(),
    command: z.string().min(1).optional(),
    args: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
    method: z
      .string()
      .regex(/^[A-Za-z]+$/, { message: 'use an HTTP method such as GET or POST' })
      .optional(),
    headers: z.record(z.string(), headerValue).optional(),
    /** Header names whose values are secrets: masked and dropped on cross-origin redirects. */
    secretHeaders: z.array(z.string()).optional(),
    body: z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
    expectedStatus: statusListSchema.optional(),
    assertions: z.array(assertionSchemaWith(probeAssertionSchema)).optional(),
    latencyBudget: durationSchema.optional(),
    timeout: durationSchema.optional(),
    /** Bake time for this probe (overrides the smoke `watch` input); not for prometheus probes. */
    watch: durationSchema.optional(),
    dryRun: z.boolean().optional(),
    ...scenarioEntryShape,
    ...metricEntryShape,
  })
  .strict();

export type ProbeFileEntry = z.infer<typeof probeFileEntrySchema> & { step?: StepRef };

/** The fields a probe accepts, for "did you mean" and the list shown when nothing is close. */
const PROBE_FIELDS = Object.keys(probeFileEntrySchema.shape);

const EXAMPLE =
  'Expected a list of probes such as:\n  - url: https://shop.example.com/healthz\n    expectedStatus: 200';

/** Validates parsed probes file data (a list, `{ probes }`, or a scenario file); errors name the field. */
export function parseProbesData(data: unknown, what: string): ProbeFileEntry[] {
  if (isScenarioFile(data)) return parseScenarioFile(data, what, probeFileEntrySchema);
  const shapeProblem = describeShape(data);
  // The example of the format helps only when the file's shape is wrong, not when one probe's field is.
  if (shapeProblem) throw new ConfigurationError(`${what}: ${shapeProblem}. ${EXAMPLE}`);
  const list = Array.isArray(data) ? data : (data as { probes: unknown[] }).probes;
  const parsed = z.array(probeFileEntrySchema).safeParse(list);
  if (!parsed.success) throw new ConfigurationError(`${what}: ${describeIssue(parsed.error)}`);
  return parsed.data;
}

/** What is wrong with the file as a whole (not a list, no `probes:` key, a stray top-level key), if anything. */
function describeShape(data: unknown): string | undefined {
  if (Array.isArray(data)) return undefined;
  if (data === null || data === undefined) return 'the file is empty';
  if (typeof data !== 'object') return `the file holds a ${typeof data}, not a list of probes`;
  const keys = Object.keys(data);
  const others = keys.filter((key) => key !== 'probes');
  const named = (key: string) => `'${key}:'${didYouMean(key, TOP_LEVEL_KEYS)}`;
  if (!keys.includes('probes')) {
    return others.length
      ? `the file has ${others.map(named).join(', ')} but no 'probes:' list`
      : "the file has no 'probes:' list";
  }
  if (others.length)
    return `unknown top-level key ${others.map(named).join(', ')}; only 'probes:' is expected`;
  if (!Array.isArray((data as { probes: unknown }).probes)) return "'probes:' must be a list";
  return undefined;
}

/** The top-level keys of a probes file or a scenario file (steps, scenarios). */
const TOP_LEVEL_KEYS = ['probes', 'steps', 'scenarios'];

/** The first problem in the list, located by probe (1-based) and field, with the fix where one is known. */
function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'does not match the probes file format';
  const [index, ...field] = issue.path;
  if (typeof index !== 'number') return `the list: ${issue.message}`;
  return `probe ${index + 1}${field.length ? ', ' : ': '}${describeEntryIssue({ ...issue, path: field }, PROBE_FIELDS)}`;
}
