import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  parseYaml
} from "./chunk-7KG7ZHVP.js";
import {
  durationSchema,
  formatDuration
} from "./chunk-FEJLSRR4.js";
import {
  ConfigurationError
} from "./chunk-ZUWSAP7Z.js";
import {
  NEVER,
  _enum,
  array,
  boolean,
  literal,
  number,
  object,
  string,
  union
} from "./chunk-H3HWWZLP.js";

// packages/core/src/drill/calibration.ts
import { readFile } from "node:fs/promises";

// packages/core/src/drill/format.ts
var DAY = 864e5;
function formatWindow(ms, approximate = false) {
  if (approximate && ms >= 2 * DAY) return `${Math.round(ms / DAY * 10) / 10}d`;
  if (ms >= 2 * DAY && ms % DAY === 0) return `${ms / DAY}d`;
  return formatDuration(ms);
}
function formatLogDate(date) {
  return date.toISOString().slice(0, 16).replace("T", " ");
}

// packages/core/src/drill/calibration.ts
var HOUR = 36e5;
var DAY2 = 24 * HOUR;
var MINUTE = 6e4;
var fractionSchema = union([number(), string()]).transform((raw, ctx) => {
  const text = String(raw).trim();
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
  const value = percent ? Number(percent[1]) / 100 : Number(text);
  if (!Number.isFinite(value) || value <= 0 || value >= 1) {
    ctx.addIssue({ code: "custom", message: `'${raw}' is not a rate; use e.g. 0.2 or 20%` });
    return NEVER;
  }
  return value;
});
var positiveInt = number().int().min(1);
var calibrationInputSchema = object({
  failuresPresent: object({
    window: durationSchema.default(6 * HOUR),
    minFailures: positiveInt.default(1)
  }).strict().prefault({}),
  failureRate: object({
    window: durationSchema.default(DAY2),
    threshold: fractionSchema.default(0.2),
    minEvents: positiveInt.default(3)
  }).strict().prefault({}),
  drillMissing: object({ window: durationSchema.default(14 * DAY2) }).strict().prefault({}),
  budgets: object({
    deploy: durationSchema.default(15 * MINUTE),
    smoke: durationSchema.default(5 * MINUTE),
    rollback: durationSchema.default(10 * MINUTE),
    verify: durationSchema.default(10 * MINUTE)
  }).strict().prefault({}),
  /** How far back durations are taken into the p95 that deltas compare with budgets. */
  statsWindow: durationSchema.default(30 * DAY2),
  /** A budget whose observed p95 (or this drill's value) reaches this share of it gets a delta. */
  budgetHeadroom: fractionSchema.default(0.8)
}).strict();
var calibrationSchema = object({
  failuresPresent: object({ windowMs: number(), minFailures: number().int() }),
  failureRate: object({ windowMs: number(), threshold: number(), minEvents: number().int() }),
  drillMissing: object({ windowMs: number() }),
  budgets: object({
    deployMs: number(),
    smokeMs: number(),
    rollbackMs: number(),
    verifyMs: number()
  }),
  statsWindowMs: number(),
  budgetHeadroom: number()
});
var BUDGET_NAMES = ["deploy", "smoke", "rollback", "verify"];
function normalise(input) {
  return {
    failuresPresent: {
      windowMs: input.failuresPresent.window,
      minFailures: input.failuresPresent.minFailures
    },
    failureRate: {
      windowMs: input.failureRate.window,
      threshold: input.failureRate.threshold,
      minEvents: input.failureRate.minEvents
    },
    drillMissing: { windowMs: input.drillMissing.window },
    budgets: {
      deployMs: input.budgets.deploy,
      smokeMs: input.budgets.smoke,
      rollbackMs: input.budgets.rollback,
      verifyMs: input.budgets.verify
    },
    statsWindowMs: input.statsWindow,
    budgetHeadroom: input.budgetHeadroom
  };
}
var DEFAULT_CALIBRATION = normalise(calibrationInputSchema.parse({}));
function parseCalibration(value, source = "calibration") {
  const parsed = calibrationInputSchema.safeParse(value ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? issue.path.join(".") : "(root)";
    throw new ConfigurationError(`${source}: field '${field}': ${issue?.message}`);
  }
  return normalise(parsed.data);
}
async function loadCalibration(value, resolvePath = (path) => path) {
  const text = value?.trim() ?? "";
  if (text === "") return DEFAULT_CALIBRATION;
  const looksInline = text.includes("\n") || text.startsWith("{") || /^[\w.-]+\s*:\s/.test(text);
  if (!looksInline) {
    const path = resolvePath(text);
    let content;
    try {
      content = await readFile(path, "utf8");
    } catch (error) {
      throw new ConfigurationError(
        `calibration file '${text}' cannot be read (${error.code ?? error.message}); give a path in the workspace or inline YAML such as 'failureRate: { threshold: 20% }'`
      );
    }
    return parseCalibration(
      await parseYamlOrFail(content, `calibration file '${text}'`),
      `calibration file '${text}'`
    );
  }
  return parseCalibration(await parseYamlOrFail(text, "inline calibration"), "inline calibration");
}
async function parseYamlOrFail(text, what) {
  try {
    return await parseYaml(text);
  } catch (error) {
    throw new ConfigurationError(
      `${what} is not valid YAML/JSON: ${error.message.split("\n")[0]}`
    );
  }
}
function describeCalibration(calibration) {
  const pct = (value) => `${Math.round(value * 1e3) / 10}%`;
  return [
    [
      "failuresPresent",
      `>= ${calibration.failuresPresent.minFailures} failed callback(s) in ${formatWindow(calibration.failuresPresent.windowMs)}`
    ],
    [
      "failureRate",
      `> ${pct(calibration.failureRate.threshold)} failed over ${formatWindow(calibration.failureRate.windowMs)} with >= ${calibration.failureRate.minEvents} events`
    ],
    ["drillMissing", `no callback event in ${formatWindow(calibration.drillMissing.windowMs)}`],
    [
      "budgets",
      `deploy ${formatWindow(calibration.budgets.deployMs)}, smoke ${formatWindow(calibration.budgets.smokeMs)}, rollback ${formatWindow(calibration.budgets.rollbackMs)}, verify ${formatWindow(calibration.budgets.verifyMs)}`
    ],
    ["statsWindow", formatWindow(calibration.statsWindowMs)],
    ["budgetHeadroom", pct(calibration.budgetHeadroom)]
  ];
}

// packages/core/src/drill/schema.ts
var DRILL_REPORT_SCHEMA_VERSION = 1;
var DRILL_REPORT_KIND = "release-gate-drill-delta-report";
var drillStatusSchema = _enum(["drill_passed", "attention_required", "missing"]);
var ALERT_NAMES = {
  failuresPresent: "ReleaseGateRollbackCallbackFailuresPresent",
  failureRate: "ReleaseGateRollbackCallbackFailureRateCritical",
  drillMissing: "ReleaseGateRollbackCallbackDrillMissing"
};
var alertConditionSchema = object({
  name: _enum([ALERT_NAMES.failuresPresent, ALERT_NAMES.failureRate, ALERT_NAMES.drillMissing]),
  severity: _enum(["warning", "critical"]),
  environment: string(),
  firing: boolean(),
  /** Failed count, failure rate (0..1, null without events) or age of the last event in ms (null: never). */
  value: number().nullable(),
  detail: string()
});
var environmentEventsSchema = object({
  environment: string(),
  total: number().int(),
  failed: number().int(),
  lastEventAt: string().nullable(),
  presenceWindow: object({ total: number().int(), failed: number().int() }),
  rateWindow: object({ total: number().int(), failed: number().int() }),
  drillMissingWindow: object({ total: number().int() }),
  statsWindow: object({
    total: number().int(),
    /** Rollback durations (`data.durationMs`) over the stats window; p95 from a 1% log histogram. */
    durationSamples: number().int(),
    durationP95Ms: number().nullable(),
    durationMaxMs: number().nullable()
  })
});
var eventsSummarySchema = object({
  path: string().nullable(),
  lines: number().int(),
  malformedLines: number().int(),
  callbackEvents: number().int(),
  /** Events with `receivedAt` after the evaluation time (ignored, as Prometheus would not see them yet). */
  futureEvents: number().int(),
  environments: array(environmentEventsSchema)
});
var stepDurationsSchema = object({
  deployMs: number().nullable(),
  smokeMs: number().nullable(),
  rollbackMs: number().nullable(),
  verifyMs: number().nullable()
});
var environmentResultSchema = object({
  /** `staging` or `production`: which input the report came from. */
  slot: _enum(["staging", "production"]),
  environment: string(),
  status: drillStatusSchema,
  reasons: array(string()),
  reportPath: string().nullable(),
  service: string().nullable(),
  ref: string().nullable(),
  sha: string().nullable(),
  runUrl: string().nullable(),
  states: object({
    deploy: string().nullable(),
    rollback: string().nullable(),
    rollbackCallback: string().nullable(),
    metricsCallback: string().nullable()
  }),
  durations: stepDurationsSchema
});
var deltaSchema = object({
  setting: string(),
  current: string(),
  proposed: string(),
  reason: string()
});
var drillDeltaReportSchema = object({
  schemaVersion: literal(DRILL_REPORT_SCHEMA_VERSION),
  kind: literal(DRILL_REPORT_KIND),
  /** When the evaluation ran (the injectable `now`): readiness judges freshness from this field. */
  generatedAt: string(),
  owner: string().nullable(),
  deltaApplied: string(),
  staging: environmentResultSchema,
  production: environmentResultSchema,
  alerts: array(alertConditionSchema),
  firingAlerts: array(string()),
  events: eventsSummarySchema.nullable(),
  deltas: array(deltaSchema),
  calibration: calibrationSchema,
  notes: array(string())
});

export {
  formatWindow,
  formatLogDate,
  BUDGET_NAMES,
  loadCalibration,
  describeCalibration,
  DRILL_REPORT_SCHEMA_VERSION,
  DRILL_REPORT_KIND,
  ALERT_NAMES,
  drillDeltaReportSchema
};
