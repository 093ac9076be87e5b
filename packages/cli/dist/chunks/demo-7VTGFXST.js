import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  triggerRollback,
  triggerRollbackSpec
} from "./chunk-SXJKSAWK.js";
import {
  rollbackVerifySpec,
  verifyRollback
} from "./chunk-P5LEF6BC.js";
import {
  startReceiver
} from "./chunk-CQTRW6T3.js";
import {
  drillEvaluate
} from "./chunk-365T2QMQ.js";
import "./chunk-AY4B4RV3.js";
import {
  readinessChecklist
} from "./chunk-KTWMI4J7.js";
import "./chunk-GJWIN6ME.js";
import {
  evidenceSpec,
  produceEvidence
} from "./chunk-5UTBZZ76.js";
import "./chunk-UW4UXIXP.js";
import {
  deploy,
  deployWebhookSpec
} from "./chunk-2AJJQZSH.js";
import {
  gateContext
} from "./chunk-GK73KFT3.js";
import "./chunk-UI7C4ZYB.js";
import "./chunk-3Q2W3BOO.js";
import {
  cliRunCommand,
  normaliseProbe,
  renderSmokeText,
  runSmoke
} from "./chunk-VSOPE5BG.js";
import "./chunk-7KG7ZHVP.js";
import {
  reportIdentity
} from "./chunk-EYWORLD6.js";
import "./chunk-IKJXUY4X.js";
import "./chunk-CCK4FFWN.js";
import "./chunk-FWXROSSO.js";
import "./chunk-Z3EUDQGL.js";
import {
  gateSummaryMarkdown
} from "./chunk-22ZUNWU4.js";
import {
  finalizeGate
} from "./chunk-4SBYOLP5.js";
import {
  verifyEvidence
} from "./chunk-CXCIOPH6.js";
import {
  silentLogger
} from "./chunk-DNYRF2ZZ.js";
import "./chunk-KX3PDJEI.js";
import "./chunk-TNPGTQZG.js";
import {
  parseInputs,
  valueSource
} from "./chunk-BTGJ4AZN.js";
import {
  parseFlags
} from "./chunk-HHRHPQOT.js";
import {
  mergeReportSection,
  readJsonFile,
  releaseGateReportSchema
} from "./chunk-SV4FLVHX.js";
import "./chunk-T3AUEBCL.js";
import {
  formatDuration
} from "./chunk-FEJLSRR4.js";
import {
  USAGE_EXIT
} from "./chunk-UQP3W3S5.js";
import {
  errorMessage
} from "./chunk-ZUWSAP7Z.js";
import "./chunk-ISG4PMMP.js";
import "./chunk-DXPTYDGM.js";
import "./chunk-YGJASLSA.js";
import "./chunk-H3HWWZLP.js";
import "./chunk-HYXZD6JN.js";
import "./chunk-6MQO5ODA.js";
import {
  VERSION
} from "./chunk-WQ3LWH7R.js";
import "./chunk-7POJXVZZ.js";
import "./chunk-ONBS6DE5.js";

// packages/cli/src/demo/index.ts
import { mkdir, rm as rm3, stat } from "node:fs/promises";
import { join as join6, relative as relative6, sep } from "node:path";

// packages/cli/src/demo/sample-service.ts
import { createServer } from "node:http";
async function startSampleService() {
  const routes = /* @__PURE__ */ new Map();
  routes.set("/healthz", (_req, res) => {
    res.writeHead(200, { "content-type": "application/health+json" });
    res.end(
      JSON.stringify({
        status: "pass",
        version: "2.4.0",
        checks: { "db:connections": [{ status: "pass" }] }
      })
    );
  });
  routes.set("/actuator/health", (_req, res) => {
    res.writeHead(200, { "content-type": "application/vnd.spring-boot.actuator.v3+json" });
    res.end(
      JSON.stringify({
        status: "DOWN",
        components: { db: { status: "DOWN" }, redis: { status: "DOWN" }, diskSpace: { status: "UP" } }
      })
    );
  });
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://sample").pathname;
    const handler = routes.get(path);
    if (handler) return handler(req, res);
    res.writeHead(404, { "content-type": "application/json" });
    res.end('{"error":"not found"}');
  });
  await new Promise((resolve2, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve2);
  });
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    base,
    healthyUrl: `${base}/healthz`,
    unhealthyUrl: `${base}/actuator/health`,
    route: (path, handler) => routes.set(path, handler),
    close: () => new Promise((resolve2) => {
      server.closeAllConnections();
      server.close(() => resolve2());
    })
  };
}

// packages/cli/src/demo/stages/drill.ts
import { rm as rm2 } from "node:fs/promises";
import { join as join2, relative as relative2 } from "node:path";

// packages/cli/src/demo/stages/rollback-gate.ts
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { join, relative } from "node:path";
var BROKEN = "2.4.0";
var PREVIOUS = "2.3.1";
var GOOD = "2.5.0";
var SHAS = {
  [PREVIOUS]: "3".repeat(40),
  [BROKEN]: "4".repeat(40),
  [GOOD]: "5".repeat(40)
};
function identity(version, environment = "demo") {
  return {
    environment,
    service: "sample-service",
    ref: `refs/tags/v${version}`,
    sha: SHAS[version] ?? null,
    version,
    run: {
      repository: "demo/sample-service",
      id: null,
      attempt: 1,
      url: null,
      actor: "demo",
      workflow: "demo"
    }
  };
}
function demoContext(state, version, options) {
  return gateContext(identity(version, options.environment), {
    drill: options.drill ?? false,
    reportPath: options.reportPath,
    oneOffRunId: state.runId
  });
}
function stepInputs(state, context, inputs) {
  const { identity: identity2 } = context;
  return valueSource({
    environment: identity2.environment,
    service: identity2.service,
    ref: identity2.ref ?? "",
    sha: identity2.sha ?? "",
    version: identity2.version ?? "",
    drill: String(context.common.drill),
    "signing-secret": state.secret,
    "report-path": context.reportPath,
    ...inputs
  });
}
function demoHost(context) {
  return { logger: { ...silentLogger, warning: (message) => context.log(`warning: ${message}`) } };
}
async function gate(context) {
  const existing = context.shared.rollbackGate;
  if (existing) return existing;
  const eventLog = join(context.outDir, "receiver", "gate-events.jsonl");
  await rm(eventLog, { force: true });
  const secret = `whsec_${randomBytes(24).toString("base64")}`;
  const state = {};
  state.eventLog = eventLog;
  state.secret = secret;
  state.runId = `demo-${Date.now()}`;
  state.current = PREVIOUS;
  state.receiver = await startReceiver({
    secret,
    eventLog,
    completion: {
      afterMs: 300,
      outcome: (event) => {
        if (event.data.drill === true) return "succeeded";
        const target = event.type === "rollback.requested" ? event.data.rollbackRef : event.data.version;
        if (typeof target === "string") state.current = target;
        return "succeeded";
      }
    }
  });
  context.onCleanup(() => state.receiver.close());
  context.service.route("/release/actuator/health", (_req, res) => {
    const up = state.current !== BROKEN;
    res.writeHead(200, { "content-type": "application/vnd.spring-boot.actuator.v3+json" });
    res.end(
      JSON.stringify({ status: up ? "UP" : "DOWN", components: { db: { status: up ? "UP" : "DOWN" } } })
    );
  });
  context.shared.rollbackGate = state;
  context.wrote(
    eventLog,
    "the gate receiver's event log: every deploy, rollback and callback event (JSON Lines)"
  );
  context.log(
    `reference receiver on ${state.receiver.url} (signed events, event log ${relative(process.cwd(), eventLog)})`
  );
  return state;
}
async function deploy2(context, state, version, reportPath) {
  const gate2 = demoContext(state, version, { reportPath });
  const inputs = parseInputs(
    deployWebhookSpec,
    stepInputs(state, gate2, {
      "webhook-url": `${state.receiver.url}/deploy`,
      wait: "true",
      "poll-interval": "100ms",
      timeout: "2s",
      deadline: "10s"
    })
  );
  const { outcome } = await deploy(inputs, gate2, demoHost(context));
  context.log(`deploy ${version}: ${outcome.state} (signed, Idempotency-Key ${outcome.deliveryId})`);
  return outcome;
}
async function smokeRelease(context) {
  const probes = [
    normaliseProbe({ name: "checkout healthz", url: context.service.healthyUrl }, {}, "demo probe 1"),
    normaliseProbe(
      { name: "release actuator", url: `${context.service.base}/release/actuator/health` },
      {},
      "demo probe 2"
    )
  ];
  return runSmoke(probes, {
    timeoutMs: 2e3,
    deadlineMs: 1e4,
    maxAttempts: 2,
    backoffBaseMs: 100,
    backoffCapMs: 200
  });
}
async function rollBackAndVerify(context, state, options) {
  const { reason } = options;
  const gate2 = demoContext(state, BROKEN, options);
  const host = demoHost(context);
  const rollback = await triggerRollback(
    parseInputs(
      triggerRollbackSpec,
      stepInputs(state, gate2, {
        "webhook-url": `${state.receiver.url}/rollback`,
        "rollback-ref": PREVIOUS,
        reason,
        wait: "true",
        "poll-interval": "100ms",
        timeout: "2s",
        deadline: "10s"
      })
    ),
    gate2,
    host
  );
  const prefix = options.drill ? `${options.environment} drill: ` : "";
  const effect = options.drill ? `a drill rehearses: the receiver answered as for a real rollback but did not act, so the service still runs ${state.current}` : `the service now runs ${state.current}`;
  context.log(`${prefix}rollback to ${PREVIOUS}: ${rollback.state} (${reason}); ${effect}`);
  const verified = await verifyRollback(
    parseInputs(
      rollbackVerifySpec,
      stepInputs(state, gate2, {
        urls: [context.service.healthyUrl, `${context.service.base}/release/actuator/health`].join("\n"),
        timeout: "2s",
        deadline: "10s",
        "max-attempts": "2",
        "webhook-url": `${state.receiver.url}/rollback/verify`,
        "metrics-url": `${state.receiver.url}/internal/release-gate/callbacks`,
        "webhook-timeout": "2s",
        "webhook-deadline": "10s"
      })
    ),
    gate2,
    { ...host, runCommand: cliRunCommand }
  );
  for (const line of renderSmokeText(verified.smoke).split("\n")) context.log(`${prefix}re-smoke: ${line}`);
  const callbackState = verified.state;
  const callback = verified.metrics;
  context.log(
    `${prefix}rollback verified in ${formatDuration(verified.durationMs)}: ${callbackState}; callback event ${callback.state}`
  );
  const metric = state.receiver.metrics().split("\n").find(
    (line) => line.startsWith("release_gate_rollback_callback_events_total{") && line.includes(`environment="${options.environment}"`)
  );
  if (metric) context.log(`receiver /metrics: ${metric}`);
  return { rollback, callbackState, callback };
}
var deployBrokenStage = {
  name: "deploy",
  title: `Deploy ${BROKEN} through the signed deploy webhook and wait for the receiver to finish it`,
  async run(context) {
    const state = await gate(context);
    const outcome = await deploy2(context, state, BROKEN, context.reportPath);
    return {
      asIntended: outcome.state === "succeeded",
      summary: `deploy ${BROKEN} ${outcome.state} after ${outcome.delivery.attempts} attempt(s)`
    };
  }
};
var rollbackStage = {
  name: "rollback",
  title: `Smoke failed: roll back to ${PREVIOUS}, verify the rollback, send the callback event`,
  async run(context) {
    const state = await gate(context);
    const smoke = context.shared.smoke;
    const failed = smoke?.probes.filter((p) => p.verdict === "failed").map((p) => p.name) ?? [];
    const reason = failed.length ? `smoke failed: ${failed.join(", ")}` : "smoke failed";
    const outcome = await rollBackAndVerify(context, state, {
      environment: "demo",
      drill: false,
      reportPath: context.reportPath,
      reason
    });
    const { rollback, callbackState, callback } = outcome;
    context.log("a rolled-back release is a blocked promotion: this gate ends blocked");
    const asIntended = smoke?.result === "failed" && rollback.state === "succeeded" && callbackState === "verified" && callback.state === "accepted";
    return {
      asIntended,
      summary: `rolled back to ${PREVIOUS} (${rollback.state}), rollback ${callbackState}, callback ${callback.state}; gate blocked`
    };
  }
};
var goodReleaseStage = {
  name: "good release",
  title: `Deploy ${GOOD}: it passes smoke, so this gate can promote`,
  async run(context) {
    const state = await gate(context);
    const gateDir = join(context.outDir, `release-gate-${GOOD}`);
    await rm(gateDir, { recursive: true, force: true });
    const reportPath = join(gateDir, "report.json");
    const outcome = await deploy2(context, state, GOOD, reportPath);
    const smoke = await smokeRelease(context);
    await mergeReportSection(reportPath, identity(GOOD), "smoke", smoke);
    for (const line of renderSmokeText(smoke).split("\n")) context.log(line);
    context.log(`report: ${relative(process.cwd(), reportPath)}`);
    const asIntended = outcome.state === "succeeded" && smoke.result === "passed";
    return {
      asIntended,
      summary: `deploy ${GOOD} ${outcome.state}, smoke ${smoke.result}`
    };
  }
};

// packages/cli/src/demo/stages/drill.ts
var ENVIRONMENTS = ["staging", "production"];
var drillStage = {
  name: "drill",
  title: "Rollback drill for staging and production, evaluated with drill-evaluate",
  async run(context) {
    const state = await gate(context);
    const drillDir = join2(context.outDir, "drill");
    await rm2(drillDir, { recursive: true, force: true });
    const reportPaths = {};
    for (const environment of ENVIRONMENTS) {
      reportPaths[environment] = join2(drillDir, `${environment}-release-gate-report`, "report.json");
      await rollBackAndVerify(context, state, {
        environment,
        drill: true,
        reportPath: reportPaths[environment],
        reason: "scheduled rollback drill"
      });
    }
    const { report, paths: written } = await drillEvaluate({
      workspace: process.cwd(),
      staging: reportPaths.staging,
      production: reportPaths.production,
      events: state.eventLog,
      owner: "demo",
      deltaApplied: "no",
      now: /* @__PURE__ */ new Date(),
      outDir: context.outDir,
      logger: { ...silentLogger, warning: (message) => context.log(`warning: ${message}`) }
    });
    context.log(`staging: ${report.staging.status}; production: ${report.production.status}`);
    for (const reason of [...report.staging.reasons, ...report.production.reasons])
      context.log(`  - ${reason}`);
    context.log(`firing alerts: ${report.firingAlerts.length ? report.firingAlerts.join(", ") : "none"}`);
    if (report.deltas.length)
      context.log(
        "calibration deltas: alert settings the drill history says to change (proposed, not applied: deltaApplied no)"
      );
    for (const delta of report.deltas)
      context.log(`delta: ${delta.setting} ${delta.current} -> ${delta.proposed}: ${delta.reason}`);
    context.log(`drill delta report: ${relative2(process.cwd(), written.json)}`);
    context.log(`drill log: ${relative2(process.cwd(), written.log)}`);
    context.wrote(drillDir, "the drill rollback reports, one folder per environment");
    context.wrote(
      written.json,
      "drill-evaluate: drill status per environment, alerts and calibration deltas (.md beside it)"
    );
    context.wrote(written.log, "the drill log: one row per drill");
    const passed = report.staging.status === "drill_passed" && report.production.status === "drill_passed";
    return {
      asIntended: passed,
      summary: `staging ${report.staging.status}, production ${report.production.status}`
    };
  }
};

// packages/cli/src/demo/stages/evidence.ts
import { randomBytes as randomBytes2 } from "node:crypto";
import { join as join3, relative as relative3, resolve } from "node:path";
var evidenceStage = {
  name: "evidence",
  title: "Readiness evidence: receiver validation, receiver drill, load budget calibration",
  async run(context) {
    const secret = `whsec_${randomBytes2(24).toString("base64")}`;
    const eventLog = join3(context.outDir, "receiver", "evidence-events.jsonl");
    const receiver = await startReceiver({ secret, eventLog });
    context.onCleanup(() => receiver.close());
    const callbacks = `${receiver.url}/internal/release-gate/callbacks`;
    const metrics = `${receiver.url}/metrics`;
    const runs = [
      {
        kind: "receiver-validation",
        "receiver-url": callbacks,
        "receiver-metrics-url": metrics,
        "signing-secret": secret,
        timeout: "2s"
      },
      {
        kind: "receiver-drill",
        "receiver-url": callbacks,
        "receiver-metrics-url": metrics,
        "event-log": eventLog,
        "signing-secret": secret,
        deadline: "5s",
        timeout: "2s"
      },
      {
        kind: "load-calibration",
        targets: `${receiver.url}/healthz, ${context.service.healthyUrl}`,
        requests: "200",
        rate: "200",
        timeout: "2s",
        "hard-stop": "20s"
      }
    ];
    context.wrote(eventLog, "the evidence receiver's event log (validation and drill events)");
    const reports = [];
    for (const inputs of runs) {
      const values = parseInputs(evidenceSpec, valueSource({ ...inputs, "out-dir": context.outDir }));
      const { report, written } = await produceEvidence(values, { resolvePath: (path) => resolve(path) });
      reports.push(report);
      context.log(`${report.kind}: ${report.status} -> ${relative3(process.cwd(), written.jsonPath)}`);
      context.wrote(written.jsonPath, `${report.kind} report (readiness evidence; .md beside it)`);
      if (report.kind === "receiver-validation")
        context.log(
          `  ${report.summary.passed} checks passed${report.summary.failed ? `, failed: ${report.summary.failedChecks.join(", ")}` : ""}`
        );
      if (report.kind === "receiver-drill")
        for (const env of report.environments)
          context.log(
            `  ${env.environment}: ${env.outcome}${env.deliveryLatencyMs !== null ? ` in ${env.deliveryLatencyMs}ms` : ""}`
          );
      if (report.kind === "load-calibration") {
        context.log(
          "  two targets, the receiver's and the sample service's /healthz: each service the gate calls gets its own latency budget"
        );
        for (const target of report.targets)
          context.log(
            `  ${target.url}: ${target.throughput} req/s, p50 ${target.latency?.p50Ms}ms, p95 ${target.latency?.p95Ms}ms, p99 ${target.latency?.p99Ms}ms, errors ${target.errorRate * 100}%`
          );
      }
    }
    const failed = reports.filter((report) => report.status !== "passed").map((report) => report.kind);
    return {
      asIntended: failed.length === 0,
      summary: failed.length ? `evidence failed: ${failed.join(", ")}` : "receiver validation, receiver drill and load calibration passed; reports in build-artifacts/"
    };
  }
};

// packages/cli/src/demo/stages/readiness.ts
import { rename } from "node:fs/promises";
import { dirname, join as join4, relative as relative4 } from "node:path";
var GOOD_RELEASE_REPORT = join4("release-gate-2.5.0", "report.json");
var LOAD_REPORT = "release-gate-load-calibration-report.json";
function decide(context, outDir) {
  return readinessChecklist({
    facts: {
      targetRef: "refs/heads/main",
      releaseOwner: "alice",
      rollbackOwner: "bob",
      rollbackRef: "refs/tags/v2.3.1"
    },
    report: join4(context.outDir, GOOD_RELEASE_REPORT),
    // The default evidence paths are `build-artifacts/...` relative to the workspace.
    workspace: join4(context.outDir, ".."),
    outDir,
    now: /* @__PURE__ */ new Date()
  });
}
function show(context, label, { record, paths }) {
  context.log(
    `${label}: ${record.decision} (${record.rules.length} rules) -> ${relative4(process.cwd(), paths.markdown)}`
  );
  for (const failed of record.failedRules) context.log(`  \u2718 ${failed.id}: ${failed.reason}`);
  context.wrote(dirname(paths.markdown), `readiness decision ${label}: ${record.decision} (.md and .json)`);
}
var readinessStage = {
  name: "readiness",
  title: "Readiness checklist: GO with all evidence, then NO-GO with one report missing",
  async run(context) {
    const go = await decide(context, join4(context.outDir, "readiness"));
    show(context, "with every report", go);
    const report = join4(context.outDir, LOAD_REPORT);
    const aside = `${report}.aside`;
    await rename(report, aside);
    let noGo;
    try {
      noGo = await decide(context, join4(context.outDir, "readiness-without-load-report"));
    } finally {
      await rename(aside, report);
    }
    show(context, "without the load calibration report", noGo);
    const namesMissing = noGo.record.failedRules.some((rule) => rule.id === "loadCalibrationReport");
    return {
      asIntended: go.record.decision === "GO" && noGo.record.decision === "NO-GO" && namesMissing,
      summary: `${go.record.decision} with all evidence; ${noGo.record.decision} without the load calibration report${namesMissing ? " (named)" : ""}`
    };
  }
};

// packages/cli/src/demo/stages/report.ts
import { copyFile, readdir } from "node:fs/promises";
import { join as join5, relative as relative5 } from "node:path";
async function gateReports(context) {
  const named = context.shared.gateReports;
  if (Array.isArray(named) && named.every((path) => typeof path === "string")) return named;
  const found = [];
  for (const entry of await readdir(context.outDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join5(context.outDir, entry.name, "report.json");
    const report = await readJsonFile(path, releaseGateReportSchema, "report", { optional: true }).catch(
      () => void 0
    );
    if (report) found.push({ path, startedAt: report.startedAt });
  }
  return found.sort((a, b) => a.startedAt.localeCompare(b.startedAt)).map((entry) => entry.path);
}
var reportStage = {
  name: "report",
  title: "Report: verdict, evidence bundle, release log and gate summary for each release",
  async run(context) {
    const cwd = join5(context.outDir, "..");
    const reports = await gateReports(context);
    if (!reports.length) return { asIntended: false, summary: "no release-gate report to finalise" };
    const verdicts = [];
    let intact = true;
    let logRows = 0;
    for (const reportPath of reports) {
      const result = await finalizeGate({
        reportPath,
        workspace: cwd,
        previousLog: join5(context.outDir, "release-log.tsv"),
        owner: "demo",
        generatedBy: `release-actions/${VERSION}`,
        summaryMarkdown: (report, logRows2) => gateSummaryMarkdown({ report, logRows: logRows2 })
      });
      await copyFile(join5(result.bundleDir, "release-log.tsv"), join5(context.outDir, "release-log.tsv"));
      logRows = result.logRows.length;
      const check = await verifyEvidence(result.bundleDir);
      intact &&= check.ok;
      const where = relative5(cwd, result.bundleDir);
      context.log(
        `${result.report.service} ${result.report.version ?? ""} -> ${result.report.environment}: ${result.verdict.value.toUpperCase()}`
      );
      for (const reason of result.verdict.reasons) context.log(`  - ${reason}`);
      context.log(
        `  evidence bundle: ${where}/ (${check.ok ? `${check.checked} files match manifest.json` : `manifest NOT intact: ${check.problems.map((p) => `${p.path} ${p.problem}`).join(", ")}`})`
      );
      context.log(`  gate summary:    ${where}/summary.md   summary.json: ${where}/summary.json`);
      verdicts.push(`${result.report.environment} ${result.verdict.value}`);
      context.wrote(
        result.bundleDir,
        `release ${result.report.version ?? ""}, ${result.verdict.value}: evidence bundle (report, summary, release log, manifest; verify-evidence checks it)`
      );
    }
    context.log(
      `release log: ${relative5(cwd, join5(context.outDir, "release-log.tsv"))} (${logRows} rows; each run appends, as each workflow run extends the previous artifact's log)`
    );
    context.wrote(join5(context.outDir, "release-log.tsv"), "the release log across both gates");
    context.shared.finalizedReports = reports;
    return {
      asIntended: intact,
      summary: `${verdicts.join(", ")}; bundles verified against their manifests${intact ? "" : " FAILED"}`
    };
  }
};

// packages/cli/src/demo/stages/smoke.ts
var smokeStage = {
  name: "smoke",
  title: "Smoke the new version: one healthy endpoint, one that answers 200 but reports DOWN",
  async run(context) {
    const probes = [
      normaliseProbe({ name: "checkout healthz", url: context.service.healthyUrl }, {}, "demo probe 1"),
      normaliseProbe({ name: "checkout actuator", url: context.service.unhealthyUrl }, {}, "demo probe 2")
    ];
    const section = await runSmoke(
      probes,
      { timeoutMs: 2e3, deadlineMs: 15e3, maxAttempts: 2, backoffBaseMs: 100, backoffCapMs: 200 },
      { runCommand: cliRunCommand }
    );
    await mergeReportSection(
      context.reportPath,
      reportIdentity({ environment: "demo", service: "sample-service", version: "2.4.0" }, {}),
      "smoke",
      section
    );
    for (const line of renderSmokeText(section).split("\n")) context.log(line);
    context.shared.smoke = section;
    const [healthy, unhealthy] = section.probes;
    const asIntended = healthy?.verdict === "passed" && unhealthy?.verdict === "failed";
    return {
      asIntended,
      summary: asIntended ? `smoke blocked the release: ${unhealthy?.reason} (the healthy endpoint passed)` : `unexpected smoke result: ${section.probes.map((p) => `${p.name} ${p.verdict}`).join(", ")}`
    };
  }
};

// packages/cli/src/demo/stages.ts
var DEMO_STAGES = [
  deployBrokenStage,
  smokeStage,
  rollbackStage,
  goodReleaseStage,
  evidenceStage,
  reportStage,
  drillStage,
  readinessStage
];

// packages/cli/src/demo/index.ts
async function printMap(print, where, written) {
  const { cwd, outDir } = where;
  const rows = [];
  for (const [path, what] of written) {
    const info = await stat(path).catch(() => void 0);
    if (info) rows.push([`${relative6(outDir, path)}${info.isDirectory() ? sep : ""}`, what]);
  }
  if (!rows.length) return;
  const width = Math.max(...rows.map(([path]) => path.length));
  print(`
What the demo wrote, under ${relative6(cwd, outDir) || "."}${sep}`);
  for (const [path, what] of rows) print(`  ${path.padEnd(width)}  ${what}`);
}
async function runDemo(options = {}) {
  const cwd = options.cwd ?? process.cwd();
  const out = options.out ?? process.stdout;
  const print = (line) => out.write(`${line}
`);
  const outDir = join6(cwd, "build-artifacts");
  const gateDir = join6(outDir, "release-gate");
  await rm3(gateDir, { recursive: true, force: true });
  await mkdir(gateDir, { recursive: true });
  const cleanups = [];
  const outcomes = [];
  const written = /* @__PURE__ */ new Map();
  try {
    const service = await startSampleService();
    cleanups.push(() => service.close());
    print(`release-gate demo: sample service on ${service.base}`);
    const context = {
      outDir,
      gateDir,
      reportPath: join6(gateDir, "report.json"),
      service,
      log: (line) => print(`  ${line}`),
      onCleanup: (fn) => cleanups.push(fn),
      wrote: (path, what) => written.set(path, what),
      shared: {}
    };
    for (const [index, stage] of (options.stages ?? DEMO_STAGES).entries()) {
      print(`
${index + 1}. ${stage.title}`);
      let outcome;
      try {
        outcome = await stage.run(context);
      } catch (error) {
        outcome = { asIntended: false, summary: `stage ${stage.name} crashed: ${errorMessage(error)}` };
      }
      outcomes.push([stage, outcome]);
    }
    print("\nRecap");
    for (const [stage, outcome] of outcomes)
      print(`  ${outcome.asIntended ? "\u2714" : "\u2718"} ${stage.name}: ${outcome.summary}`);
    await printMap(print, { cwd, outDir }, written);
    return outcomes.every(([, outcome]) => outcome.asIntended);
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        print(`cleanup failed: ${errorMessage(error)}`);
      }
    }
  }
}

// packages/cli/src/commands/demo.ts
var USAGE = `release-gate demo

A local release gate with no setup: starts a sample service on 127.0.0.1 with a healthy and an unhealthy
endpoint, runs each demo stage against it (smoke, ...), prints what happened and writes the report under
build-artifacts/release-gate/. Exit code 0 when every stage behaved as intended (a blocked release is
the intended outcome for the unhealthy endpoint), 1 otherwise.`;
async function run(argv) {
  try {
    const parsed = parseFlags(argv, {}, USAGE);
    if (parsed.values.help) {
      process.stdout.write(`${USAGE}
`);
      return 0;
    }
  } catch (error) {
    process.stderr.write(`release-gate demo: ${errorMessage(error)}
`);
    return USAGE_EXIT;
  }
  return await runDemo() ? 0 : 1;
}
export {
  run
};
