import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  NO_DATA_VERDICTS,
  PROBE_TYPES,
  parseStatusList
} from "./chunk-I5LMU77L.js";
import {
  ConfigurationError,
  collectRefs,
  durationSchema,
  refText
} from "./chunk-RLG7PGXJ.js";
import {
  assertionOperatorsSchema,
  didYouMean,
  nearestName,
  parseJsonPath,
  parseValueSource
} from "./chunk-VUTADBIV.js";
import {
  NEVER,
  ZodObject,
  _enum,
  array,
  boolean,
  literal,
  looseObject,
  number,
  object,
  record,
  string,
  union,
  unknown
} from "./chunk-OHNNMSQP.js";
import "./chunk-6MQO5ODA.js";
import "./chunk-ONBS6DE5.js";

// packages/core/src/probes/field-path.ts
var ITEM_NAMES = {
  assertions: "assertion",
  script: "script step",
  scenarios: "scenario",
  steps: "step",
  probes: "probe"
};
function describeFieldPath(path) {
  const parts = [];
  let names = [];
  for (let i = 0; i < path.length; i++) {
    const part = path[i];
    const next = path[i + 1];
    if (typeof part === "string" && typeof next === "number") {
      const list = [...names, part].join(".");
      names = [];
      parts.push(`${ITEM_NAMES[list] ?? `'${list}' entry`} ${next + 1}`);
      i++;
    } else names.push(String(part));
  }
  if (names.length) parts.push(`field '${names.join(".")}'`);
  return parts.join(", ");
}
function describeUnknownField(key, known) {
  const near = nearestName(key, known);
  return near ? `unknown field '${key}' (did you mean '${near}'?)` : `unknown field '${key}' (known fields: ${known.join(", ")})`;
}
function describeEntryIssue(issue, known) {
  const where = issue.path.length ? `${describeFieldPath(issue.path)}: ` : "";
  if (issue.code === "unrecognized_keys" && !issue.path.length) {
    return issue.keys.map((key) => describeUnknownField(key, known)).join("; ");
  }
  return `${where}${issue.message}`;
}

// packages/core/src/probes/metrics/entry.ts
var numberField = (name, example) => number({ message: `${name} must be a number, e.g. ${name}: ${example}` });
var wholeNumber = (name, least, example) => number({ message: `${name} must be a whole number, e.g. ${name}: ${example}` }).int({ message: `${name} must be a whole number, e.g. ${name}: ${example}` }).min(least, { message: `${name} must be ${least} or more, e.g. ${name}: ${example}` });
var positiveDuration = (name, example, meaning) => union([string(), number()], { message: `${name} must be a duration, e.g. ${name}: ${example}` }).pipe(durationSchema).refine((ms) => ms > 0, {
  message: `${name} must be more than 0, e.g. ${name}: ${example} (${meaning})`
});
var BASELINE_FIELDS = ["offset", "maxIncrease"];
var BASELINE_EXAMPLE = "e.g. baseline: { offset: 1h, maxIncrease: 1.5 }";
var baselineFields = object({
  offset: positiveDuration("offset", "1h", "the same query an hour before the step"),
  maxIncrease: numberField("maxIncrease", "1.5 (no worse than 1.5x the baseline)").positive({
    message: "maxIncrease must be more than 0: it is a factor of the baseline value, 1.5 = no worse than 1.5x"
  })
});
var baselineSchema = looseObject({}, { message: `baseline needs offset and maxIncrease, ${BASELINE_EXAMPLE}` }).transform((value, ctx) => {
  const unknown2 = Object.keys(value).find((key) => !BASELINE_FIELDS.includes(key));
  if (unknown2) {
    ctx.addIssue({
      code: "custom",
      message: `unknown field '${unknown2}'${didYouMean(unknown2, BASELINE_FIELDS)}; baseline takes offset and maxIncrease, ${BASELINE_EXAMPLE}`
    });
    return NEVER;
  }
  const parsed = baselineFields.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    return NEVER;
  }
  return { offsetMs: parsed.data.offset, maxIncrease: parsed.data.maxIncrease };
});
var noDataSchema = string({ message: `noData must be one of ${NO_DATA_VERDICTS.join(", ")}` }).transform((value, ctx) => {
  if (NO_DATA_VERDICTS.includes(value)) return value;
  ctx.addIssue({
    code: "custom",
    message: `noData must be one of ${NO_DATA_VERDICTS.join(", ")}${didYouMean(value, NO_DATA_VERDICTS)}`
  });
  return NEVER;
});
var metricEntryShape = {
  /** PromQL for an instant query; may use {{ environment }}, {{ version }}, {{ sha }}, {{ env.NAME }}. */
  query: string({ message: "query must be PromQL text, e.g. query: sum(rate(http_requests_total[2m]))" }).trim().min(1, { message: "query is empty; give PromQL, e.g. query: sum(rate(http_requests_total[2m]))" }).optional(),
  min: numberField("min", "0.99").optional(),
  max: numberField("max", "0.01").optional(),
  /** The same query at the step's start minus `offset`; a value above `baseline x maxIncrease` fails. */
  baseline: baselineSchema.optional(),
  initialDelay: durationSchema.optional(),
  interval: positiveDuration("interval", "30s", "the time between measurements").optional(),
  count: wholeNumber("count", 1, "10 (measurements in the window)").optional(),
  failureLimit: wholeNumber("failureLimit", 0, "1 (failed measurements allowed)").optional(),
  consecutiveErrorLimit: wholeNumber(
    "consecutiveErrorLimit",
    0,
    "4 (query errors in a row allowed)"
  ).optional(),
  inconclusiveLimit: wholeNumber("inconclusiveLimit", 0, "0 (inconclusive measurements allowed)").optional(),
  noData: noDataSchema.optional(),
  /** Sent as `Authorization: Bearer <token>` to the metrics API; may be `{{ env.NAME }}`. */
  bearerToken: string({ message: 'bearerToken must be text, e.g. bearerToken: "{{ env.PROM_TOKEN }}"' }).min(1, { message: 'bearerToken is empty; e.g. bearerToken: "{{ env.PROM_TOKEN }}"' }).optional()
};

// packages/core/src/probes/scenario/entry-schema.ts
var KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
var keySchema = string().regex(KEY, { message: "use letters, digits and _ (starting with a letter), e.g. reconnectOk" });
var valueSourceSchema = string().transform((raw, ctx) => {
  const parsed = parseValueSource(raw);
  if (typeof parsed === "string") {
    ctx.addIssue({ code: "custom", message: parsed });
    return NEVER;
  }
  return parsed;
});
var captureEntrySchema = union([
  string(),
  object({
    path: string().optional(),
    header: string().optional(),
    secret: boolean().optional()
  }).strict()
]);
var capturesSchema = record(keySchema, captureEntrySchema).transform((record2, ctx) => {
  const captures = [];
  for (const [name, raw] of Object.entries(record2)) {
    const spec = typeof raw === "string" ? { path: raw } : raw;
    if (spec.path === void 0 === (spec.header === void 0)) {
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: `capture '${name}' needs exactly one of path or header, e.g. { path: session.token }`
      });
      return NEVER;
    }
    const source = parseValueSource(spec.header !== void 0 ? `header:${spec.header}` : spec.path);
    if (typeof source === "string") {
      ctx.addIssue({ code: "custom", path: [name], message: source });
      return NEVER;
    }
    captures.push({ name, source, secret: spec.secret ?? true });
  }
  return captures;
});
function operators(value, ctx) {
  const parsed = assertionOperatorsSchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
    return void 0;
  }
  return parsed.data;
}
var TEXT_OPS = ["contains", "matches"];
function assertionSchemaWith(bodySchema) {
  return looseObject({}).transform((value, ctx) => {
    if (Object.hasOwn(value, "path")) {
      const parsed = bodySchema.safeParse(value);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
        return NEVER;
      }
      return parsed.data;
    }
    if (Object.hasOwn(value, "header")) {
      const { header, ...rest } = value;
      if (typeof header !== "string" || !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(header)) {
        ctx.addIssue({
          code: "custom",
          message: `'${String(header)}' is not a header name; use e.g. location`
        });
        return NEVER;
      }
      const op2 = operators(rest, ctx);
      if (!op2) return NEVER;
      return { subject: "header", header: header.toLowerCase(), op: headerOperators(op2) };
    }
    const used = Object.keys(value);
    if (!used.length || used.some((key) => !TEXT_OPS.includes(key))) {
      ctx.addIssue({
        code: "custom",
        message: "an assertion needs a path (JSON body, e.g. { path: mode, equals: sso }), a header (e.g. { header: location, matches: ^https:// }), or only contains/matches for the body text"
      });
      return NEVER;
    }
    const op = operators(value, ctx);
    if (!op) return NEVER;
    return { subject: "text", op };
  });
}
function headerOperators(op) {
  const text = (v) => typeof v === "number" || typeof v === "boolean" ? String(v) : v;
  return {
    ...op,
    ...op.equals !== void 0 ? { equals: text(op.equals) } : {},
    ...op.in !== void 0 ? { in: op.in.map(text) } : {}
  };
}
var expectSchema = looseObject({}).transform((value, ctx) => {
  const { path, ...rest } = value;
  if (path !== void 0 && (typeof path !== "string" || !parseJsonPath(path))) {
    ctx.addIssue({ code: "custom", message: `'${String(path)}' is not a path; use e.g. type` });
    return NEVER;
  }
  if (path === void 0 && Object.keys(rest).some((key) => !TEXT_OPS.includes(key))) {
    ctx.addIssue({
      code: "custom",
      message: "expect needs a path with an operator (e.g. { path: type, equals: joined }) or contains/matches"
    });
    return NEVER;
  }
  const op = operators(rest, ctx);
  if (!op) return NEVER;
  return { path, op };
});
var messageSchema = union([
  string(),
  number().transform(String),
  record(string(), unknown()).transform((v) => JSON.stringify(v)),
  array(unknown()).transform((v) => JSON.stringify(v))
]);
var scriptItemSchema = object({
  send: messageSchema.optional(),
  expect: expectSchema.optional(),
  within: durationSchema.optional(),
  capture: capturesSchema.optional(),
  reconnect: literal(true).optional()
}).strict().transform((item, ctx) => {
  const kinds = ["send", "expect", "reconnect"].filter((k) => item[k] !== void 0);
  if (kinds.length !== 1) {
    ctx.addIssue({
      code: "custom",
      message: `each script step is one of send, expect or reconnect (got ${kinds.join(", ") || "none"}), e.g. - send: { type: join }`
    });
    return NEVER;
  }
  if (kinds[0] !== "expect" && (item.within !== void 0 || item.capture !== void 0)) {
    ctx.addIssue({ code: "custom", message: "within and capture belong to an expect step" });
    return NEVER;
  }
  if (item.capture?.some((capture) => capture.source.from === "header")) {
    ctx.addIssue({
      code: "custom",
      message: "a message has no headers: capture from it with a path, e.g. { sessionId: { path: sessionId } }"
    });
    return NEVER;
  }
  if (item.send !== void 0) return { kind: "send", text: item.send };
  if (item.reconnect) return { kind: "reconnect" };
  const expectation = item.expect;
  return {
    kind: "expect",
    ...expectation.path !== void 0 ? { path: expectation.path } : {},
    op: expectation.op,
    ...item.within !== void 0 ? { withinMs: item.within } : {},
    captures: (item.capture ?? []).map((c) => ({ ...c }))
  };
});
var scenarioEntryShape = {
  /** `false`: judge the first answer (inspect a redirect). Default true (up to 5 redirects). */
  followRedirects: boolean().optional(),
  /** Values to capture from the response, for later steps and the report. */
  capture: capturesSchema.optional(),
  /** A WebSocket conversation (ws probes only). */
  script: array(scriptItemSchema).min(1).optional(),
  /** Where this probe's response reports its version (overrides the `version-from` input). */
  versionFrom: valueSourceSchema.optional(),
  /** `false`: this probe is not held to `expected-version`. */
  checkVersion: boolean().optional(),
  /** `captured.<key>` in the report: true when this probe passed. */
  resultKey: keySchema.optional()
};
var SCENARIO_FIELDS = Object.keys(scenarioEntryShape);

// packages/core/src/probes/scenario/file.ts
function isScenarioFile(data) {
  return typeof data === "object" && data !== null && !Array.isArray(data) && (Object.hasOwn(data, "steps") || Object.hasOwn(data, "scenarios"));
}
var STEP_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
function parseScenarioFile(data, what, entrySchema) {
  const fileSchema = object({
    probes: array(unknown()).optional(),
    steps: array(unknown()).optional(),
    scenarios: array(
      object({
        name: string().min(1),
        resultKey: keySchema.optional(),
        steps: array(unknown()).min(1)
      }).strict()
    ).optional()
  }).strict();
  const file = fileSchema.safeParse(data);
  if (!file.success) {
    const issue = file.error.issues[0];
    const message = issue.code === "unrecognized_keys" ? `unknown key ${issue.keys.map((key) => `'${key}'`).join(", ")} (a scenario file has probes, steps and scenarios: [{ name, resultKey, steps }])` : issue.message;
    throw new ConfigurationError(`${what}: ${describeFieldPath(issue.path) || "the file"}: ${message}`);
  }
  const out = [];
  const parseEntry = (raw, location) => {
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const known = entrySchema instanceof ZodObject ? Object.keys(entrySchema.shape) : [];
      const separator = issue.path.length ? ", " : ": ";
      throw new ConfigurationError(`${what}, ${location}${separator}${describeEntryIssue(issue, known)}`);
    }
    return parsed.data;
  };
  for (const [index, raw] of (file.data.probes ?? []).entries()) {
    const entry = parseEntry(raw, `probe ${index + 1}`);
    const refs = refsAt(entry, `${what}, probe ${index + 1}`);
    const stepRef = refs.find((ref) => ref.kind === "step");
    if (stepRef)
      throw new ConfigurationError(
        `${what}, probe ${index + 1}: ${refText(stepRef)} can only be used by a step of a scenario (move the probe under steps:)`
      );
    out.push(entry);
  }
  const scenarios = [
    ...file.data.steps ? [{ name: "steps", steps: file.data.steps, resultKey: void 0 }] : [],
    ...file.data.scenarios ?? []
  ];
  const scenarioNames = /* @__PURE__ */ new Set();
  for (const scenario of scenarios) {
    if (scenarioNames.has(scenario.name))
      throw new ConfigurationError(`${what}: two scenarios are named '${scenario.name}'; names must differ`);
    scenarioNames.add(scenario.name);
    const declared = /* @__PURE__ */ new Map();
    for (const [index, raw] of scenario.steps.entries()) {
      const location = `scenario '${scenario.name}', step ${index + 1}`;
      const entry = parseEntry(raw, location);
      const name = entry.name;
      if (typeof name !== "string" || !STEP_NAME.test(name)) {
        throw new ConfigurationError(
          `${what}, ${location}: a step needs a name of letters, digits, _ and - (e.g. name: login), so later steps can use {{ steps.login.<capture> }}`
        );
      }
      if (declared.has(name))
        throw new ConfigurationError(`${what}, ${location}: another step is already named '${name}'`);
      for (const ref of refsAt(entry, `${what}, ${location}`)) {
        if (ref.kind !== "step") continue;
        const captures = declared.get(ref.step);
        if (!captures)
          throw new ConfigurationError(
            `${what}, ${location}: ${refText(ref)} refers to no earlier step of scenario '${scenario.name}' (steps run in order; earlier steps: ${[...declared.keys()].join(", ") || "none"})`
          );
        if (!captures.has(ref.capture))
          throw new ConfigurationError(
            `${what}, ${location}: ${refText(ref)}: step '${ref.step}' captures no '${ref.capture}' (it captures: ${[...captures].join(", ") || "nothing"})`
          );
      }
      declared.set(name, captureNames(entry));
      out.push({
        ...entry,
        step: {
          scenario: scenario.name,
          step: name,
          index,
          count: scenario.steps.length,
          ...scenario.resultKey ? { scenarioResultKey: scenario.resultKey } : {}
        }
      });
    }
  }
  if (!out.length) throw new ConfigurationError(`${what}: no probes and no steps`);
  return out;
}
function refsAt(entry, where) {
  try {
    return collectRefs(entry);
  } catch (error) {
    throw new ConfigurationError(`${where}: ${error.message}`);
  }
}
function captureNames(entry) {
  const names = /* @__PURE__ */ new Set();
  for (const capture of entry.capture ?? []) names.add(capture.name);
  for (const step of entry.script ?? []) {
    for (const capture of step.captures ?? []) names.add(capture.name);
  }
  return names;
}

// packages/core/src/probes/probes-file.ts
var statusListSchema = union([string(), number(), array(union([string(), number()]))]).transform((raw, ctx) => {
  const list = parseStatusList(raw);
  if (!list) {
    ctx.addIssue({
      code: "custom",
      message: `'${String(raw)}' is not a status list; use e.g. 200, 200,204 or 200-299`
    });
    return NEVER;
  }
  return list;
});
var probeAssertionSchema = looseObject({ path: string({ message: "an assertion needs a path, e.g. status" }) }).transform((value, ctx) => {
  const { path, ...operators2 } = value;
  if (!parseJsonPath(path)) {
    ctx.addIssue({ code: "custom", message: `'${path}' is not a path; use e.g. checks.db[0].status` });
    return NEVER;
  }
  const parsed = assertionOperatorsSchema.safeParse(operators2);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
    return NEVER;
  }
  return { subject: "body", path, op: parsed.data };
});
var headerValue = union([string(), number()]).transform(String).refine((value) => !/[\r\n\0]/.test(value), { message: "a header value cannot contain line breaks" });
var probeFileEntrySchema = object({
  name: string().min(1).optional(),
  type: _enum(PROBE_TYPES).optional(),
  url: string().min(1).optional(),
  command: string().min(1).optional(),
  args: array(union([string(), number()]).transform(String)).optional(),
  method: string().regex(/^[A-Za-z]+$/, { message: "use an HTTP method such as GET or POST" }).optional(),
  headers: record(string(), headerValue).optional(),
  /** Header names whose values are secrets: masked and dropped on cross-origin redirects. */
  secretHeaders: array(string()).optional(),
  body: union([string(), record(string(), unknown()), array(unknown())]).optional(),
  expectedStatus: statusListSchema.optional(),
  assertions: array(assertionSchemaWith(probeAssertionSchema)).optional(),
  latencyBudget: durationSchema.optional(),
  timeout: durationSchema.optional(),
  /** Bake time for this probe (overrides the smoke `watch` input); not for prometheus probes. */
  watch: durationSchema.optional(),
  dryRun: boolean().optional(),
  ...scenarioEntryShape,
  ...metricEntryShape
}).strict();
var PROBE_FIELDS = Object.keys(probeFileEntrySchema.shape);
var EXAMPLE = "Expected a list of probes such as:\n  - url: https://shop.example.com/healthz\n    expectedStatus: 200";
function parseProbesData(data, what) {
  if (isScenarioFile(data)) return parseScenarioFile(data, what, probeFileEntrySchema);
  const shapeProblem = describeShape(data);
  if (shapeProblem) throw new ConfigurationError(`${what}: ${shapeProblem}. ${EXAMPLE}`);
  const list = Array.isArray(data) ? data : data.probes;
  const parsed = array(probeFileEntrySchema).safeParse(list);
  if (!parsed.success) throw new ConfigurationError(`${what}: ${describeIssue(parsed.error)}`);
  return parsed.data;
}
function describeShape(data) {
  if (Array.isArray(data)) return void 0;
  if (data === null || data === void 0) return "the file is empty";
  if (typeof data !== "object") return `the file holds a ${typeof data}, not a list of probes`;
  const keys = Object.keys(data);
  const others = keys.filter((key) => key !== "probes");
  const named = (key) => `'${key}:'${didYouMean(key, TOP_LEVEL_KEYS)}`;
  if (!keys.includes("probes")) {
    return others.length ? `the file has ${others.map(named).join(", ")} but no 'probes:' list` : "the file has no 'probes:' list";
  }
  if (others.length)
    return `unknown top-level key ${others.map(named).join(", ")}; only 'probes:' is expected`;
  if (!Array.isArray(data.probes)) return "'probes:' must be a list";
  return void 0;
}
var TOP_LEVEL_KEYS = ["probes", "steps", "scenarios"];
function describeIssue(error) {
  const issue = error.issues[0];
  if (!issue) return "does not match the probes file format";
  const [index, ...field] = issue.path;
  if (typeof index !== "number") return `the list: ${issue.message}`;
  return `probe ${index + 1}${field.length ? ", " : ": "}${describeEntryIssue({ ...issue, path: field }, PROBE_FIELDS)}`;
}
export {
  parseProbesData,
  probeAssertionSchema,
  probeFileEntrySchema,
  statusListSchema
};
