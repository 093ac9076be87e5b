import * as z from 'zod';
import { durationSchema } from '../../duration.js';
import { didYouMean } from '../../nearest-name.js';
import type { METRIC_ONLY_FIELDS } from './normalise.js';
import { NO_DATA_VERDICTS, type NoDataVerdict } from './types.js';

/*
 * The metric fields of a probes file entry (spread into `probeFileEntrySchema`). Only a probes file
 * loads this module; the entry is turned into a probe by normalise.ts.
 */

const numberField = (name: string, example: string) =>
  z.number({ message: `${name} must be a number, e.g. ${name}: ${example}` });

const wholeNumber = (name: string, least: number, example: string) =>
  z
    .number({ message: `${name} must be a whole number, e.g. ${name}: ${example}` })
    .int({ message: `${name} must be a whole number, e.g. ${name}: ${example}` })
    .min(least, { message: `${name} must be ${least} or more, e.g. ${name}: ${example}` });

const positiveDuration = (name: string, example: string, meaning: string) =>
  z
    .union([z.string(), z.number()], { message: `${name} must be a duration, e.g. ${name}: ${example}` })
    .pipe(durationSchema)
    .refine((ms) => ms > 0, {
      message: `${name} must be more than 0, e.g. ${name}: ${example} (${meaning})`,
    });

const BASELINE_FIELDS = ['offset', 'maxIncrease'];
const BASELINE_EXAMPLE = 'e.g. baseline: { offset: 1h, maxIncrease: 1.5 }';

const baselineFields = z.object({
  offset: positiveDuration('offset', '1h', 'the same query an hour before the step'),
  maxIncrease: numberField('maxIncrease', '1.5 (no worse than 1.5x the baseline)').positive({
    message:
      'maxIncrease must be more than 0: it is a factor of the baseline value, 1.5 = no worse than 1.5x',
  }),
});

/** `{ offset, maxIncrease }`; a mistyped field is named with the nearest one before anything else. */
const baselineSchema = z
  .looseObject({}, { message: `baseline needs offset and maxIncrease, ${BASELINE_EXAMPLE}` })
  .transform((value, ctx) => {
    const unknown = Object.keys(value).find((key) => !BASELINE_FIELDS.includes(key));
    if (unknown) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown field '${unknown}'${didYouMean(unknown, BASELINE_FIELDS)}; baseline takes offset and maxIncrease, ${BASELINE_EXAMPLE}`,
      });
      return z.NEVER;
    }
    const parsed = baselineFields.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
      return z.NEVER;
    }
    return { offsetMs: parsed.data.offset, maxIncrease: parsed.data.maxIncrease };
  });

const noDataSchema = z
  .string({ message: `noData must be one of ${NO_DATA_VERDICTS.join(', ')}` })
  .transform((value, ctx) => {
    if ((NO_DATA_VERDICTS as readonly string[]).includes(value)) return value as NoDataVerdict;
    ctx.addIssue({
      code: 'custom',
      message: `noData must be one of ${NO_DATA_VERDICTS.join(', ')}${didYouMean(value, NO_DATA_VERDICTS)}`,
    });
    return z.NEVER;
  });

/** The fields only a `type: prometheus` probe takes (url, headers, timeout, name are shared). */
export const metricEntryShape = {
  /** PromQL for an instant query; may use {{ environment }}, {{ version }}, {{ sha }}, {{ env.NAME }}. */
  query: z
    .string({ message: 'query must be PromQL text, e.g. query: sum(rate(http_requests_total[2m]))' })
    .trim()
    .min(1, { message: 'query is empty; give PromQL, e.g. query: sum(rate(http_requests_total[2m]))' })
    .optional(),
  min: numberField('min', '0.99').optional(),
  max: numberField('max', '0.01').optional(),
  /** The same query at the step's start minus `offset`; a value above `baseline x maxIncrease` fails. */
  baseline: baselineSchema.optional(),
  initialDelay: durationSchema.optional(),
  interval: positiveDuration('interval', '30s', 'the time between measurements').optional(),
  count: wholeNumber('count', 1, '10 (measurements in the window)').optional(),
  failureLimit: wholeNumber('failureLimit', 0, '1 (failed measurements allowed)').optional(),
  consecutiveErrorLimit: wholeNumber(
    'consecutiveErrorLimit',
    0,
    '4 (query errors in a row allowed)',
  ).optional(),
  inconclusiveLimit: wholeNumber('inconclusiveLimit', 0, '0 (inconclusive measurements allowed)').optional(),
  noData: noDataSchema.optional(),
  /** Sent as `Authorization: Bearer <token>` to the metrics API; may be `{{ env.NAME }}`. */
  bearerToken: z
    .string({ message: 'bearerToken must be text, e.g. bearerToken: "{{ env.PROM_TOKEN }}"' })
    .min(1, { message: 'bearerToken is empty; e.g. bearerToken: "{{ env.PROM_TOKEN }}"' })
    .optional(),
} satisfies Record<(typeof METRIC_ONLY_FIELDS)[number], z.ZodType>;

export type MetricEntryFields = {
  [K in keyof typeof metricEntryShape]?: z.output<(typeof metricEntryShape)[K]>;
};
