import { readFile } from 'node:fs/promises';
import * as z from 'zod';
import { durationSchema } from '../duration.js';
import { ConfigurationError } from '../errors.js';
import { parseYaml } from '../yaml.js';
import { formatWindow } from './format.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MINUTE = 60_000;

/** A fraction 0 < x < 1, written as `0.2` or `20%`. */
const fractionSchema = z.union([z.number(), z.string()]).transform((raw, ctx) => {
  const text = String(raw).trim();
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
  const value = percent ? Number(percent[1]) / 100 : Number(text);
  if (!Number.isFinite(value) || value <= 0 || value >= 1) {
    ctx.addIssue({ code: 'custom', message: `'${raw}' is not a rate; use e.g. 0.2 or 20%` });
    return z.NEVER;
  }
  return value;
});

const positiveInt = z.number().int().min(1);

/**
 * Calibration as users write it (YAML or JSON): durations as `6h`, `14d`, rates as `0.2` or `20%`. Every
 * field is optional; the defaults are the alert thresholds of docs/alerts/release-gate-rules.yml.
 */
export const calibrationInputSchema = z
  .object({
    failuresPresent: z
      .object({
        window: durationSchema.default(6 * HOUR),
        minFailures: positiveInt.default(1),
      })
      .strict()
      .prefault({}),
    failureRate: z
      .object({
        window: durationSchema.default(DAY),
        threshold: fractionSchema.default(0.2),
        minEvents: positiveInt.default(3),
      })
      .strict()
      .prefault({}),
    drillMissing: z
      .object({ window: durationSchema.default(14 * DAY) })
      .strict()
      .prefault({}),
    budgets: z
      .object({
        deploy: durationSchema.default(15 * MINUTE),
        smoke: durationSchema.default(5 * MINUTE),
        rollback: durationSchema.default(10 * MINUTE),
        verify: durationSchema.default(10 * MINUTE),
      })
      .strict()
      .prefault({}),
    /** How far back durations are taken into the p95 that deltas compare with budgets. */
    statsWindow: durationSchema.default(30 * DAY),
    /** A budget whose observed p95 (or this drill's value) reaches this share of it gets a delta. */
    budgetHeadroom: fractionSchema.default(0.8),
  })
  .strict();

/** Calibration after parsing: durations in milliseconds. This is what the report echoes. */
export const calibrationSchema = z.object({
  failuresPresent: z.object({ windowMs: z.number(), minFailures: z.number().int() }),
  failureRate: z.object({ windowMs: z.number(), threshold: z.number(), minEvents: z.number().int() }),
  drillMissing: z.object({ windowMs: z.number() }),
  budgets: z.object({
    deployMs: z.number(),
    smokeMs: z.number(),
    rollbackMs: z.number(),
    verifyMs: z.number(),
  }),
  statsWindowMs: z.number(),
  budgetHeadroom: z.number(),
});

export type Calibration = z.infer<typeof calibrationSchema>;
export type BudgetName = 'deploy' | 'smoke' | 'rollback' | 'verify';
export const BUDGET_NAMES: readonly BudgetName[] = ['deploy', 'smoke', 'rollback', 'verify'];

function normalise(input: z.infer<typeof calibrationInputSchema>): Calibration {
  return {
    failuresPresent: {
      windowMs: input.failuresPresent.window,
      minFailures: input.failuresPresent.minFailures,
    },
    failureRate: {
      windowMs: input.failureRate.window,
      threshold: input.failureRate.threshold,
      minEvents: input.failureRate.minEvents,
    },
    drillMissing: { windowMs: input.drillMissing.window },
    budgets: {
      deployMs: input.budgets.deploy,
      smokeMs: input.budgets.smoke,
      rollbackMs: input.budgets.rollback,
      verifyMs: input.budgets.verify,
    },
    statsWindowMs: input.statsWindow,
    budgetHeadroom: input.budgetHeadroom,
  };
}

export const DEFAULT_CALIBRATION: Calibration = normalise(calibrationInputSchema.parse({}));

/** Validates an already parsed calibration object; the error names the first wrong field. */
export function parseCalibration(value: unknown, source = 'calibration'): Calibration {
  const parsed = calibrationInputSchema.safeParse(value ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? issue.path.join('.') : '(root)';
    throw new ConfigurationError(`${source}: field '${field}': ${issue?.message}`);
  }
  return normalise(parsed.data);
}

/**
 * The `calibration` input: empty for the defaults, a path to a YAML/JSON file, or the YAML/JSON itself
 * inline. A value that names no existing file and is not a YAML mapping is reported as a missing file.
 */
export async function loadCalibration(
  value: string | undefined,
  resolvePath: (path: string) => string = (path) => path,
): Promise<Calibration> {
  const text = value?.trim() ?? '';
  if (text === '') return DEFAULT_CALIBRATION;
  const looksInline = text.includes('\n') || text.startsWith('{') || /^[\w.-]+\s*:\s/.test(text);
  if (!looksInline) {
    const path = resolvePath(text);
    let content: string;
    try {
      content = await readFile(path, 'utf8');
    } catch (error) {
      throw new ConfigurationError(
        `calibration file '${text}' cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give a path in the workspace or inline YAML such as 'failureRate: { threshold: 20% }'`,
      );
    }
    return parseCalibration(
      await parseYamlOrFail(content, `calibration file '${text}'`),
      `calibration file '${text}'`,
    );
  }
  return parseCalibration(await parseYamlOrFail(text, 'inline calibration'), 'inline calibration');
}

async function parseYamlOrFail(text: string, what: string): Promise<unknown> {
  try {
    return await parseYaml(text);
  } catch (error) {
    throw new ConfigurationError(
      `${what} is not valid YAML/JSON: ${(error as Error).message.split('\n')[0]}`,
    );
  }
}

/** The calibration as a user would write it back, for the markdown report. */
export function describeCalibration(calibration: Calibration): Array<[string, string]> {
  const pct = (value: number) => `${Math.round(value * 1000) / 10}%`;
  return [
    [
      'failuresPresent',
      `>= ${calibration.failuresPresent.minFailures} failed callback(s) in ${formatWindow(calibration.failuresPresent.windowMs)}`,
    ],
    [
      'failureRate',
      `> ${pct(calibration.failureRate.threshold)} failed over ${formatWindow(calibration.failureRate.windowMs)} with >= ${calibration.failureRate.minEvents} events`,
    ],
    ['drillMissing', `no callback event in ${formatWindow(calibration.drillMissing.windowMs)}`],
    [
      'budgets',
      `deploy ${formatWindow(calibration.budgets.deployMs)}, smoke ${formatWindow(calibration.budgets.smokeMs)}, rollback ${formatWindow(calibration.budgets.rollbackMs)}, verify ${formatWindow(calibration.budgets.verifyMs)}`,
    ],
    ['statsWindow', formatWindow(calibration.statsWindowMs)],
    ['budgetHeadroom', pct(calibration.budgetHeadroom)],
  ];
}
