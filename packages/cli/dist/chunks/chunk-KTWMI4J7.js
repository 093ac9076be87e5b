import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  drillDeltaReportSchema
} from "./chunk-GJWIN6ME.js";
import {
  READABLE_EVIDENCE_SCHEMA_VERSIONS,
  readableEvidenceReportSchemas
} from "./chunk-UW4UXIXP.js";
import {
  parseYaml
} from "./chunk-7KG7ZHVP.js";
import {
  EVIDENCE_DIR
} from "./chunk-4SBYOLP5.js";
import {
  MANIFEST_FILE,
  digestFile,
  evidenceManifestSchema
} from "./chunk-CXCIOPH6.js";
import {
  releaseGateReportSchema,
  writeJsonFile,
  writeOutputFile
} from "./chunk-SV4FLVHX.js";
import {
  durationSchema,
  formatDuration
} from "./chunk-FEJLSRR4.js";
import {
  ConfigurationError,
  GateBlocked
} from "./chunk-ZUWSAP7Z.js";
import {
  assertionOperatorsSchema,
  evaluateAssertion,
  getJsonPath,
  parseJsonPath
} from "./chunk-YGJASLSA.js";
import {
  NEVER,
  _enum,
  _null,
  array,
  boolean,
  literal,
  number,
  object,
  record,
  string,
  union,
  unknown
} from "./chunk-H3HWWZLP.js";

// packages/core/src/readiness/evidence.ts
import { readdir, readFile as readFile3 } from "node:fs/promises";
import { join as join2 } from "node:path";

// packages/core/src/readiness/checklist.ts
import { readFile as readFile2 } from "node:fs/promises";

// packages/core/src/receiver-evidence/user-evidence.ts
import { readFile } from "node:fs/promises";
import { join } from "node:path";
var scalar = union([string(), number(), boolean(), _null()]);
var userEvidenceSpecSchema = object({
  name: string().min(1),
  file: string().min(1),
  statusPath: string().min(1).optional(),
  healthy: array(scalar).min(1).optional(),
  skipped: array(scalar).min(1).optional(),
  reasonPath: string().min(1).default("reason"),
  /** Judged from the manifest's `createdAt` (when the bundle was sealed). */
  maxAge: durationSchema.optional()
}).strict().superRefine((value, ctx) => {
  if ((value.healthy || value.skipped) && !value.statusPath)
    ctx.addIssue({
      code: "custom",
      path: ["statusPath"],
      message: "is required with healthy or skipped (e.g. status)"
    });
  if (value.statusPath && !value.healthy)
    ctx.addIssue({
      code: "custom",
      path: ["healthy"],
      message: "is required with statusPath (e.g. [applied])"
    });
});
async function checkUserEvidence(spec, bundleDir, now) {
  const candidates = spec.file.startsWith(`${EVIDENCE_DIR}/`) ? [spec.file] : [`${EVIDENCE_DIR}/${spec.file}`, spec.file];
  const result = (status2, reason, extra = {}) => ({
    name: spec.name,
    source: `${bundleDir}/${MANIFEST_FILE} -> ${candidates[0]}`,
    status: status2,
    reason,
    timestampField: null,
    timestamp: null,
    ageMs: null,
    maxAgeMs: spec.maxAge ?? 0,
    checks: [],
    ...extra
  });
  const manifestPath = join(bundleDir, MANIFEST_FILE);
  let text;
  try {
    text = await readFile(manifestPath, "utf8");
  } catch {
    return result(
      "missing",
      `${spec.name}: the evidence bundle has no ${MANIFEST_FILE} at ${bundleDir} (the report action writes it)`
    );
  }
  let manifest;
  try {
    manifest = evidenceManifestSchema.parse(JSON.parse(text));
  } catch (error) {
    return result(
      "unparseable",
      `${spec.name}: ${manifestPath} is not a valid evidence manifest: ${error.message.split("\n")[0]}`
    );
  }
  const entry = manifest.files.find((file) => candidates.includes(file.path));
  if (!entry)
    return result(
      "missing",
      `${spec.name} is missing: ${candidates.join(" or ")} is not listed in the bundle's ${MANIFEST_FILE}; add it with the report action's evidence input`
    );
  const source = `${bundleDir}/${entry.path}`;
  let digest;
  try {
    digest = await digestFile(join(bundleDir, entry.path));
  } catch {
    return result(
      "missing",
      `${spec.name} is listed in the manifest but ${entry.path} is not in the bundle`,
      { source }
    );
  }
  if (digest.sha256 !== entry.sha256)
    return result(
      "unhealthy",
      `${spec.name}: ${entry.path} does not match its manifest sha256 (changed after the bundle was sealed)`,
      {
        source
      }
    );
  const sealed = Date.parse(manifest.createdAt);
  const dated = {
    source,
    timestampField: "manifest.createdAt",
    timestamp: Number.isNaN(sealed) ? null : new Date(sealed).toISOString(),
    ageMs: Number.isNaN(sealed) ? null : now.getTime() - sealed
  };
  if (spec.maxAge !== void 0) {
    if (Number.isNaN(sealed))
      return result(
        "no-timestamp",
        `${spec.name}: the manifest's createdAt '${manifest.createdAt}' is not a timestamp`,
        dated
      );
    if (now.getTime() - sealed > spec.maxAge)
      return result(
        "stale",
        `${spec.name} is stale: the bundle was sealed ${formatDuration(now.getTime() - sealed)} ago, more than ${formatDuration(spec.maxAge)}`,
        dated
      );
  }
  if (!spec.statusPath)
    return result("ok", `${spec.name} is in the evidence bundle (sha256 verified)`, dated);
  let document;
  try {
    document = JSON.parse(await readFile(join(bundleDir, entry.path), "utf8"));
  } catch (error) {
    return result(
      "unparseable",
      `${spec.name}: ${entry.path} is not valid JSON: ${error.message}`,
      dated
    );
  }
  const status = getJsonPath(document, spec.statusPath);
  const shown = status.found ? JSON.stringify(status.value) : "(absent)";
  const healthy = spec.healthy ?? [];
  const skipped = spec.skipped ?? [];
  const expected = `${healthy.map((v) => JSON.stringify(v)).join(" or ")}${skipped.length ? `, or ${skipped.map((v) => JSON.stringify(v)).join(" or ")} with a reason at ${spec.reasonPath}` : ""}`;
  const check = (ok) => ({
    checks: [{ name: `${spec.name} status`, path: spec.statusPath, ok, expected, actual: shown }]
  });
  const value = status.value;
  if (status.found && healthy.includes(value))
    return result(
      "ok",
      `${spec.name} is in the bundle (sha256 verified) and ${spec.statusPath} is ${shown}`,
      { ...dated, ...check(true) }
    );
  if (status.found && skipped.includes(value)) {
    const reason = getJsonPath(document, spec.reasonPath);
    if (reason.found && typeof reason.value === "string" && reason.value.trim())
      return result("ok", `${spec.name} was skipped with a recorded reason: ${reason.value.trim()}`, {
        ...dated,
        ...check(true)
      });
    return result(
      "unhealthy",
      `${spec.name} is ${shown} without a recorded reason (${spec.reasonPath} is empty)`,
      {
        ...dated,
        ...check(false)
      }
    );
  }
  return result(
    "unhealthy",
    `${spec.name} is unhealthy: ${spec.statusPath} is ${shown}, expected ${expected}`,
    { ...dated, ...check(false) }
  );
}

// packages/core/src/readiness/rules.ts
var DAY = 864e5;
var ACCEPTABLE_STATUSES = ["partial"];
function statusCheck(entry, accept = []) {
  if (!entry.status) return [];
  const { name, path } = entry.status;
  return [{ name, path, op: accept.length ? { in: ["passed", ...accept] } : { equals: "passed" } }];
}
function evidenceReport(report) {
  const versions = READABLE_EVIDENCE_SCHEMA_VERSIONS[report.kind];
  return {
    id: report.id,
    name: report.name,
    path: `build-artifacts/release-gate-${report.kind}-report.json`,
    maxAgeMs: report.maxAgeMs,
    timestampPath: "generatedAt",
    checks: [
      { name: "report kind", path: "kind", op: { equals: report.kind } },
      {
        name: "schema version",
        path: "schemaVersion",
        op: versions.length === 1 ? { equals: versions[0] } : { in: versions }
      }
    ],
    status: { name: report.passedCheck, path: "status", acceptable: report.acceptable ?? [] },
    ...report.explain ? { explain: report.explain } : {},
    description: report.description,
    schema: readableEvidenceReportSchemas[report.kind]
  };
}
function explainPartialValidation(document) {
  const report = document;
  if (report.status !== "partial") return void 0;
  const skipped = report.checks.filter((check) => check.status === "skipped").map((check) => check.name);
  return `skipped: ${skipped.join(", ")} (no receiver metrics URL), so the idempotency contract is not proved; give the evidence step receiver-metrics-url, or accept it in the checklist: evidence: [{ id: receiverValidationReport, accept: [partial] }]`;
}
var DEFAULT_EVIDENCE = [
  {
    id: "drillDeltaReport",
    name: "drill delta report",
    path: "build-artifacts/release-gate-drill-delta-report.json",
    // Drills run weekly; a day of slack for a late run.
    maxAgeMs: 8 * DAY,
    timestampPath: "generatedAt",
    checks: [
      { name: "staging drill", path: "staging.status", op: { equals: "drill_passed" } },
      { name: "production drill", path: "production.status", op: { equals: "drill_passed" } }
    ],
    description: "the last rollback drill report is present, fresh, and neither environment is missing or attention_required",
    schema: drillDeltaReportSchema
  },
  // The evidence reports (evidence action / validate-receiver, drill-receiver, calibrate-load): each
  // present, parseable (schemaVersion and kind checked), fresh by its generatedAt, and passed.
  evidenceReport({
    id: "receiverValidationReport",
    kind: "receiver-validation",
    name: "receiver validation report",
    maxAgeMs: 8 * DAY,
    passedCheck: "receiver validation",
    acceptable: ["partial"],
    explain: explainPartialValidation,
    description: "the callback receiver proved its signing and idempotency contract (receiver validation passed)"
  }),
  evidenceReport({
    id: "receiverDrillReport",
    kind: "receiver-drill",
    name: "ops receiver drill report",
    maxAgeMs: 8 * DAY,
    passedCheck: "receiver drill",
    description: "a drill callback reached the receiver in time for every environment (receiver drill passed)"
  }),
  evidenceReport({
    id: "loadCalibrationReport",
    kind: "load-calibration",
    name: "load budget calibration report",
    // Load budgets move slowly; recalibrate monthly.
    maxAgeMs: 31 * DAY,
    passedCheck: "load within budgets",
    description: "bounded load stayed within the latency and error budgets (load calibration passed)"
  })
];
var FACT_RULES = [
  {
    id: "targetIsMain",
    description: "the target ref is the main branch (or a tag matching release-tag-pattern)"
  },
  { id: "releaseOwnerNamed", description: "a release owner is named" },
  { id: "rollbackOwnerNamed", description: "a rollback owner is named" },
  { id: "rollbackRefSet", description: "a rollback ref is set (and differs from the target)" },
  { id: "latestSmokePassed", description: "the latest release-gate report is fresh and its smoke passed" }
];
function builtInRuleIds(defaults = DEFAULT_EVIDENCE) {
  return [...FACT_RULES.map((rule) => rule.id), ...defaults.map((entry) => entry.id)];
}
var PLACEHOLDERS = /* @__PURE__ */ new Set(["", "tbd", "todo", "unknown", "none", "n/a", "na", "-", "?", "nobody"]);
function isNamed(value) {
  return value !== void 0 && !PLACEHOLDERS.has(value.trim().toLowerCase());
}
function tagPatternToRegExp(pattern) {
  const body = pattern.split("").map((char) => char === "*" ? ".*" : char === "?" ? "." : char.replace(/[.+^${}()|[\]\\]/g, "\\$&")).join("");
  return new RegExp(`^${body}$`);
}
function checkTargetRef(targetRef, mainBranch, releaseTagPattern) {
  if (!targetRef?.trim()) return { ok: false, reason: "no target ref given (input target-ref)" };
  const ref = targetRef.trim();
  const tagAllowed = (tag) => Boolean(releaseTagPattern) && tagPatternToRegExp(releaseTagPattern).test(tag);
  if (ref.startsWith("refs/heads/")) {
    const branch = ref.slice("refs/heads/".length);
    if (branch === mainBranch) return { ok: true, reason: `target ${ref} is the main branch` };
    return {
      ok: false,
      reason: `target ${ref} is branch '${branch}', not the main branch '${mainBranch}': no release from a feature branch`
    };
  }
  if (ref.startsWith("refs/tags/")) {
    const tag = ref.slice("refs/tags/".length);
    if (tagAllowed(tag))
      return { ok: true, reason: `target ${ref} matches release-tag-pattern '${releaseTagPattern}'` };
    return {
      ok: false,
      reason: releaseTagPattern ? `target tag '${tag}' does not match release-tag-pattern '${releaseTagPattern}'` : `target is tag '${tag}' but no release-tag-pattern allows tags`
    };
  }
  if (ref === mainBranch) return { ok: true, reason: `target '${ref}' is the main branch` };
  if (tagAllowed(ref))
    return { ok: true, reason: `target '${ref}' matches release-tag-pattern '${releaseTagPattern}'` };
  return {
    ok: false,
    reason: `target '${ref}' is not the main branch '${mainBranch}'${releaseTagPattern ? ` nor a tag matching '${releaseTagPattern}'` : ""}`
  };
}

// packages/core/src/readiness/checklist.ts
var jsonPathString = string().min(1).refine((path) => parseJsonPath(path) !== void 0, {
  message: "is not a dotted path such as checks.db[0].status"
});
var statusCheckSchema = object({ name: string().optional(), path: jsonPathString }).catchall(unknown()).transform((value, ctx) => {
  const { name, path, ...ops } = value;
  const parsed = assertionOperatorsSchema.safeParse(ops);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
    return NEVER;
  }
  return { name: name ?? path, path, op: parsed.data };
});
var DEFAULT_TIMESTAMP_FIELDS = ["generatedAt", "updatedAt", "finishedAt", "createdAt", "timestamp"];
var healthyValue = union([string(), number(), boolean(), _null()]);
var evidenceSpecSchema = object({
  /** A built-in evidence id (e.g. `drillDeltaReport`) to override its fields; custom entries may omit it. */
  id: string().optional(),
  name: string().min(1).optional(),
  path: string().min(1).optional(),
  artifact: string().min(1).optional(),
  /** The file inside the artifact folder (default: the folder's only .json file). */
  file: string().min(1).optional(),
  maxAge: durationSchema.optional(),
  timestampPath: jsonPathString.optional(),
  statusPath: jsonPathString.optional(),
  healthy: array(healthyValue).min(1).optional(),
  checks: array(statusCheckSchema).optional(),
  /**
   * Statuses short of `passed` accepted for a built-in report: `[partial]` takes a receiver validation
   * whose counting checks were skipped (no receiver metrics URL) as enough.
   */
  accept: array(_enum(ACCEPTABLE_STATUSES)).min(1).optional()
}).strict().superRefine((value, ctx) => {
  if (value.statusPath && !value.healthy)
    ctx.addIssue({
      code: "custom",
      path: ["healthy"],
      message: "is required with statusPath (e.g. [pass, ok])"
    });
  if (value.healthy && !value.statusPath)
    ctx.addIssue({
      code: "custom",
      path: ["statusPath"],
      message: "is required with healthy (e.g. status)"
    });
  if (value.path && value.artifact)
    ctx.addIssue({ code: "custom", path: ["artifact"], message: "give either path or artifact, not both" });
});
var factsSchema = object({
  targetRef: string().optional(),
  releaseOwner: string().optional(),
  rollbackOwner: string().optional(),
  rollbackRef: string().optional(),
  mainBranch: string().optional(),
  releaseTagPattern: string().optional()
}).strict();
var checklistSchema = object({
  /** Turn built-in rules off, explicitly and visibly: `rules: { targetIsMain: false }`. */
  rules: record(string(), boolean()).default({}),
  evidence: array(evidenceSpecSchema).default([]),
  /** Assertions on the latest release-gate report, e.g. `{ path: smoke.captured.reconnectOk, equals: true }`. */
  require: array(statusCheckSchema).default([]),
  /** Named user evidence files required in the gate's evidence bundle, checked through its manifest.json. */
  userEvidence: array(userEvidenceSpecSchema).default([]),
  facts: factsSchema.default({})
}).strict();
var EMPTY_CHECKLIST = checklistSchema.parse({});
async function loadChecklist(path) {
  let text;
  try {
    text = await readFile2(path, "utf8");
  } catch (error) {
    throw new ConfigurationError(
      `checklist '${path}' cannot be read (${error.code ?? error.message})`
    );
  }
  let data;
  try {
    data = await parseYaml(text);
  } catch (error) {
    throw new ConfigurationError(
      `checklist '${path}' is not valid YAML/JSON: ${error.message.split("\n")[0]}`
    );
  }
  return parseChecklist(data ?? {}, `checklist '${path}'`);
}
function parseChecklist(data, what = "checklist") {
  const parsed = checklistSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? issue.path.join(".") : "(root)";
    throw new ConfigurationError(`${what}: field '${field}': ${issue?.message}`);
  }
  return parsed.data;
}

// packages/core/src/readiness/evidence.ts
var evidenceStatusSchema = _enum([
  "ok",
  "missing",
  "unparseable",
  "no-timestamp",
  "stale",
  "unhealthy"
]);
var checkResultSchema = object({
  name: string(),
  path: string(),
  ok: boolean(),
  expected: string(),
  actual: string()
});
var evidenceResultSchema = object({
  name: string(),
  /** Where it was looked for (workspace-relative as given, or `artifact <name>/<file>`). */
  source: string(),
  status: evidenceStatusSchema,
  reason: string(),
  timestampField: string().nullable(),
  timestamp: string().nullable(),
  ageMs: number().nullable(),
  maxAgeMs: number(),
  checks: array(checkResultSchema)
});
var FUTURE_TOLERANCE_MS = 5 * 6e4;
async function locate(spec, where) {
  if (spec.path) {
    return {
      file: spec.path.startsWith("/") ? spec.path : join2(where.workspace, spec.path),
      source: spec.path
    };
  }
  if (!spec.artifact)
    return { source: "(no path)", problem: "the evidence entry names neither path nor artifact" };
  const dir = join2(where.artifactsDir, spec.artifact);
  if (spec.file) return { file: join2(dir, spec.file), source: `artifact ${spec.artifact}/${spec.file}` };
  let names;
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith(".json"));
  } catch {
    return {
      source: `artifact ${spec.artifact}`,
      problem: `artifact '${spec.artifact}' was not downloaded (no folder ${dir})`
    };
  }
  if (names.length !== 1)
    return {
      source: `artifact ${spec.artifact}`,
      problem: `artifact '${spec.artifact}' holds ${names.length} JSON files; name one with 'file'`
    };
  return { file: join2(dir, names[0]), source: `artifact ${spec.artifact}/${names[0]}` };
}
async function checkEvidence(spec, where, now) {
  const base = {
    name: spec.name,
    maxAgeMs: spec.maxAgeMs,
    timestampField: null,
    timestamp: null,
    ageMs: null,
    checks: []
  };
  const located = await locate(spec, where);
  if (!located.file)
    return { ...base, source: located.source, status: "missing", reason: located.problem ?? "not found" };
  let text;
  try {
    text = await readFile3(located.file, "utf8");
  } catch (error) {
    const code = error.code;
    return {
      ...base,
      source: located.source,
      status: "missing",
      reason: code === "ENOENT" ? `${spec.name} is missing: no file at ${located.source}` : `${spec.name} cannot be read (${code})`
    };
  }
  let document;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return {
      ...base,
      source: located.source,
      status: "unparseable",
      reason: `${spec.name} at ${located.source} is not valid JSON: ${error.message}`
    };
  }
  if (spec.schema) {
    const parsed = spec.schema.safeParse(document);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : "";
      return {
        ...base,
        source: located.source,
        status: "unparseable",
        reason: `${spec.name} at ${located.source} does not match its schema: field '${issue?.path.join(".") || "(root)"}': ${issue?.message}${more}`
      };
    }
  }
  const fields = spec.timestampPath ? [spec.timestampPath] : DEFAULT_TIMESTAMP_FIELDS;
  let timestampField = null;
  let timestampMs = Number.NaN;
  let rawTimestamp;
  for (const field of fields) {
    const lookup = getJsonPath(document, field);
    if (!lookup.found) continue;
    timestampField = field;
    rawTimestamp = lookup.value;
    timestampMs = typeof lookup.value === "string" ? Date.parse(lookup.value) : Number.NaN;
    break;
  }
  const checks = spec.checks.map((check) => {
    const lookup = getJsonPath(document, check.path);
    const outcome = evaluateAssertion(check.op, lookup.found, lookup.value);
    return { name: check.name, path: check.path, ...outcome };
  });
  const withSource = { ...base, source: located.source, timestampField, checks };
  if (timestampField === null || Number.isNaN(timestampMs)) {
    return {
      ...withSource,
      status: "no-timestamp",
      reason: timestampField === null ? `${spec.name} has no timestamp field (looked for ${fields.join(", ")}); freshness cannot be judged` : `${spec.name} field '${timestampField}' is not an ISO timestamp (${JSON.stringify(rawTimestamp)})`
    };
  }
  const timestamp = new Date(timestampMs).toISOString();
  const ageMs = now.getTime() - timestampMs;
  const dated = { ...withSource, timestamp, ageMs };
  if (ageMs < -FUTURE_TOLERANCE_MS) {
    return {
      ...dated,
      status: "no-timestamp",
      reason: `${spec.name} '${timestampField}' ${timestamp} is in the future (clock or file wrong)`
    };
  }
  if (ageMs > spec.maxAgeMs) {
    return {
      ...dated,
      status: "stale",
      reason: `${spec.name} is stale: '${timestampField}' ${timestamp} is ${formatDuration(ageMs)} old, more than ${formatDuration(spec.maxAgeMs)}`
    };
  }
  const failed = checks.filter((check) => !check.ok);
  if (failed.length) {
    const more = spec.explain?.(document);
    return {
      ...dated,
      status: "unhealthy",
      reason: `${spec.name} is unhealthy: ${failed.map((check) => `${check.path} is ${check.actual}, expected ${check.expected}`).join("; ")}${more ? `; ${more}` : ""}`
    };
  }
  return {
    ...dated,
    status: "ok",
    reason: `${spec.name} is fresh (${formatDuration(Math.max(0, ageMs))} old) and healthy`
  };
}

// packages/core/src/readiness/record.ts
var DECISION_SCHEMA_VERSION = 1;
var DECISION_KIND = "release-gate-readiness-decision";
var ruleResultSchema = object({
  id: string(),
  kind: _enum(["fact", "evidence", "report-check"]),
  description: string(),
  /** `off`: turned off explicitly in the checklist (`rules: { <id>: false }`). */
  status: _enum(["passed", "failed", "off"]),
  reason: string(),
  evidence: array(evidenceResultSchema)
});
var readinessDecisionSchema = object({
  schemaVersion: literal(DECISION_SCHEMA_VERSION),
  kind: literal(DECISION_KIND),
  decision: _enum(["GO", "NO-GO"]),
  decidedAt: string(),
  targetRef: string().nullable(),
  mainBranch: string(),
  releaseTagPattern: string().nullable(),
  releaseOwner: string().nullable(),
  rollbackOwner: string().nullable(),
  rollbackRef: string().nullable(),
  checklist: string().nullable(),
  reportPath: string().nullable(),
  rules: array(ruleResultSchema),
  failedRules: array(object({ id: string(), reason: string() })),
  rulesOff: array(string())
});
var cell = (text) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
function decisionMarkdown(record2) {
  const icon = { passed: "\u2705 pass", failed: "\u274C FAIL", off: "\u23F8\uFE0F off" };
  const order = { failed: 0, passed: 1, off: 2 };
  const rows = [...record2.rules].sort((a, b) => order[a.status] - order[b.status]);
  const lines = [
    `# Readiness: ${record2.decision === "GO" ? "\u2705 GO" : "\u26D4 NO-GO"}`,
    "",
    `Decided ${record2.decidedAt} (UTC) for target \`${record2.targetRef ?? "(none)"}\`.`,
    "",
    "| Fact | Value |",
    "| --- | --- |",
    `| Target ref | ${cell(record2.targetRef ?? "(not given)")} |`,
    `| Main branch | ${cell(record2.mainBranch)} |`,
    `| Release tag pattern | ${cell(record2.releaseTagPattern ?? "(none)")} |`,
    `| Release owner | ${cell(record2.releaseOwner ?? "(not named)")} |`,
    `| Rollback owner | ${cell(record2.rollbackOwner ?? "(not named)")} |`,
    `| Rollback ref | ${cell(record2.rollbackRef ?? "(not set)")} |`,
    `| Checklist | ${cell(record2.checklist ?? "(none: built-in rules only)")} |`,
    "",
    "| Rule | Result | Reason | Evidence |",
    "| --- | --- | --- | --- |",
    ...rows.map((rule) => {
      const evidence = rule.evidence.map(
        (item) => `${item.name}: ${item.status}${item.timestamp ? ` (${item.timestampField} ${item.timestamp})` : ""} ${item.source}`
      ).join("; ");
      return `| ${cell(rule.id)} | ${icon[rule.status]} | ${cell(rule.reason)} | ${cell(evidence || "-")} |`;
    }),
    ""
  ];
  if (record2.rulesOff.length)
    lines.push(
      `Rules turned off in the checklist: ${record2.rulesOff.map((id) => `\`${id}\``).join(", ")}.`,
      ""
    );
  return lines.join("\n");
}

// packages/core/src/readiness/readiness-checklist.ts
import { access } from "node:fs/promises";
import { basename, join as join5, resolve } from "node:path";

// packages/core/src/readiness/evaluate.ts
import { readFile as readFile4 } from "node:fs/promises";
import { dirname, isAbsolute, join as join3 } from "node:path";
var DAY2 = 864e5;
function evidenceSpecs(checklist, defaults, overrides) {
  const specs = [];
  const byId = new Map(checklist.evidence.filter((entry) => entry.id).map((entry) => [entry.id, entry]));
  for (const entry of defaults) {
    const custom = byId.get(entry.id);
    const override = overrides[entry.id];
    const useArtifact = custom?.artifact && !override;
    const accept = custom?.accept ?? [];
    const refused = accept.filter((status) => !entry.status?.acceptable.includes(status));
    if (refused.length)
      throw new ConfigurationError(
        `checklist: evidence '${entry.id}': accept: [${refused.join(", ")}] does not apply to the ${entry.name} (${entry.status?.acceptable.length ? `it may accept: ${entry.status.acceptable.join(", ")}` : "it has no status short of passed to accept"})`
      );
    specs.push({
      builtIn: true,
      kind: "evidence",
      description: entry.description,
      spec: {
        id: entry.id,
        name: custom?.name ?? entry.name,
        path: useArtifact ? void 0 : override ?? custom?.path ?? entry.path,
        artifact: useArtifact ? custom?.artifact : void 0,
        file: custom?.file,
        maxAgeMs: custom?.maxAge ?? entry.maxAgeMs,
        timestampPath: custom?.timestampPath ?? entry.timestampPath,
        checks: [...entry.checks, ...statusCheck(entry, accept), ...custom?.checks ?? []],
        schema: entry.schema,
        explain: entry.explain
      }
    });
  }
  const defaultIds = new Set(defaults.map((entry) => entry.id));
  for (const [index, entry] of checklist.evidence.entries()) {
    if (entry.id && defaultIds.has(entry.id)) continue;
    const name = entry.name ?? entry.id;
    if (!name) throw new ConfigurationError(`checklist: field 'evidence.${index}.name': is required`);
    if (!entry.path && !entry.artifact)
      throw new ConfigurationError(
        `checklist: field 'evidence.${index}': give a path or an artifact for '${name}'`
      );
    if (entry.maxAge === void 0)
      throw new ConfigurationError(
        `checklist: field 'evidence.${index}.maxAge': is required for '${name}' (e.g. 24h)`
      );
    if (entry.accept)
      throw new ConfigurationError(
        `checklist: field 'evidence.${index}.accept': applies to a built-in report (e.g. id: receiverValidationReport); '${name}' says what is healthy with statusPath and healthy`
      );
    const checks = [...entry.checks ?? []];
    if (entry.statusPath && entry.healthy)
      checks.unshift({ name: `${name} status`, path: entry.statusPath, op: { in: entry.healthy } });
    specs.push({
      builtIn: false,
      kind: "evidence",
      description: `required evidence '${name}'`,
      spec: {
        id: entry.id ?? `evidence:${name}`,
        name,
        path: entry.path,
        artifact: entry.artifact,
        file: entry.file,
        maxAgeMs: entry.maxAge,
        timestampPath: entry.timestampPath,
        checks
      }
    });
  }
  return specs;
}
function inWorkspace(path, workspace) {
  return isAbsolute(path) ? path : join3(workspace, path);
}
async function loadLatestReport(path, workspace) {
  if (!path) return { ok: false, problem: "missing", reason: "no release-gate report given (input report)" };
  const file = inWorkspace(path, workspace);
  let text;
  try {
    text = await readFile4(file, "utf8");
  } catch (error) {
    const code = error.code;
    return {
      ok: false,
      problem: "missing",
      reason: `release-gate report is missing: ${code === "ENOENT" ? "no file at" : `cannot read (${code})`} ${path}`
    };
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      problem: "unparseable",
      reason: `release-gate report ${path} is not valid JSON: ${error.message}`
    };
  }
  const parsed = releaseGateReportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      problem: "unparseable",
      reason: `release-gate report ${path} does not match its schema: field '${issue?.path.join(".") || "(root)"}': ${issue?.message}`
    };
  }
  return {
    ok: true,
    document: data,
    updatedAt: parsed.data.updatedAt,
    smoke: parsed.data.smoke
  };
}
function ownerNamed(value, what) {
  return isNamed(value) ? { ok: true, reason: `${what}: ${value}` } : {
    ok: false,
    reason: `no ${what} named (input ${what.replace(" ", "-")})${value ? `: '${value}' names nobody` : ""}`
  };
}
function rollbackRefSet(rollbackRef, targetRef) {
  const ref = rollbackRef?.trim();
  if (!ref) return { ok: false, reason: "no rollback ref set (input rollback-ref): nothing to roll back to" };
  if (targetRef && ref === targetRef.trim())
    return {
      ok: false,
      reason: `rollback ref '${ref}' is the target ref itself: rolling back would redeploy the same release`
    };
  return { ok: true, reason: `rollback ref: ${ref}` };
}
function latestSmokePassed(report, now, maxAgeMs) {
  if (!report?.ok) return { ok: false, reason: report?.reason ?? "no report" };
  const age = now.getTime() - Date.parse(report.updatedAt);
  if (Number.isNaN(age))
    return { ok: false, reason: `release-gate report updatedAt '${report.updatedAt}' is not a timestamp` };
  if (age > maxAgeMs)
    return {
      ok: false,
      reason: `release-gate report is stale: updatedAt ${report.updatedAt} is ${formatDuration(age)} old, more than ${formatDuration(maxAgeMs)}`
    };
  if (!report.smoke)
    return {
      ok: false,
      reason: "the latest release-gate report has no smoke result: nobody checked this version"
    };
  if (report.smoke.result !== "passed")
    return {
      ok: false,
      reason: `the latest smoke failed (${report.smoke.failedCount} of ${report.smoke.failedCount + report.smoke.passedCount} probes failed)`
    };
  return {
    ok: true,
    reason: `the latest smoke passed (${report.smoke.passedCount} probes, report updated ${report.updatedAt})`
  };
}
async function evaluateReadiness(options) {
  const checklist = options.checklist ?? EMPTY_CHECKLIST;
  const defaults = options.defaults ?? DEFAULT_EVIDENCE;
  const known = builtInRuleIds(defaults);
  for (const id of Object.keys(checklist.rules)) {
    if (!known.includes(id))
      throw new ConfigurationError(
        `checklist: field 'rules.${id}': unknown rule; valid rules are: ${known.join(", ")}`
      );
  }
  const enabled = (id) => checklist.rules[id] !== false;
  const rulesOff = known.filter((id) => !enabled(id));
  const facts = {
    ...checklist.facts,
    ...Object.fromEntries(Object.entries(options.facts ?? {}).filter(([, v]) => v !== void 0 && v !== ""))
  };
  const mainBranch = facts.mainBranch || "main";
  const now = options.now;
  const rules = [];
  const off = (id, kind, description) => ({
    id,
    kind,
    description,
    status: "off",
    reason: `turned off in the checklist (rules: { ${id}: false })`,
    evidence: []
  });
  const rule = (id, kind, description, ok, reason, evidence = []) => ({
    id,
    kind,
    description,
    status: ok ? "passed" : "failed",
    reason,
    evidence
  });
  const describe = (id) => FACT_RULES.find((entry) => entry.id === id)?.description ?? id;
  const fact = (id, check) => {
    if (!enabled(id)) rules.push(off(id, "fact", describe(id)));
    else {
      const { ok, reason } = check();
      rules.push(rule(id, "fact", describe(id), ok, reason));
    }
  };
  fact("targetIsMain", () => checkTargetRef(facts.targetRef, mainBranch, facts.releaseTagPattern));
  fact("releaseOwnerNamed", () => ownerNamed(facts.releaseOwner, "release owner"));
  fact("rollbackOwnerNamed", () => ownerNamed(facts.rollbackOwner, "rollback owner"));
  fact("rollbackRefSet", () => rollbackRefSet(facts.rollbackRef, facts.targetRef));
  const needReport = enabled("latestSmokePassed") || checklist.require.length > 0;
  const report = needReport ? await loadLatestReport(options.reportPath, options.workspace) : void 0;
  const reportMaxAgeMs = options.reportMaxAgeMs ?? 7 * DAY2;
  fact("latestSmokePassed", () => latestSmokePassed(report, now, reportMaxAgeMs));
  const where = {
    workspace: options.workspace,
    artifactsDir: options.artifactsDir ?? options.workspace
  };
  for (const { spec, builtIn, description } of evidenceSpecs(
    checklist,
    defaults,
    options.evidencePaths ?? {}
  )) {
    if (builtIn && !enabled(spec.id)) {
      rules.push(off(spec.id, "evidence", description));
      continue;
    }
    const result = await checkEvidence(spec, where, now);
    rules.push(rule(spec.id, "evidence", description, result.status === "ok", result.reason, [result]));
  }
  if (checklist.userEvidence.length) {
    const reportFile = inWorkspace(options.reportPath || "release-gate/report.json", options.workspace);
    const bundleDir = options.bundleDir ? inWorkspace(options.bundleDir, options.workspace) : dirname(reportFile);
    for (const spec of checklist.userEvidence) {
      const result = await checkUserEvidence(spec, bundleDir, now);
      rules.push(
        rule(
          `userEvidence:${spec.name}`,
          "evidence",
          `required user evidence '${spec.name}' in the gate's evidence bundle`,
          result.status === "ok",
          result.reason,
          [result]
        )
      );
    }
  }
  for (const check of checklist.require) {
    const id = `report:${check.name}`;
    const description = `latest release-gate report: ${check.path} ${Object.keys(check.op)[0]}`;
    if (!report?.ok) {
      rules.push(rule(id, "report-check", description, false, report?.reason ?? "no report"));
      continue;
    }
    const lookup = getJsonPath(report.document, check.path);
    const outcome = evaluateAssertion(check.op, lookup.found, lookup.value);
    rules.push(
      rule(
        id,
        "report-check",
        description,
        outcome.ok,
        outcome.ok ? `${check.path} is ${outcome.actual} (${outcome.expected})` : `${check.path} is ${outcome.actual}, expected ${outcome.expected}`
      )
    );
  }
  const failed = rules.filter((item) => item.status === "failed");
  const text = (value) => value?.trim() ? value.trim() : null;
  return {
    schemaVersion: DECISION_SCHEMA_VERSION,
    kind: DECISION_KIND,
    decision: failed.length ? "NO-GO" : "GO",
    decidedAt: now.toISOString(),
    targetRef: text(facts.targetRef),
    mainBranch,
    releaseTagPattern: text(facts.releaseTagPattern),
    releaseOwner: text(facts.releaseOwner),
    rollbackOwner: text(facts.rollbackOwner),
    rollbackRef: text(facts.rollbackRef),
    checklist: options.checklistPath ?? null,
    reportPath: options.reportPath ?? null,
    rules,
    failedRules: failed.map((item) => ({ id: item.id, reason: item.reason })),
    rulesOff
  };
}

// packages/core/src/readiness/output.ts
import { mkdir } from "node:fs/promises";
import { join as join4 } from "node:path";
var READINESS_FILES = {
  json: "release-gate-readiness-decision.json",
  markdown: "release-gate-readiness-decision.md"
};
async function writeDecisionRecord(record2, outDir) {
  readinessDecisionSchema.parse(record2);
  await mkdir(outDir, { recursive: true });
  const paths = {
    json: join4(outDir, READINESS_FILES.json),
    markdown: join4(outDir, READINESS_FILES.markdown)
  };
  await writeJsonFile(paths.json, record2);
  await writeOutputFile(paths.markdown, decisionMarkdown(record2));
  return paths;
}

// packages/core/src/readiness/readiness-checklist.ts
async function readinessChecklist(options) {
  const { workspace } = options;
  const checklist = options.checklist ? await loadChecklist(resolve(workspace, options.checklist)) : void 0;
  const artifactsDir = options.artifactsDir ? resolve(workspace, options.artifactsDir) : workspace;
  const downloaded = options.downloadEvidence ? await options.downloadEvidence(artifactsDir) : [];
  const record2 = await evaluateReadiness({
    checklist,
    checklistPath: options.checklist,
    facts: options.facts,
    reportPath: options.report,
    reportMaxAgeMs: options.reportMaxAgeMs,
    evidencePaths: {
      ...await builtInEvidenceIn(downloaded, checklist),
      ...options.drillReport ? { drillDeltaReport: options.drillReport } : {}
    },
    workspace,
    artifactsDir,
    now: options.now
  });
  const paths = await writeDecisionRecord(record2, resolve(workspace, options.outDir));
  return { record: record2, paths };
}
async function builtInEvidenceIn(folders, checklist) {
  const placed = new Set((checklist?.evidence ?? []).map((entry) => entry.id).filter(Boolean));
  const paths = {};
  for (const entry of DEFAULT_EVIDENCE) {
    if (placed.has(entry.id)) continue;
    for (const folder of folders) {
      const file = join5(folder, basename(entry.path));
      try {
        await access(file);
        paths[entry.id] = file;
        break;
      } catch {
      }
    }
  }
  return paths;
}
function enforceReadiness(record2) {
  if (record2.decision !== "NO-GO") return;
  throw new GateBlocked(
    `NO-GO: ${record2.failedRules.length} rule(s) failed: ${record2.failedRules.map((rule) => rule.id).join(", ")}`
  );
}

export {
  decisionMarkdown,
  readinessChecklist,
  enforceReadiness
};
