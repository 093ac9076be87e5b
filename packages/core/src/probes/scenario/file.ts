import * as z from 'zod';
import { ConfigurationError } from '../../errors.js';
import { describeEntryIssue, describeFieldPath } from '../field-path.js';
import { keySchema } from './entry-schema.js';
import type { StepRef } from './schema.js';
import { collectRefs, refText } from './template.js';

/**
 * Probes files with scenarios:
 *
 *   probes: [...]                  independent probes (run concurrently, as before)
 *   steps: [...]                   one scenario named `steps`: its probes run in order
 *   scenarios:
 *     - name: sso-login
 *       resultKey: ssoLoginOk      optional: captured.ssoLoginOk = every step passed
 *       steps: [...]
 *
 * Steps need a `name` (letters, digits, _ and -) so later steps can use `{{ steps.<name>.<capture> }}`.
 * Scenarios run concurrently with each other and with the independent probes.
 */
export function isScenarioFile(data: unknown): boolean {
  return (
    typeof data === 'object' &&
    data !== null &&
    !Array.isArray(data) &&
    (Object.hasOwn(data, 'steps') || Object.hasOwn(data, 'scenarios'))
  );
}

const STEP_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** A probe file entry with its place in a scenario. */
export type EntryWithStep<E> = E & { step?: StepRef };

/**
 * Validates a scenario file with the probe entry schema and returns the entries in run order (steps of
 * one scenario keep their order). Template references are checked here: a step may only use captures
 * declared by an earlier step of its own scenario.
 */
export function parseScenarioFile<S extends z.ZodType<Record<string, unknown>>>(
  data: unknown,
  what: string,
  entrySchema: S,
): Array<EntryWithStep<z.output<S>>> {
  const fileSchema = z
    .object({
      probes: z.array(z.unknown()).optional(),
      steps: z.array(z.unknown()).optional(),
      scenarios: z
        .array(
          z
            .object({
              name: z.string().min(1),
              resultKey: keySchema.optional(),
              steps: z.array(z.unknown()).min(1),
            })
            .strict(),
        )
        .optional(),
    })
    .strict();
  const file = fileSchema.safeParse(data);
  if (!file.success) {
    const issue = file.error.issues[0]!;
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown key ${issue.keys.map((key) => `'${key}'`).join(', ')} (a scenario file has probes, steps and scenarios: [{ name, resultKey, steps }])`
        : issue.message;
    throw new ConfigurationError(`${what}: ${describeFieldPath(issue.path) || 'the file'}: ${message}`);
  }
  const out: Array<EntryWithStep<z.output<S>>> = [];
  const parseEntry = (raw: unknown, location: string) => {
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const known = entrySchema instanceof z.ZodObject ? Object.keys(entrySchema.shape) : [];
      const separator = issue.path.length ? ', ' : ': ';
      throw new ConfigurationError(`${what}, ${location}${separator}${describeEntryIssue(issue, known)}`);
    }
    return parsed.data as z.output<S>;
  };
  for (const [index, raw] of (file.data.probes ?? []).entries()) {
    const entry = parseEntry(raw, `probe ${index + 1}`);
    const refs = refsAt(entry, `${what}, probe ${index + 1}`);
    const stepRef = refs.find((ref) => ref.kind === 'step');
    if (stepRef)
      throw new ConfigurationError(
        `${what}, probe ${index + 1}: ${refText(stepRef)} can only be used by a step of a scenario (move the probe under steps:)`,
      );
    out.push(entry);
  }
  const scenarios = [
    ...(file.data.steps ? [{ name: 'steps', steps: file.data.steps, resultKey: undefined }] : []),
    ...(file.data.scenarios ?? []),
  ];
  const scenarioNames = new Set<string>();
  for (const scenario of scenarios) {
    if (scenarioNames.has(scenario.name))
      throw new ConfigurationError(`${what}: two scenarios are named '${scenario.name}'; names must differ`);
    scenarioNames.add(scenario.name);
    const declared = new Map<string, Set<string>>();
    for (const [index, raw] of scenario.steps.entries()) {
      const location = `scenario '${scenario.name}', step ${index + 1}`;
      const entry = parseEntry(raw, location) as Record<string, unknown>;
      const name = entry.name;
      if (typeof name !== 'string' || !STEP_NAME.test(name)) {
        throw new ConfigurationError(
          `${what}, ${location}: a step needs a name of letters, digits, _ and - (e.g. name: login), so later steps can use {{ steps.login.<capture> }}`,
        );
      }
      if (declared.has(name))
        throw new ConfigurationError(`${what}, ${location}: another step is already named '${name}'`);
      for (const ref of refsAt(entry, `${what}, ${location}`)) {
        if (ref.kind !== 'step') continue;
        const captures = declared.get(ref.step);
        if (!captures)
          throw new ConfigurationError(
            `${what}, ${location}: ${refText(ref)} refers to no earlier step of scenario '${scenario.name}' (steps run in order; earlier steps: ${[...declared.keys()].join(', ') || 'none'})`,
          );
        if (!captures.has(ref.capture))
          throw new ConfigurationError(
            `${what}, ${location}: ${refText(ref)}: step '${ref.step}' captures no '${ref.capture}' (it captures: ${[...captures].join(', ') || 'nothing'})`,
          );
      }
      declared.set(name, captureNames(entry));
      out.push({
        ...(entry as z.output<S>),
        step: {
          scenario: scenario.name,
          step: name,
          index,
          count: scenario.steps.length,
          ...(scenario.resultKey ? { scenarioResultKey: scenario.resultKey } : {}),
        },
      });
    }
  }
  if (!out.length) throw new ConfigurationError(`${what}: no probes and no steps`);
  return out;
}

function refsAt(entry: Record<string, unknown>, where: string) {
  try {
    return collectRefs(entry);
  } catch (error) {
    throw new ConfigurationError(`${where}: ${(error as Error).message}`);
  }
}

function captureNames(entry: Record<string, unknown>): Set<string> {
  const names = new Set<string>();
  for (const capture of (entry.capture as Array<{ name: string }> | undefined) ?? []) names.add(capture.name);
  for (const step of (entry.script as Array<{ kind: string; captures?: Array<{ name: string }> }>) ?? []) {
    for (const capture of step.captures ?? []) names.add(capture.name);
  }
  return names;
}
