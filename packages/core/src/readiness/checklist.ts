import { readFile } from 'node:fs/promises';
import * as z from 'zod';
import { type AssertionOperators, assertionOperatorsSchema } from '../assertions.js';
import { durationSchema } from '../duration.js';
import { ConfigurationError } from '../errors.js';
import { parseJsonPath } from '../json-path.js';
import { userEvidenceSpecSchema } from '../receiver-evidence/user-evidence.js';
import { parseYaml } from '../yaml.js';
import { ACCEPTABLE_STATUSES } from './rules.js';

const jsonPathString = z
  .string()
  .min(1)
  .refine((path) => parseJsonPath(path) !== undefined, {
    message: 'is not a dotted path such as checks.db[0].status',
  });

export interface StatusCheck {
  name: string;
  path: string;
  op: AssertionOperators;
}

/** `{ path, name?, <one operator> }`: an assertion on one field of a JSON document. */
export const statusCheckSchema = z
  .object({ name: z.string().optional(), path: jsonPathString })
  .catchall(z.unknown())
  .transform((value, ctx): StatusCheck => {
    const { name, path, ...ops } = value;
    const parsed = assertionOperatorsSchema.safeParse(ops);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      return z.NEVER;
    }
    return { name: name ?? path, path, op: parsed.data };
  });

/** Timestamp fields tried, in order, when an evidence entry does not name its own. */
export const DEFAULT_TIMESTAMP_FIELDS = ['generatedAt', 'updatedAt', 'finishedAt', 'createdAt', 'timestamp'];

const healthyValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * One required piece of evidence: where it is (a workspace path, or an artifact name whose folder
 * actions/download-artifact created), how old it may be (judged from its own timestamp field), and
 * which fields must hold which values.
 */
export const evidenceSpecSchema = z
  .object({
    /** A built-in evidence id (e.g. `drillDeltaReport`) to override its fields; custom entries may omit it. */
    id: z.string().optional(),
    name: z.string().min(1).optional(),
    path: z.string().min(1).optional(),
    artifact: z.string().min(1).optional(),
    /** The file inside the artifact folder (default: the folder's only .json file). */
    file: z.string().min(1).optional(),
    maxAge: durationSchema.optional(),
    timestampPath: jsonPathString.optional(),
    statusPath: jsonPathString.optional(),
    healthy: z.array(healthyValue).min(1).optional(),
    checks: z.array(statusCheckSchema).optional(),
    /**
     * Statuses short of `passed` accepted for a built-in report: `[partial]` takes a receiver validation
     * whose counting checks were skipped (no receiver metrics URL) as enough.
     */
    accept: z.array(z.enum(ACCEPTABLE_STATUSES)).min(1).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.statusPath && !value.healthy)
      ctx.addIssue({
        code: 'custom',
        path: ['healthy'],
        message: 'is required with statusPath (e.g. [pass, ok])',
      });
    if (value.healthy && !value.statusPath)
      ctx.addIssue({
        code: 'custom',
        path: ['statusPath'],
        message: 'is required with healthy (e.g. status)',
      });
    if (value.path && value.artifact)
      ctx.addIssue({ code: 'custom', path: ['artifact'], message: 'give either path or artifact, not both' });
  });
export type EvidenceSpecInput = z.infer<typeof evidenceSpecSchema>;

export const factsSchema = z
  .object({
    targetRef: z.string().optional(),
    releaseOwner: z.string().optional(),
    rollbackOwner: z.string().optional(),
    rollbackRef: z.string().optional(),
    mainBranch: z.string().optional(),
    releaseTagPattern: z.string().optional(),
  })
  .strict();
export type Facts = z.infer<typeof factsSchema>;

/** The checklist file (YAML or JSON). Every key is optional: an empty checklist runs the built-in rules. */
export const checklistSchema = z
  .object({
    /** Turn built-in rules off, explicitly and visibly: `rules: { targetIsMain: false }`. */
    rules: z.record(z.string(), z.boolean()).default({}),
    evidence: z.array(evidenceSpecSchema).default([]),
    /** Assertions on the latest release-gate report, e.g. `{ path: smoke.captured.reconnectOk, equals: true }`. */
    require: z.array(statusCheckSchema).default([]),
    /** Named user evidence files required in the gate's evidence bundle, checked through its manifest.json. */
    userEvidence: z.array(userEvidenceSpecSchema).default([]),
    facts: factsSchema.default({}),
  })
  .strict();
export type Checklist = z.infer<typeof checklistSchema>;

export const EMPTY_CHECKLIST: Checklist = checklistSchema.parse({});

/** Reads and validates a checklist file; errors name the file and the field. */
export async function loadChecklist(path: string): Promise<Checklist> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigurationError(
      `checklist '${path}' cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  let data: unknown;
  try {
    data = await parseYaml(text);
  } catch (error) {
    throw new ConfigurationError(
      `checklist '${path}' is not valid YAML/JSON: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  return parseChecklist(data ?? {}, `checklist '${path}'`);
}

export function parseChecklist(data: unknown, what = 'checklist'): Checklist {
  const parsed = checklistSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? issue.path.join('.') : '(root)';
    throw new ConfigurationError(`${what}: field '${field}': ${issue?.message}`);
  }
  return parsed.data;
}
