import * as z from 'zod';
import { assertionOperatorsSchema } from '../assertions.js';
import { durationSchema } from '../duration.js';
import { ConfigurationError } from '../errors.js';
import { parseJsonPath } from '../json-path.js';
import { parseStatusList } from '../status-list.js';
import { assertionSchemaWith, SCENARIO_FIELDS, scenarioEntryShape } from './scenario/entry-schema.js';
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
    dryRun: z.boolean().optional(),
    ...scenarioEntryShape,
  })
  .strict();

export type ProbeFileEntry = z.infer<typeof probeFileEntrySchema> & { step?: StepRef };

/** A probes file: a list of probes, or `{ probes: [...] }`. */
export const probesFileSchema = z.union([
  z.array(probeFileEntrySchema),
  z.object({ probes: z.array(probeFileEntrySchema) }).strict(),
]);

/** Validates parsed probes file data (a list, `{ probes }`, or a scenario file); errors name the field. */
export function parseProbesData(data: unknown, what: string): ProbeFileEntry[] {
  if (isScenarioFile(data)) return parseScenarioFile(data, what, probeFileEntrySchema);
  const parsed = probesFileSchema.safeParse(data);
  if (!parsed.success) throw new ConfigurationError(`${what}: ${describeIssue(parsed.error)}`);
  return Array.isArray(parsed.data) ? parsed.data : parsed.data.probes;
}

function describeIssue(error: z.ZodError): string {
  // A union reports each branch; the one that got furthest names the real problem.
  const issues = error.issues.flatMap((issue) =>
    issue.code === 'invalid_union' ? issue.errors.flat().map((inner) => ({ ...inner })) : [issue],
  );
  const deepest = issues.sort((a, b) => b.path.length - a.path.length)[0] ?? error.issues[0];
  if (!deepest) return 'does not match the probes file format';
  const path = deepest.path.filter((part) => part !== 'probes');
  const location = path.length
    ? `probe ${Number(path[0]) + 1}${path.length > 1 ? `, field '${path.slice(1).join('.')}'` : ''}`
    : 'the file';
  const hint =
    deepest.code === 'unrecognized_keys'
      ? ` (known fields: name, type, url, command, args, method, headers, secretHeaders, body, expectedStatus, assertions, latencyBudget, timeout, dryRun, ${SCENARIO_FIELDS.join(', ')})`
      : '';
  return `${location}: ${deepest.message}${hint}. Expected a list of probes such as:\n  - url: https://shop.example.com/healthz\n    expectedStatus: 200`;
}
