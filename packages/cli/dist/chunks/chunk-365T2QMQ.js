import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  CALLBACK_EVENT_TYPE,
  streamEventLog
} from "./chunk-AY4B4RV3.js";
import {
  ALERT_NAMES,
  BUDGET_NAMES,
  DRILL_REPORT_KIND,
  DRILL_REPORT_SCHEMA_VERSION,
  describeCalibration,
  drillDeltaReportSchema,
  formatLogDate,
  formatWindow,
  loadCalibration
} from "./chunk-GJWIN6ME.js";
import {
  silentLogger
} from "./chunk-DNYRF2ZZ.js";
import {
  readJsonFile,
  releaseGateReportSchema,
  writeJsonFile,
  writeOutputFile
} from "./chunk-SV4FLVHX.js";
import {
  ConfigurationError,
  GateBlocked
} from "./chunk-ZUWSAP7Z.js";

// packages/core/src/drill/drill-evaluate.ts
import { resolve } from "node:path";

// packages/core/src/drill/conditions.ts
var DurationHistogram = class _DurationHistogram {
  static RATIO = Math.log(1.01);
  counts = /* @__PURE__ */ new Map();
  count = 0;
  max = 0;
  add(ms) {
    if (!Number.isFinite(ms) || ms < 0) return;
    const bucket = ms < 1 ? 0 : Math.ceil(Math.log(ms) / _DurationHistogram.RATIO);
    this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + 1);
    this.count += 1;
    if (ms > this.max) this.max = ms;
  }
  /** Nearest-rank quantile, reported as the bucket's upper edge (never above the observed max). */
  quantile(q) {
    if (this.count === 0) return null;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (const bucket of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(bucket) ?? 0;
      if (seen >= rank)
        return Math.min(bucket === 0 ? 1 : Math.exp(bucket * _DurationHistogram.RATIO), this.max);
    }
    return this.max;
  }
};
var MAX_ENVIRONMENTS = 1e3;
var CallbackEventAccumulator = class {
  constructor(calibration, now) {
    this.calibration = calibration;
    this.nowMs = now.getTime();
  }
  calibration;
  environments = /* @__PURE__ */ new Map();
  callbackEvents = 0;
  futureEvents = 0;
  nowMs;
  add(event) {
    if (event.type !== CALLBACK_EVENT_TYPE) return;
    const at = event.receivedAtMs;
    if (at > this.nowMs) {
      this.futureEvents += 1;
      return;
    }
    this.callbackEvents += 1;
    const data = event.data;
    let environment = typeof data.environment === "string" && data.environment ? data.environment : "unknown";
    if (!this.environments.has(environment) && this.environments.size >= MAX_ENVIRONMENTS)
      environment = "(other)";
    const counters = this.counters(environment);
    const failed = data.rollbackCallbackState === "failed";
    const age = this.nowMs - at;
    const c = this.calibration;
    counters.total += 1;
    if (failed) counters.failed += 1;
    if (at > counters.lastMs) counters.lastMs = at;
    if (age < c.failuresPresent.windowMs) {
      counters.presenceTotal += 1;
      if (failed) counters.presenceFailed += 1;
    }
    if (age < c.failureRate.windowMs) {
      counters.rateTotal += 1;
      if (failed) counters.rateFailed += 1;
    }
    if (age < c.drillMissing.windowMs) counters.missingTotal += 1;
    if (age < c.statsWindowMs) {
      counters.statsTotal += 1;
      if (typeof data.durationMs === "number") counters.durations.add(data.durationMs);
    }
  }
  counters(environment) {
    let counters = this.environments.get(environment);
    if (!counters) {
      counters = {
        total: 0,
        failed: 0,
        lastMs: Number.NEGATIVE_INFINITY,
        presenceTotal: 0,
        presenceFailed: 0,
        rateTotal: 0,
        rateFailed: 0,
        missingTotal: 0,
        statsTotal: 0,
        durations: new DurationHistogram()
      };
      this.environments.set(environment, counters);
    }
    return counters;
  }
  /** Per-environment numbers; `expected` environments appear even when the log never mentions them. */
  environmentsSummary(expected = []) {
    for (const name of expected) this.counters(name);
    return [...this.environments.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([environment, c]) => ({
      environment,
      total: c.total,
      failed: c.failed,
      lastEventAt: Number.isFinite(c.lastMs) ? new Date(c.lastMs).toISOString() : null,
      presenceWindow: { total: c.presenceTotal, failed: c.presenceFailed },
      rateWindow: { total: c.rateTotal, failed: c.rateFailed },
      drillMissingWindow: { total: c.missingTotal },
      statsWindow: {
        total: c.statsTotal,
        durationSamples: c.durations.count,
        durationP95Ms: c.durations.quantile(0.95),
        durationMaxMs: c.durations.count ? c.durations.max : null
      }
    }));
  }
};
function alertConditions(environment, calibration, now) {
  const c = calibration;
  const { presenceWindow, rateWindow } = environment;
  const rate = rateWindow.total ? rateWindow.failed / rateWindow.total : null;
  const lastMs = environment.lastEventAt ? Date.parse(environment.lastEventAt) : null;
  const age = lastMs === null ? null : now.getTime() - lastMs;
  const pct = (value) => `${Math.round(value * 1e3) / 10}%`;
  return [
    {
      name: ALERT_NAMES.failuresPresent,
      severity: "warning",
      environment: environment.environment,
      firing: presenceWindow.failed >= c.failuresPresent.minFailures,
      value: presenceWindow.failed,
      detail: `${presenceWindow.failed} failed of ${presenceWindow.total} callback events in the last ${formatWindow(c.failuresPresent.windowMs)} (fires at >= ${c.failuresPresent.minFailures})`
    },
    {
      name: ALERT_NAMES.failureRate,
      severity: "critical",
      environment: environment.environment,
      // `failed > threshold * total`, the same comparison the Prometheus rule makes.
      firing: rateWindow.total >= c.failureRate.minEvents && rateWindow.failed > c.failureRate.threshold * rateWindow.total,
      value: rate,
      detail: rateWindow.total < c.failureRate.minEvents ? `${rateWindow.failed} failed of ${rateWindow.total} events in the last ${formatWindow(c.failureRate.windowMs)}: below the minimum volume of ${c.failureRate.minEvents} events, the rate alert cannot fire` : `${rateWindow.failed} failed of ${rateWindow.total} events in the last ${formatWindow(c.failureRate.windowMs)} = ${pct(rate ?? 0)} (fires above ${pct(c.failureRate.threshold)})`
    },
    {
      name: ALERT_NAMES.drillMissing,
      severity: "warning",
      environment: environment.environment,
      firing: environment.drillMissingWindow.total === 0,
      value: age,
      detail: age === null ? `no callback event in the history at all (fires after ${formatWindow(c.drillMissing.windowMs)} without one)` : `last callback event ${formatWindow(age, true)} ago (fires after ${formatWindow(c.drillMissing.windowMs)} without one)`
    }
  ];
}
async function summariseEventLog(path, calibration, now, expectedEnvironments = []) {
  const accumulator = new CallbackEventAccumulator(calibration, now);
  const stats = await streamEventLog(path, (event) => accumulator.add(event), {
    onlyTypes: [CALLBACK_EVENT_TYPE]
  });
  return {
    path,
    lines: stats.lines,
    malformedLines: stats.malformedLines,
    callbackEvents: accumulator.callbackEvents,
    futureEvents: accumulator.futureEvents,
    environments: accumulator.environmentsSummary(expectedEnvironments)
  };
}

// packages/core/src/drill/evaluate.ts
async function loadDrillReport(path, slot) {
  if (!path) return { path: null, report: null };
  const report = await readJsonFile(path, releaseGateReportSchema, `${slot} report`, { optional: true });
  return { path, report: report ?? null };
}
var DELIVERED = /* @__PURE__ */ new Set(["accepted", "succeeded"]);
function stateReason(step, state, expected) {
  if (state === expected || expected === "delivered" && DELIVERED.has(state)) return void 0;
  if (state === "skipped_missing_webhook") return `${step} was skipped (no webhook configured)`;
  if (state === "failed") return `${step} failed`;
  return `${step} is '${state}' (expected ${expected})`;
}
function evaluateEnvironment(slot, loaded, calibration, alerts) {
  const report = loaded.report;
  const environment = report?.environment ?? slot;
  const base = {
    slot,
    environment,
    reportPath: loaded.path,
    service: report?.service ?? null,
    ref: report?.ref ?? null,
    sha: report?.sha ?? null,
    runUrl: report?.run.url ?? null,
    states: {
      deploy: report?.deploy?.state ?? null,
      rollback: report?.rollback?.state ?? null,
      rollbackCallback: report?.rollbackCallback?.state ?? null,
      metricsCallback: report?.metricsCallback?.state ?? null
    },
    durations: {
      deployMs: report?.deploy?.durationMs ?? null,
      smokeMs: report?.smoke?.durationMs ?? null,
      rollbackMs: report?.rollback?.durationMs ?? null,
      verifyMs: report?.rollbackCallback?.durationMs ?? null
    }
  };
  if (!report) {
    return {
      ...base,
      status: "missing",
      reasons: [
        loaded.path ? `no ${slot} report at '${loaded.path}'` : `no ${slot} report given (input '${slot}' is empty)`
      ]
    };
  }
  const reasons = [];
  if (report.deploy) {
    const reason = stateReason("deploy", report.deploy.state, "delivered");
    if (reason) reasons.push(reason);
  }
  if (!report.rollback) reasons.push("rollback was not triggered (the report has no rollback section)");
  else {
    const reason = report.rollback.state === "accepted" ? "rollback is only 'accepted': the rollback webhook gave no status URL (Location header or statusUrl in its answer), so the drill cannot prove the rollback completed; answer with a status URL and run trigger-rollback with wait: true" : stateReason("rollback", report.rollback.state, "succeeded");
    if (reason) reasons.push(reason);
  }
  if (!report.rollbackCallback)
    reasons.push("rollback was not verified (the report has no rollbackCallback section)");
  else {
    const reason = stateReason("rollback verify", report.rollbackCallback.state, "verified");
    if (reason) reasons.push(reason);
  }
  if (!report.metricsCallback)
    reasons.push("callback was not delivered (the report has no metricsCallback section)");
  else {
    const reason = stateReason("metrics callback", report.metricsCallback.state, "delivered");
    if (reason) reasons.push(reason);
  }
  for (const name of BUDGET_NAMES) {
    const observed = base.durations[`${name}Ms`];
    const budget = calibration.budgets[`${name}Ms`];
    if (observed !== null && observed > budget) {
      reasons.push(`${name} took ${formatWindow(observed)}, over its budget of ${formatWindow(budget)}`);
    }
  }
  for (const alert of alerts) {
    if (alert.environment === environment && alert.firing)
      reasons.push(`alert ${alert.name}: ${alert.detail}`);
  }
  return { ...base, status: reasons.length ? "attention_required" : "drill_passed", reasons };
}
function niceDuration(ms) {
  if (ms >= 36e5) return Math.ceil(ms / 9e5) * 9e5;
  if (ms >= 6e4) return Math.ceil(ms / 6e4) * 6e4;
  return Math.max(1e4, Math.ceil(ms / 1e4) * 1e4);
}
function proposeDeltas(environments, events, calibration) {
  const deltas = /* @__PURE__ */ new Map();
  const offer = (delta, rank) => {
    const existing = deltas.get(delta.setting);
    if (!existing || rank > existing.rank) deltas.set(delta.setting, { ...delta, rank });
  };
  const pct = (value) => `${Math.round(value * 100)}%`;
  const headroom = calibration.budgetHeadroom;
  for (const name of BUDGET_NAMES) {
    const budget = calibration.budgets[`${name}Ms`];
    const candidates = [];
    for (const env of environments) {
      const value = env.durations[`${name}Ms`];
      if (value !== null)
        candidates.push({
          value,
          what: `${env.environment} ${name} in this drill took ${formatWindow(value)}`
        });
    }
    if (name === "rollback") {
      for (const env of events?.environments ?? []) {
        const p95 = env.statsWindow.durationP95Ms;
        if (p95 !== null)
          candidates.push({
            value: p95,
            what: `${env.environment} rollback p95 over the last ${formatWindow(calibration.statsWindowMs)} (${env.statsWindow.durationSamples} callbacks) is ${formatWindow(Math.round(p95))}`
          });
      }
    }
    for (const { value, what } of candidates) {
      if (value >= headroom * budget) {
        const proposed = niceDuration(value * 1.5);
        offer(
          {
            setting: `budgets.${name}`,
            current: formatWindow(budget),
            proposed: formatWindow(proposed),
            reason: `${what}, ${pct(value / budget)} of its ${formatWindow(budget)} budget (attention at ${pct(headroom)}); raise the budget (or the step's timeout) so a slow but healthy ${name} is not cut off`
          },
          value
        );
      }
    }
    if (name === "rollback" && !deltas.has("budgets.rollback")) {
      for (const env of events?.environments ?? []) {
        const p95 = env.statsWindow.durationP95Ms;
        if (p95 !== null && env.statsWindow.durationSamples >= 20 && p95 < 0.25 * budget) {
          const proposed = niceDuration(p95 * 2);
          if (proposed < budget)
            offer(
              {
                setting: "budgets.rollback",
                current: formatWindow(budget),
                proposed: formatWindow(proposed),
                reason: `${env.environment} rollback p95 over ${env.statsWindow.durationSamples} callbacks is ${formatWindow(Math.round(p95))}, ${pct(p95 / budget)} of its budget; a budget of twice the p95 flags a degrading rollback sooner`
              },
              -p95
            );
        }
      }
    }
  }
  for (const env of events?.environments ?? []) {
    const { rateWindow, statsWindow } = env;
    const min = calibration.failureRate.minEvents;
    if (rateWindow.total >= min || statsWindow.total === 0) continue;
    const perDay = statsWindow.total / (calibration.statsWindowMs / 864e5);
    const neededDays = Math.ceil(min / perDay);
    const proposedMs = neededDays * 864e5;
    if (proposedMs <= calibration.failureRate.windowMs) continue;
    offer(
      {
        setting: "failureRate.window",
        current: formatWindow(calibration.failureRate.windowMs),
        proposed: formatWindow(proposedMs),
        reason: `${env.environment}: the ${formatWindow(calibration.failureRate.windowMs)} window saw ${rateWindow.total} events, fewer than the minimum volume of ${min}, so the rate alert could not fire; at ${Math.round(perDay * 100) / 100} events/day (last ${formatWindow(calibration.statsWindowMs)}) a ${neededDays}d window reaches it`
      },
      neededDays
    );
  }
  return [...deltas.values()].map(({ rank: _rank, ...delta }) => delta);
}
function evaluateDrill(options) {
  const { calibration, now, events } = options;
  const alerts = (events?.environments ?? []).flatMap(
    (env) => alertConditions(env, calibration, now)
  );
  const staging = evaluateEnvironment("staging", options.staging, calibration, alerts);
  const production = evaluateEnvironment("production", options.production, calibration, alerts);
  const notes = [];
  if (!events) notes.push("alert conditions not evaluated: no event history given (input events)");
  else if (events.malformedLines)
    notes.push(`${events.malformedLines} malformed line(s) in the event log were skipped`);
  if (events?.futureEvents)
    notes.push(`${events.futureEvents} event(s) after the evaluation time ${now.toISOString()} were ignored`);
  const firingAlerts = [...new Set(alerts.filter((alert) => alert.firing).map((alert) => alert.name))];
  return {
    schemaVersion: DRILL_REPORT_SCHEMA_VERSION,
    kind: DRILL_REPORT_KIND,
    generatedAt: now.toISOString(),
    owner: options.owner ?? null,
    deltaApplied: options.deltaApplied ?? "no",
    staging,
    production,
    alerts,
    firingAlerts,
    events,
    deltas: proposeDeltas([staging, production], events, calibration),
    calibration,
    notes
  };
}
async function runDrillEvaluation(options) {
  const staging = await loadDrillReport(options.stagingPath, "staging");
  const production = await loadDrillReport(options.productionPath, "production");
  const expected = [staging.report?.environment ?? "staging", production.report?.environment ?? "production"];
  let events = null;
  if (options.eventsPath) {
    events = await summariseEventLog(options.eventsPath, options.calibration, options.now, expected);
  }
  if (Number.isNaN(options.now.getTime()))
    throw new ConfigurationError("the evaluation time is not a valid date");
  return evaluateDrill({ ...options, staging, production, events });
}

// packages/core/src/drill/output.ts
import { access, mkdir } from "node:fs/promises";
import { join } from "node:path";

// packages/core/src/drill/markdown.ts
import { readFile } from "node:fs/promises";
var cell = (text) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ").replace(/</g, "&lt;").replace(/>/g, "&gt;");
function table(header, rows) {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`)
  ].join("\n");
}
var ICON = { drill_passed: "\u2705", attention_required: "\u26A0\uFE0F", missing: "\u274C" };
function durations(env) {
  const parts = Object.entries(env.durations).filter(([, value]) => value !== null).map(([key, value]) => `${key.replace(/Ms$/, "")} ${formatWindow(value)}`);
  return parts.length ? parts.join(", ") : "-";
}
function drillReportMarkdown(report) {
  const envs = [report.staging, report.production];
  const lines = [
    "# Rollback drill evaluation",
    "",
    `Evaluated ${report.generatedAt} \xB7 owner ${report.owner ?? "(not named)"} \xB7 delta applied: ${report.deltaApplied}`,
    "",
    table(
      ["Environment", "Status", "Reasons", "Durations"],
      envs.map((env) => [
        `${env.slot}${env.environment !== env.slot ? ` (${env.environment})` : ""}`,
        `${ICON[env.status] ?? ""} ${env.status}`,
        env.reasons.length ? env.reasons.join("; ") : "-",
        durations(env)
      ])
    ),
    "",
    "## Alert conditions",
    ""
  ];
  if (report.alerts.length) {
    const sorted = [...report.alerts].sort((a, b) => Number(b.firing) - Number(a.firing));
    lines.push(
      table(
        ["Alert", "Environment", "Firing", "Detail"],
        sorted.map((alert) => [
          alert.name,
          alert.environment,
          alert.firing ? `yes (${alert.severity})` : "no",
          alert.detail
        ])
      )
    );
  } else {
    lines.push("_Not evaluated: no event history was given._");
  }
  lines.push("", "## Proposed deltas", "");
  if (report.deltas.length) {
    lines.push(
      table(
        ["Setting", "Current", "Proposed", "Reason"],
        report.deltas.map((delta) => [delta.setting, delta.current, delta.proposed, delta.reason])
      )
    );
  } else {
    lines.push("None: the observed numbers fit the current calibration.");
  }
  if (report.events) {
    lines.push(
      "",
      "## Event history",
      "",
      `${report.events.callbackEvents} callback events from ${report.events.lines} lines` + (report.events.malformedLines ? ` (${report.events.malformedLines} malformed lines skipped)` : "") + ".",
      "",
      table(
        ["Environment", "Events", "Failed", "Last event", "Rollback p95"],
        report.events.environments.map((env) => [
          env.environment,
          String(env.total),
          String(env.failed),
          env.lastEventAt ?? "never",
          env.statsWindow.durationP95Ms === null ? "-" : formatWindow(Math.round(env.statsWindow.durationP95Ms))
        ])
      )
    );
  }
  if (report.notes.length) lines.push("", "## Notes", "", ...report.notes.map((note) => `- ${note}`));
  lines.push(
    "",
    "## Calibration",
    "",
    table(["Setting", "Value"], describeCalibration(report.calibration)),
    ""
  );
  return lines.join("\n");
}
var DRILL_LOG_HEADER = "| Date (UTC) | Staging Status | Production Status | Delta Applied | Owner | Notes |\n| --- | --- | --- | --- | --- | --- |\n";
function drillLogRow(report) {
  const notes = [];
  for (const env of [report.staging, report.production]) {
    const reasons = env.reasons.filter((reason) => !reason.startsWith("alert "));
    if (reasons.length) notes.push(`${env.slot}: ${reasons.join(", ")}`);
  }
  if (report.firingAlerts.length) notes.push(`alerts: ${report.firingAlerts.join(", ")}`);
  if (report.deltas.length)
    notes.push(
      `${report.deltas.length} delta(s) proposed: ${report.deltas.map((d) => d.setting).join(", ")}`
    );
  const row = [
    formatLogDate(new Date(report.generatedAt)),
    report.staging.status,
    report.production.status,
    report.deltaApplied,
    report.owner ?? "-",
    notes.join("; ") || "-"
  ];
  return `| ${row.map(cell).join(" | ")} |
`;
}
var DRILL_LOG_TITLES = [
  "Date (UTC)",
  "Staging Status",
  "Production Status",
  "Delta Applied",
  "Owner",
  "Notes"
];
var DRILL_STATUSES = ["drill_passed", "attention_required", "missing"];
function tableCells(line) {
  const trimmed = line.trim();
  if (!trimmed.startsWith("|") || !trimmed.endsWith("|") || trimmed.length < 2) return void 0;
  return trimmed.slice(1, -1).split(/(?<!\\)\|/).map((part) => part.trim());
}
function drillLogProblem(text) {
  const lines = text.split(/\r?\n/);
  while (lines.length && lines.at(-1)?.trim() === "") lines.pop();
  const headerAt = lines.findIndex((line) => line.trim().startsWith("|"));
  if (headerAt < 0) return "no table";
  for (const [index, line] of lines.entries()) {
    if (/[<>]/.test(line)) return `line ${index + 1} holds HTML (< or >)`;
    if (/!?\[[^\]]*\]\(/.test(line) || /!\[/.test(line)) return `line ${index + 1} holds a link or image`;
  }
  const header = tableCells(lines[headerAt]);
  if (header?.join("|") !== DRILL_LOG_TITLES.join("|"))
    return `line ${headerAt + 1}: expected the header '| ${DRILL_LOG_TITLES.join(" | ")} |'`;
  const separator = tableCells(lines[headerAt + 1] ?? "");
  if (separator?.length !== DRILL_LOG_TITLES.length || !separator.every((c) => /^:?-{3,}:?$/.test(c)))
    return `line ${headerAt + 2}: expected the table separator '| --- | ... |'`;
  for (let i = headerAt + 2; i < lines.length; i++) {
    const where = `line ${i + 1}`;
    const cells = tableCells(lines[i]);
    if (!cells) return `${where} is not a table row`;
    if (cells.length !== DRILL_LOG_TITLES.length)
      return `${where}: expected ${DRILL_LOG_TITLES.length} cells, got ${cells.length}`;
    if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(cells[0]))
      return `${where}: date '${cells[0]}' is not YYYY-MM-DD HH:MM`;
    for (const [at, column] of [
      [1, "staging status"],
      [2, "production status"]
    ]) {
      if (!DRILL_STATUSES.includes(cells[at]))
        return `${where}: ${column} '${cells[at]}' is not one of ${DRILL_STATUSES.join(", ")}`;
    }
  }
  return void 0;
}
async function appendDrillLog(previousPath, report) {
  let previous = "";
  if (previousPath) {
    try {
      previous = await readFile(previousPath, "utf8");
    } catch (error) {
      if (error.code !== "ENOENT") throw error;
    }
  }
  let malformed;
  if (previous.trim() !== "") {
    malformed = drillLogProblem(previous);
    if (malformed) previous = "";
  }
  if (previous.trim() === "") previous = `# Rollback drill log

${DRILL_LOG_HEADER}`;
  else if (!previous.endsWith("\n")) previous += "\n";
  return { text: previous + drillLogRow(report), ...malformed ? { malformed } : {} };
}

// packages/core/src/drill/output.ts
var DRILL_FILES = {
  json: "release-gate-drill-delta-report.json",
  markdown: "release-gate-drill-delta-report.md",
  log: "release-gate-drill-log.md"
};
async function writeDrillOutputs(report, outDir, previousLog) {
  drillDeltaReportSchema.parse(report);
  await mkdir(outDir, { recursive: true });
  const paths = {
    json: join(outDir, DRILL_FILES.json),
    markdown: join(outDir, DRILL_FILES.markdown),
    log: join(outDir, DRILL_FILES.log)
  };
  let source = previousLog;
  if (!source) {
    try {
      await access(paths.log);
      source = paths.log;
    } catch {
      source = void 0;
    }
  }
  const { text: log, malformed } = await appendDrillLog(source, report);
  await writeJsonFile(paths.json, report);
  await writeOutputFile(paths.markdown, drillReportMarkdown(report));
  await writeOutputFile(paths.log, log);
  return malformed ? { ...paths, previousLogMalformed: malformed } : paths;
}

// packages/core/src/drill/drill-evaluate.ts
async function drillEvaluate(options) {
  const logger = options.logger ?? silentLogger;
  const path = (value) => value ? resolve(options.workspace, value) : void 0;
  const calibration = await loadCalibration(options.calibration, (file) => resolve(options.workspace, file));
  const report = await runDrillEvaluation({
    stagingPath: path(options.staging),
    productionPath: path(options.production),
    eventsPath: path(options.events),
    calibration,
    owner: options.owner,
    deltaApplied: options.deltaApplied,
    now: options.now
  });
  const paths = await writeDrillOutputs(
    report,
    resolve(options.workspace, options.outDir),
    path(options.previousLog)
  );
  if (paths.previousLogMalformed)
    logger.warning(`previous drill log is malformed (${paths.previousLogMalformed}): starting a new log`);
  return { report, paths };
}
function enforceDrillAttention(report, failOnAttention) {
  const unhealthy = [report.staging, report.production].filter((env) => env.status !== "drill_passed");
  if (unhealthy.length && failOnAttention) {
    throw new GateBlocked(
      `drill needs attention: ${unhealthy.map((env) => `${env.slot} ${env.status}`).join(", ")} (fail-on-attention is true)`
    );
  }
}

export {
  drillEvaluate,
  enforceDrillAttention
};
