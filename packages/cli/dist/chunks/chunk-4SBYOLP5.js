import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  MANIFEST_FILE,
  digestFiles,
  listBundleFiles,
  writeManifest
} from "./chunk-CXCIOPH6.js";
import {
  silentLogger
} from "./chunk-DNYRF2ZZ.js";
import {
  readReport,
  writeJsonFile,
  writeOutputFile
} from "./chunk-SV4FLVHX.js";
import {
  ConfigurationError,
  GateBlocked
} from "./chunk-ZUWSAP7Z.js";
import {
  _enum,
  array,
  boolean,
  literal,
  number,
  object,
  string
} from "./chunk-H3HWWZLP.js";

// packages/core/src/report/verdict.ts
var MAX_NAMED_PROBES = 5;
function oneLine(text) {
  return text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean).join("; ");
}
function decideVerdict(report, options = {}) {
  const reasons = [];
  const { deploy, smoke, rollback, rollbackCallback, metricsCallback } = report;
  if (deploy?.state === "failed") {
    const error = deploy.delivery?.error ? `: ${deploy.delivery.error}` : "";
    reasons.push(`deploy failed${error}`);
  }
  if (!smoke) {
    if (options.requireSmoke ?? true)
      reasons.push("no smoke result in the report: the new version was never checked");
  } else if (smoke.result === "error") {
    reasons.push(`smoke could not run: ${oneLine(smoke.error ?? "unknown error")}`);
  } else if (smoke.result === "failed") {
    const failed = smoke.probes.filter((probe) => probe.verdict === "failed" && !probe.dryRun);
    const names = failed.slice(0, MAX_NAMED_PROBES).map((probe) => probe.name);
    const more = failed.length > names.length ? `, +${failed.length - names.length} more` : "";
    const named = names.length ? ` (${names.join(", ")}${more})` : "";
    reasons.push(`smoke failed: ${smoke.failedCount} of ${smoke.probes.length} probes failed${named}`);
  }
  if (rollback) {
    const target = rollback.rollbackRef ?? "the previous known-good version";
    if (rollback.drill) {
      reasons.push(`rollback drill to ${target}: a drill never promotes`);
    } else if (rollback.state === "skipped_missing_webhook") {
      reasons.push(
        "a rollback was needed but no rollback webhook is configured: roll back by hand (see the rollback runbook)"
      );
    } else if (rollback.state === "failed") {
      const error = rollback.delivery?.error ? `: ${rollback.delivery.error}` : "";
      reasons.push(
        `rollback to ${target} failed${error}: the bad version may still be live; roll back by hand`
      );
    } else {
      reasons.push(`rolled back to ${target}${rollback.reason ? ` (${rollback.reason})` : ""}`);
    }
  }
  if (rollbackCallback?.state === "failed") {
    const smokeNote = rollbackCallback.smoke?.result === "failed" ? `: re-smoke after rollback failed ${rollbackCallback.smoke.failedCount} of ${rollbackCallback.smoke.probes.length} probes` : "";
    reasons.push(`rollback verification failed${smokeNote}`);
  }
  if (metricsCallback?.state === "failed") {
    reasons.push("metrics callback failed: the receiver did not record this rollback");
  }
  return {
    value: reasons.length ? "blocked" : "promote",
    reasons,
    decidedAt: (options.now ?? /* @__PURE__ */ new Date()).toISOString()
  };
}
function enforceVerdict(verdict, failOnBlocked, logger) {
  if (verdict.value !== "blocked") return;
  const message = `release blocked: ${verdict.reasons.join("; ")}`;
  if (failOnBlocked) throw new GateBlocked(message);
  logger.warning(`${message} (fail-on-blocked is false, so this step passes)`);
}

// packages/core/src/bundle/bundle.ts
import { copyFile, mkdir } from "node:fs/promises";
import { basename, dirname, join as join2, relative as relative2, resolve, sep as sep2 } from "node:path";

// packages/core/src/report/release-log.ts
import { readFile } from "node:fs/promises";
var RELEASE_LOG_COLUMNS = [
  "date_utc",
  "environment",
  "service",
  "sha",
  "version",
  "smoke",
  "verdict",
  "owner",
  "run_url"
];
var RELEASE_LOG_TITLES = [
  "Date (UTC)",
  "Environment",
  "Service",
  "SHA",
  "Version",
  "Smoke",
  "Verdict",
  "Owner",
  "Run"
];
function cell(value) {
  return (value ?? "").replace(/[\t\r\n]+/g, " ").trim();
}
function releaseLogRow(report, owner, now = /* @__PURE__ */ new Date()) {
  return {
    date_utc: now.toISOString().replace(/\.\d{3}Z$/, "Z"),
    environment: cell(report.environment),
    service: cell(report.service),
    sha: cell(report.sha) || "-",
    version: cell(report.version) || "-",
    smoke: report.smoke?.result ?? "not run",
    verdict: report.verdict?.value ?? "-",
    owner: cell(owner ?? report.run.actor) || "-",
    run_url: cell(report.run.url) || "-"
  };
}
function formatReleaseLog(rows) {
  const lines = [RELEASE_LOG_COLUMNS.join("	")];
  for (const row of rows) lines.push(RELEASE_LOG_COLUMNS.map((column) => cell(row[column])).join("	"));
  return `${lines.join("\n")}
`;
}
var SMOKE_VALUES = ["passed", "failed", "error", "not run"];
var VERDICT_VALUES = ["promote", "blocked", "-"];
function invalidValue(column, value) {
  if (/[\u0000-\u001f\u007f]/.test(value)) return `${column} holds a control character`;
  if (value !== value.trim()) return `${column} has leading or trailing spaces`;
  if (value === "") return `${column} is empty`;
  switch (column) {
    case "date_utc":
      return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(value) && !Number.isNaN(Date.parse(value)) ? void 0 : `date_utc '${value}' is not a UTC timestamp like 2026-01-15T11:00:00Z`;
    case "smoke":
      return SMOKE_VALUES.includes(value) ? void 0 : `smoke '${value}' is not one of ${SMOKE_VALUES.join(", ")}`;
    case "verdict":
      return VERDICT_VALUES.includes(value) ? void 0 : `verdict '${value}' is not one of ${VERDICT_VALUES.join(", ")}`;
    case "sha":
      return value === "-" || /^[0-9A-Za-z._/-]{1,255}$/.test(value) ? void 0 : `sha '${value}' is not a commit`;
    case "run_url":
      return value === "-" || /^https?:\/\/[^\s"'<>()\\]+$/.test(value) ? void 0 : `run_url '${value}' is not an http(s) URL`;
    default:
      return value.length > 1e3 ? `${column} is longer than 1000 characters` : void 0;
  }
}
function parseReleaseLog(text, path) {
  const lines = text.split(/\r?\n/);
  while (lines.length && lines.at(-1) === "") lines.pop();
  if (!lines.length) return [];
  if (lines[0] !== RELEASE_LOG_COLUMNS.join("	")) {
    throw new ConfigurationError(
      `release log '${path}' line 1: expected the header '${RELEASE_LOG_COLUMNS.join("<TAB>")}', got '${lines[0].slice(0, 200)}'`
    );
  }
  return lines.slice(1).map((line, index) => {
    const values = line.split("	");
    if (values.length !== RELEASE_LOG_COLUMNS.length) {
      throw new ConfigurationError(
        `release log '${path}' line ${index + 2}: expected ${RELEASE_LOG_COLUMNS.length} tab-separated values, got ${values.length}`
      );
    }
    const row = Object.fromEntries(
      RELEASE_LOG_COLUMNS.map((column, i) => [column, values[i] ?? ""])
    );
    for (const column of RELEASE_LOG_COLUMNS) {
      const problem = invalidValue(column, row[column]);
      if (problem) throw new ConfigurationError(`release log '${path}' line ${index + 2}: ${problem}`);
    }
    return row;
  });
}
async function readReleaseLog(path) {
  if (!path) return { rows: [], found: false };
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return { rows: [], found: false };
    throw new ConfigurationError(`release log '${path}' cannot be read: ${error.message}`);
  }
  try {
    return { rows: parseReleaseLog(text, path), found: true };
  } catch (error) {
    return { rows: [], found: true, malformed: error.message };
  }
}
function markdownCell(text) {
  return text.replace(/[\r\n\t]+/g, " ").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/[\\`*_{}[\]()#+!|~"']/g, (char) => `\\${char}`);
}
function releaseLogMarkdown(rows, limit = 20) {
  const shown = rows.slice(-limit).reverse();
  const lines = [
    `| ${RELEASE_LOG_TITLES.join(" | ")} |`,
    `| ${RELEASE_LOG_TITLES.map(() => "---").join(" | ")} |`
  ];
  for (const row of shown) {
    lines.push(
      `| ${RELEASE_LOG_COLUMNS.map((column) => {
        const value = row[column];
        if (column === "run_url" && /^https?:\/\/[^\s"'<>()\\]+$/.test(value))
          return `[run](${value.replace(/[|[\]]/g, encodeURIComponent)})`;
        if (column === "sha" && /^[0-9a-f]{40}$/.test(value)) return `\`${value.slice(0, 12)}\``;
        return markdownCell(value);
      }).join(" | ")} |`
    );
  }
  if (rows.length > shown.length)
    lines.push("", `_${rows.length - shown.length} older rows in release-log.tsv._`);
  return `${lines.join("\n")}
`;
}

// packages/core/src/bundle/glob.ts
import { readdir, realpath, stat } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
var SKIPPED_DIRS = /* @__PURE__ */ new Set([".git", "node_modules"]);
function globToRegExp(pattern) {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === "*") {
      if (pattern[i + 1] === "*") {
        const slash = pattern[i + 2] === "/";
        out += slash ? "(?:[^/]*/)*" : ".*";
        i += slash ? 2 : 1;
      } else {
        out += "[^/]*";
      }
    } else if (char === "?") {
      out += "[^/]";
    } else if (char === "{") {
      const end = pattern.indexOf("}", i);
      if (end === -1) {
        out += "\\{";
        continue;
      }
      const options = pattern.slice(i + 1, end).split(",");
      out += `(?:${options.map((option) => option.replace(/[.+^$()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")).join("|")})`;
      i = end;
    } else {
      out += char.replace(/[.+^$()|[\]\\]/g, "\\$&");
    }
  }
  return new RegExp(`^${out}$`);
}
var isGlob = (pattern) => /[*?{]/.test(pattern);
async function walk(root, dir, found) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) await walk(root, join(dir, entry.name), found);
    } else if (entry.isFile()) {
      found.push(relative(root, join(dir, entry.name)).split(sep).join("/"));
    }
  }
}
async function expandEvidencePatterns(patterns, root, options = {}) {
  const what = options.what ?? "input 'evidence'";
  const excluded = new Set(options.exclude ?? []);
  const result = /* @__PURE__ */ new Set();
  let all;
  for (const raw of patterns) {
    const pattern = raw.trim();
    if (!pattern) continue;
    const rel = isAbsolute(pattern) ? relative(root, pattern).split(sep).join("/") : pattern.replace(/^\.\//, "");
    if (rel.startsWith("../") || rel === ".." || isAbsolute(rel)) {
      throw new ConfigurationError(
        `${what}: '${pattern}' is outside the workspace '${root}'; copy it into the workspace first`
      );
    }
    let matches;
    if (isGlob(rel)) {
      if (!all) {
        all = [];
        await walk(root, root, all);
      }
      const regex = globToRegExp(rel);
      matches = all.filter((file) => regex.test(file));
    } else {
      const info = await stat(join(root, rel)).catch(() => void 0);
      if (info) {
        const [real, realRoot] = await Promise.all([realpath(join(root, rel)), realpath(root)]);
        if (real !== realRoot && !real.startsWith(`${realRoot}${sep}`)) {
          throw new ConfigurationError(
            `${what}: '${pattern}' resolves outside the workspace (symlink to '${real}')`
          );
        }
      }
      if (info?.isDirectory()) {
        const inside = [];
        await walk(root, join(root, rel), inside);
        matches = inside;
      } else {
        matches = info?.isFile() ? [rel] : [];
      }
    }
    matches = matches.filter((file) => !excluded.has(file));
    if (!matches.length)
      throw new ConfigurationError(`${what}: '${pattern}' matched no file under '${root}'`);
    for (const file of matches) result.add(file);
  }
  return [...result].sort();
}

// packages/core/src/bundle/summary.ts
var SUMMARY_FILE = "summary.json";
var stepSchema = object({
  state: string(),
  startedAt: string(),
  finishedAt: string(),
  durationMs: number()
});
var evidenceSummarySchema = object({
  schemaVersion: literal(1),
  ok: boolean(),
  verdict: _enum(["promote", "blocked"]),
  reasons: array(string()),
  environment: string(),
  service: string(),
  ref: string().nullable(),
  /** The git sha that was deployed and checked. */
  sha: string().nullable(),
  version: string().nullable(),
  /** Where a rollback went, when one happened. */
  rollbackRef: string().nullable(),
  smokeResult: _enum(["passed", "failed", "error", "not run"]),
  startedAt: string(),
  finishedAt: string(),
  durationMs: number(),
  steps: object({
    deploy: stepSchema.optional(),
    smoke: stepSchema.optional(),
    rollback: stepSchema.optional(),
    verify: stepSchema.optional(),
    metricsCallback: stepSchema.optional()
  }),
  run: object({
    url: string().nullable(),
    id: string().nullable(),
    attempt: number().int().nullable()
  }),
  generatedBy: string()
});
function reportSteps(report) {
  const steps = [];
  if (report.deploy) steps.push({ key: "deploy", label: "deploy", ...pick(report.deploy) });
  if (report.smoke)
    steps.push({
      key: "smoke",
      label: "smoke",
      ...pick({ ...report.smoke, state: report.smoke.result })
    });
  if (report.rollback) steps.push({ key: "rollback", label: "rollback", ...pick(report.rollback) });
  if (report.rollbackCallback)
    steps.push({ key: "verify", label: "verify", ...pick(report.rollbackCallback) });
  if (report.metricsCallback)
    steps.push({
      key: "metricsCallback",
      label: "metrics callback",
      ...pick(report.metricsCallback)
    });
  return steps;
}
function pick(section) {
  return {
    state: section.state,
    startedAt: section.startedAt,
    finishedAt: section.finishedAt,
    durationMs: section.durationMs
  };
}
function evidenceSummary(report, generatedBy, now = /* @__PURE__ */ new Date()) {
  const verdict = report.verdict ?? {
    value: "blocked",
    reasons: ["no verdict"],
    decidedAt: now.toISOString()
  };
  const steps = {};
  for (const step of reportSteps(report)) {
    const { key, label: _label, ...rest } = step;
    steps[key] = rest;
  }
  const finishedAt = verdict.decidedAt;
  return {
    schemaVersion: 1,
    ok: verdict.value === "promote",
    verdict: verdict.value,
    reasons: verdict.reasons,
    environment: report.environment,
    service: report.service,
    ref: report.ref,
    sha: report.sha,
    version: report.version,
    rollbackRef: report.rollback?.rollbackRef ?? null,
    smokeResult: report.smoke?.result ?? "not run",
    startedAt: report.startedAt,
    finishedAt,
    durationMs: Math.max(0, Date.parse(finishedAt) - Date.parse(report.startedAt)) || 0,
    steps,
    run: { url: report.run.url, id: report.run.id, attempt: report.run.attempt },
    generatedBy
  };
}

// packages/core/src/bundle/bundle.ts
var RELEASE_LOG_FILE = "release-log.tsv";
var RELEASE_LOG_MARKDOWN_FILE = "release-log.md";
var EVIDENCE_DIR = "evidence";
var SUMMARY_MARKDOWN_FILE = "summary.md";
var posix = (path) => path.split(sep2).join("/");
async function finalizeGate(options) {
  const now = options.now ?? (() => /* @__PURE__ */ new Date());
  const logger = options.logger ?? silentLogger;
  const reportPath = resolve(options.reportPath);
  const workspace = resolve(options.workspace);
  const bundleDir = dirname(reportPath);
  if (bundleDir === workspace || !posix(relative2(workspace, bundleDir)) || bundleDir === dirname(bundleDir)) {
    throw new ConfigurationError(
      `report '${options.reportPath}' must sit in its own folder (the evidence bundle is that whole folder); use e.g. release-gate/report.json`
    );
  }
  const reportName = basename(reportPath);
  const report = await readReport(reportPath);
  const verdict = decideVerdict(report, { requireSmoke: options.requireSmoke, now: now() });
  const bundleRel = posix(relative2(workspace, bundleDir));
  const inside = (file) => !bundleRel.startsWith("..") && (file === bundleRel || file.startsWith(`${bundleRel}/`));
  const evidenceFiles = [];
  const patterns = (options.evidence ?? []).filter((pattern) => pattern.trim());
  if (patterns.length) {
    const found = await expandEvidencePatterns(patterns, workspace);
    for (const file of found.filter((f) => !inside(f))) {
      const target = join2(bundleDir, EVIDENCE_DIR, file);
      await mkdir(dirname(target), { recursive: true });
      await copyFile(join2(workspace, file), target);
      evidenceFiles.push(`${EVIDENCE_DIR}/${file}`);
    }
    logger.info(
      `evidence: copied ${evidenceFiles.length} file(s) into ${posix(relative2(workspace, bundleDir))}/${EVIDENCE_DIR}`
    );
  }
  const finalReport = { ...report, verdict, updatedAt: now().toISOString() };
  const previous = await readReleaseLog(options.previousLog);
  if (options.previousLog && !previous.found)
    logger.info(`previous release log '${options.previousLog}' not found: starting a new log`);
  if (previous.malformed)
    logger.warning(`previous release log is malformed (${previous.malformed}): starting a new log`);
  const logRow = releaseLogRow(finalReport, options.owner, now());
  const logRows = [...previous.rows, logRow];
  await writeOutputFile(join2(bundleDir, RELEASE_LOG_FILE), formatReleaseLog(logRows));
  await writeOutputFile(
    join2(bundleDir, RELEASE_LOG_MARKDOWN_FILE),
    `# Release log

${releaseLogMarkdown(logRows, Number.MAX_SAFE_INTEGER)}`
  );
  const summary = evidenceSummary(finalReport, options.generatedBy, now());
  await writeJsonFile(join2(bundleDir, SUMMARY_FILE), summary);
  if (options.summaryMarkdown) {
    await writeOutputFile(
      join2(bundleDir, SUMMARY_MARKDOWN_FILE),
      options.summaryMarkdown(finalReport, logRows)
    );
  }
  const others = (await listBundleFiles(bundleDir)).filter(
    (path) => path !== reportName && path !== MANIFEST_FILE
  );
  finalReport.evidence = { files: await digestFiles(bundleDir, others) };
  await writeJsonFile(reportPath, finalReport);
  const manifest = await writeManifest(bundleDir, now());
  const stepLogs = manifest.files.map((file) => file.path).filter((path) => path.endsWith(".log") && !path.startsWith(`${EVIDENCE_DIR}/`));
  return {
    report: finalReport,
    verdict,
    bundleDir,
    manifest,
    summary,
    logRow,
    logRows,
    previousLogFound: previous.found,
    evidenceFiles,
    stepLogs,
    files: [...manifest.files.map((file) => join2(bundleDir, file.path)), join2(bundleDir, MANIFEST_FILE)]
  };
}

export {
  releaseLogMarkdown,
  enforceVerdict,
  reportSteps,
  RELEASE_LOG_FILE,
  EVIDENCE_DIR,
  SUMMARY_MARKDOWN_FILE,
  finalizeGate
};
