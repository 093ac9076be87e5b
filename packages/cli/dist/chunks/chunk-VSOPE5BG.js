import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  parseYaml
} from "./chunk-7KG7ZHVP.js";
import {
  reportIdentity
} from "./chunk-EYWORLD6.js";
import {
  metricEnvRefs
} from "./chunk-IKJXUY4X.js";
import {
  nextDelay,
  parseRetryAfter,
  sleep
} from "./chunk-CCK4FFWN.js";
import {
  defaultProbeName,
  formatStatusList,
  parseStatusList,
  smokePolicySchema,
  statusMatches
} from "./chunk-FWXROSSO.js";
import {
  collectRefs,
  hasTemplate,
  refText,
  renderDeep,
  renderTemplate,
  stringsIn
} from "./chunk-Z3EUDQGL.js";
import {
  DEFAULT_REPORT_PATH,
  reportPathInput
} from "./chunk-TNPGTQZG.js";
import {
  booleanInput,
  durationInput,
  headersInput,
  integerInput,
  optionalString,
  parseInputs,
  splitList
} from "./chunk-BTGJ4AZN.js";
import {
  flagSource
} from "./chunk-HHRHPQOT.js";
import {
  mergeReportSection
} from "./chunk-SV4FLVHX.js";
import {
  formatDuration
} from "./chunk-FEJLSRR4.js";
import {
  USAGE_EXIT
} from "./chunk-UQP3W3S5.js";
import {
  ConfigurationError,
  errorMessage
} from "./chunk-ZUWSAP7Z.js";
import {
  checkScenario,
  scenarioPassedNote
} from "./chunk-ISG4PMMP.js";
import {
  describeSource,
  parseValueSource
} from "./chunk-DXPTYDGM.js";
import {
  evaluateAssertion,
  getJsonPath
} from "./chunk-YGJASLSA.js";
import {
  NEVER,
  string
} from "./chunk-H3HWWZLP.js";
import {
  REDACTED,
  Redactor,
  redactUrl,
  runSecrets,
  secretParts
} from "./chunk-6MQO5ODA.js";

// packages/cli/src/commands/smoke.ts
import { resolve as resolve2 } from "node:path";

// packages/core/src/probes/engine.ts
import { setMaxListeners } from "node:events";

// packages/core/src/health/types.ts
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function withComponents(prefix, components) {
  if (!components.length) return prefix;
  const shown = components.slice(0, 10).join(", ");
  const more = components.length > 10 ? ` and ${components.length - 10} more` : "";
  return `${prefix}: ${shown}${more}`;
}

// packages/core/src/health/actuator.ts
var ACTUATOR_STATUSES = ["UP", "DOWN", "OUT_OF_SERVICE", "UNKNOWN"];
var interpretActuator = (input) => {
  const doc = input.json;
  const byType = input.contentType.startsWith("application/vnd.spring-boot.actuator");
  const raw = isRecord(doc) && typeof doc.status === "string" ? doc.status : void 0;
  const known = raw !== void 0 && ACTUATOR_STATUSES.includes(raw.toUpperCase());
  if (!byType && !known) return void 0;
  if (!raw) {
    return {
      format: "actuator",
      status: "fail",
      raw: "(missing)",
      components: [],
      summary: "actuator body has no status field"
    };
  }
  const upper = raw.toUpperCase();
  const status = upper === "UP" ? "pass" : "fail";
  const components = status === "fail" ? failingComponents(doc, "") : [];
  return {
    format: "actuator",
    status,
    raw: upper,
    components,
    summary: withComponents(`actuator status ${upper}`, components)
  };
};
function failingComponents(node, prefix) {
  if (!isRecord(node)) return [];
  const children = isRecord(node.components) ? node.components : isRecord(node.details) ? node.details : {};
  const names = [];
  for (const [name, child] of Object.entries(children)) {
    if (!isRecord(child) || typeof child.status !== "string") continue;
    if (child.status.toUpperCase() === "UP") continue;
    const path = prefix ? `${prefix}.${name}` : name;
    const nested = failingComponents(child, path);
    names.push(...nested.length ? nested : [path]);
  }
  return names;
}

// packages/core/src/health/health-json.ts
var interpretHealthJson = (input) => {
  if (!input.contentType.startsWith("application/health+json")) return void 0;
  const doc = input.json;
  const raw = isRecord(doc) && typeof doc.status === "string" ? doc.status : void 0;
  const status = raw === void 0 ? void 0 : normalise(raw);
  if (!raw || !status) {
    return {
      format: "health+json",
      status: "fail",
      raw: raw ?? "(missing)",
      components: [],
      summary: raw ? `health+json status '${raw}' is not pass, warn or fail` : "health+json body has no status field"
    };
  }
  const components = [];
  if (status !== "pass" && isRecord(doc) && isRecord(doc.checks)) {
    for (const [key, checks] of Object.entries(doc.checks)) {
      const list = Array.isArray(checks) ? checks : [checks];
      const bad = list.some((check) => {
        const value = isRecord(check) && typeof check.status === "string" ? normalise(check.status) : void 0;
        return value === "fail" || status === "warn" && value === "warn";
      });
      if (bad) components.push(key);
    }
  }
  return {
    format: "health+json",
    status,
    raw,
    components,
    summary: withComponents(`health+json status ${raw}`, components)
  };
};
function normalise(value) {
  const lower = value.toLowerCase();
  if (lower === "pass" || lower === "ok" || lower === "up") return "pass";
  if (lower === "warn") return "warn";
  if (lower === "fail" || lower === "error" || lower === "down") return "fail";
  return void 0;
}

// packages/core/src/health/readyz.ts
var CHECK_LINE = /^\[([+-])\]\s*([^\s]+)\s*(.*)$/;
var interpretReadyz = (input) => {
  if (input.json !== void 0) return void 0;
  if (input.contentType && !input.contentType.startsWith("text/")) return void 0;
  const lines = input.body.split(/\r?\n/).map((line) => line.trim());
  const checks = lines.map((line) => CHECK_LINE.exec(line)).filter((m) => m !== null);
  if (!checks.length) return void 0;
  const failing = checks.filter((m) => m[1] === "-").map((m) => m[2]);
  const closing = lines.find((line) => /^\w+ check (passed|failed)$/.test(line));
  const failedByClosing = closing?.endsWith("failed") ?? false;
  const status = failing.length || failedByClosing ? "fail" : "pass";
  const what = closing?.split(" ")[0] ?? "readyz";
  let summary = `${what} check ${status === "pass" ? "passed" : "failed"}`;
  if (failing.length) {
    const shown = failing.slice(0, 10).join(", ");
    summary += `: [-] ${shown}${failing.length > 10 ? ` and ${failing.length - 10} more` : ""}`;
  }
  return {
    format: "readyz",
    status,
    raw: status === "pass" ? "[+]" : "[-]",
    components: failing,
    summary
  };
};

// packages/core/src/health/index.ts
var HEALTH_INTERPRETERS = [
  interpretHealthJson,
  interpretActuator,
  interpretReadyz
];
function readHealth(contentType, body, json) {
  const input = {
    contentType: (contentType ?? "").toLowerCase().trim(),
    body,
    json: json === void 0 ? parseJsonBody(body) : json
  };
  for (const interpret of HEALTH_INTERPRETERS) {
    const reading = interpret(input);
    if (reading) return reading;
  }
  return void 0;
}
function parseJsonBody(body) {
  const start = body.trimStart()[0];
  if (start !== "{" && start !== "[") return void 0;
  try {
    return JSON.parse(body);
  } catch {
    return void 0;
  }
}

// packages/core/src/probes/evaluate.ts
var CHECKS = [
  checkStatus,
  checkHealth,
  checkBodyAssertions,
  checkScenario,
  checkLatencyBudget,
  checkExitCode
];
function evaluateAttempt(probe, observation, now = Date.now()) {
  const base = {
    status: observation.status,
    durationMs: observation.durationMs,
    captured: captureLines(observation.stdout),
    ...observation.scenario ? { roundTripMs: observation.scenario.roundTripMs } : {},
    ...observation.outputTail ? { outputTail: observation.outputTail } : {}
  };
  if (observation.error) {
    return {
      ...base,
      captured: {},
      ok: false,
      reason: observation.error.message,
      failures: [observation.error.message],
      warnings: []
    };
  }
  let text;
  let json;
  let parsed = false;
  const input = {
    probe,
    observation,
    text: () => {
      text ??= observation.body?.toString("utf8") ?? "";
      return text;
    },
    json: () => {
      if (!parsed) {
        json = parseJsonBody(input.text());
        parsed = true;
      }
      return json;
    }
  };
  const failures = [];
  const warnings = [];
  let primary;
  let healthFormat;
  for (const check of CHECKS) {
    const result = check(input);
    if (!result) continue;
    if (result.healthFormat) healthFormat = result.healthFormat;
    if (result.captured) Object.assign(base.captured, result.captured);
    if (result.primary && result.failures?.length) primary ??= result.failures[0];
    failures.push(...result.failures ?? []);
    warnings.push(...result.warnings ?? []);
  }
  const retryAfterMs = observation.status === 429 || observation.status === 503 ? parseRetryAfter(observation.headers?.["retry-after"], now) : void 0;
  const ok = failures.length === 0;
  let reason;
  if (!ok) {
    reason = primary ?? failures[0];
    const statusFailed = failures.some((f) => f.startsWith("expected ") && f.includes(", got "));
    if (primary && statusFailed && observation.status !== void 0)
      reason += ` (HTTP ${observation.status})`;
  } else {
    reason = passedReason(probe, observation);
  }
  const captured = ok ? base.captured : {};
  return { ...base, captured, ok, reason, failures, warnings, healthFormat, retryAfterMs };
}
function passedReason(probe, observation) {
  switch (probe.type) {
    case "http":
      return `HTTP ${observation.status}${scenarioPassedNote(probe, observation)}`;
    case "ws":
      return observation.scenario?.summary ?? "WebSocket handshake succeeded";
    case "tcp":
      return "connected";
    case "command":
      return "exit code 0";
  }
}
function checkStatus({ probe, observation }) {
  const status = observation.status;
  if (probe.type === "http" && status !== void 0 && !statusMatches(probe.expectedStatus, status)) {
    return { failures: [`expected ${formatStatusList(probe.expectedStatus)}, got ${status}`] };
  }
  if (probe.type === "ws" && status !== 101) {
    return { failures: [`expected 101 (WebSocket handshake), got ${status}`] };
  }
  return void 0;
}
function checkHealth(input) {
  if (input.probe.type !== "http" || !input.observation.body?.length) return void 0;
  const reading = readHealth(
    input.observation.headers?.["content-type"],
    input.text(),
    input.json()
  );
  if (!reading) return void 0;
  if (reading.status === "fail")
    return { failures: [reading.summary], healthFormat: reading.format, primary: true };
  if (reading.status === "warn") return { warnings: [reading.summary], healthFormat: reading.format };
  return { healthFormat: reading.format };
}
function checkBodyAssertions(input) {
  const assertions = input.probe.assertions;
  if (!assertions.length) return void 0;
  const document = input.json();
  if (document === void 0) {
    const cut = input.observation.bodyTruncated ? " (the body was cut at the 1 MiB read limit)" : "";
    return { failures: [`body is not JSON${cut}; cannot check ${assertions.map((a) => a.path).join(", ")}`] };
  }
  const failures = [];
  for (const assertion of assertions) {
    const failure = checkAssertion(assertion, document);
    if (failure) failures.push(failure);
  }
  return { failures };
}
function checkAssertion(assertion, document) {
  const lookup = getJsonPath(document, assertion.path);
  const outcome = evaluateAssertion(assertion.op, lookup.found, lookup.value);
  return outcome.ok ? void 0 : `${assertion.path}: expected ${outcome.expected}, got ${outcome.actual}`;
}
function checkLatencyBudget({ probe, observation }) {
  if (probe.latencyBudgetMs === void 0 || observation.durationMs <= probe.latencyBudgetMs)
    return void 0;
  return {
    failures: [
      `latency ${Math.round(observation.durationMs)}ms over the budget of ${probe.latencyBudgetMs}ms`
    ]
  };
}
function checkExitCode({ probe, observation }) {
  if (probe.type !== "command" || observation.exitCode === 0) return void 0;
  return { failures: [`exit code ${observation.exitCode ?? "(killed)"}`] };
}
var CAPTURE_LINE = /^([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$/;
function captureLines(stdout) {
  const captured = {};
  if (!stdout) return captured;
  for (const line of stdout.split(/\r?\n/)) {
    const match = CAPTURE_LINE.exec(line.trim());
    if (match) captured[match[1]] = typedValue(match[2]);
  }
  return captured;
}
function typedValue(raw) {
  if (raw === "true") return true;
  if (raw === "false") return false;
  if (raw === "null") return null;
  if (/^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(raw)) return Number(raw);
  return raw;
}

// packages/core/src/probes/executors/index.ts
function onFirstUse(load) {
  return async (probe, context) => (await load())(probe, context);
}
var executeWs = onFirstUse(async () => (await import("./ws-5PCQKPKF.js")).executeWs);
var executeWsScript = onFirstUse(async () => (await import("./ws-script-3VOUZKVO.js")).executeWsScript);
var EXECUTORS = {
  http: onFirstUse(async () => (await import("./http-PDSNLVXY.js")).executeHttp),
  ws: (probe, context) => probe.scenario?.script ? executeWsScript(probe, context) : executeWs(probe, context),
  tcp: onFirstUse(async () => (await import("./tcp-Z7TPQDZU.js")).executeTcp),
  command: onFirstUse(async () => (await import("./command-AJPSQ3WZ.js")).executeCommand)
};
function executorFor(probe) {
  return EXECUTORS[probe.type];
}

// packages/core/src/probes/policy.ts
async function runProbe(probe, context) {
  const { policy } = context;
  const now = context.now ?? Date.now;
  const execute = executorFor(probe);
  const attempts = [];
  let streak = 0;
  let failed = 0;
  const finish = (passed, reason) => {
    const last = attempts.at(-1);
    const lastFailed = [...attempts].reverse().find((a) => !a.ok);
    const warnings = [...new Set(attempts.flatMap((a) => a.warnings))];
    return {
      passed,
      reason,
      attempts,
      failures: passed ? [] : lastFailed?.failures ?? [reason],
      warnings,
      healthFormat: [...attempts].reverse().find((a) => a.healthFormat)?.healthFormat ?? last?.healthFormat
    };
  };
  const tries = () => attempts.length > 1 ? ` after ${attempts.length} attempts` : "";
  for (; ; ) {
    if (context.signal.aborted) {
      const last = attempts.at(-1);
      return finish(
        false,
        attempts.length ? `cancelled${tries()} (last: ${last?.reason})` : "not run: cancelled"
      );
    }
    const remaining = context.deadlineAt - now();
    if (remaining <= 0) {
      const last = attempts.at(-1);
      return finish(
        false,
        attempts.length ? `${last?.ok ? "not yet stable" : deadlineReached(last.reason)}${tries()}` : "not run: the deadline passed before it started"
      );
    }
    const attemptTimeoutMs = probe.timeoutMs ?? policy.timeoutMs;
    const timeoutMs = Math.max(1, Math.min(attemptTimeoutMs, remaining));
    const observed = await execute(probe, {
      timeoutMs,
      signal: context.signal,
      policy,
      runCommand: context.runCommand
    }).catch(
      // An executor that throws (a header value the HTTP stack refuses, say) fails this probe, not the run.
      (error) => ({
        durationMs: 0,
        error: {
          kind: "setup",
          message: `cannot send: ${error instanceof Error ? error.message : String(error)}`
        }
      })
    );
    const observation = timeoutMs < attemptTimeoutMs ? labelDeadline(observed, timeoutMs) : observed;
    if (observation.error?.kind === "aborted" && context.signal.aborted) continue;
    const verdict = evaluateAttempt(probe, observation, now());
    attempts.push(verdict);
    if (verdict.ok) {
      streak += 1;
      if (streak >= policy.consecutiveSuccesses) {
        const stable = policy.consecutiveSuccesses > 1 ? `, ${streak} in a row` : "";
        context.onAttempt?.(probe, attempts.length, verdict, void 0);
        return finish(true, `${verdict.reason}${stable}${tries()}`);
      }
    } else {
      streak = 0;
      failed += 1;
      if (failed >= policy.maxAttempts) {
        context.onAttempt?.(probe, attempts.length, verdict, void 0);
        return finish(false, `${verdict.reason}${tries()}`);
      }
    }
    const delay = verdict.ok ? fitsDeadline(policy.stabilisationIntervalMs, context.deadlineAt, now()) : nextDelay({
      attempt: failed,
      retryAfterMs: verdict.retryAfterMs,
      deadlineAt: context.deadlineAt,
      now: now(),
      baseMs: policy.backoffBaseMs,
      capMs: policy.backoffCapMs
    });
    context.onAttempt?.(probe, attempts.length, verdict, delay);
    if (delay === void 0) {
      if (!verdict.ok && verdict.retryAfterMs !== void 0) {
        return finish(
          false,
          `${verdict.reason}${tries()}; the server asked to retry after ${formatDuration(verdict.retryAfterMs)}, past the deadline`
        );
      }
      return finish(
        false,
        verdict.ok ? `not stable: ${streak} of ${policy.consecutiveSuccesses} successes in a row before the deadline` : `${deadlineReached(verdict.reason)}${tries()}`
      );
    }
    await sleep(delay, context.signal);
  }
}
var DEADLINE_LABEL = "(deadline reached)";
function labelDeadline(observation, leftMs) {
  if (observation.error?.kind !== "timeout") return observation;
  const { message } = observation.error;
  const waited = / within \d+ms \(timeout\)$/;
  const labelled = waited.test(message) ? `${message.replace(waited, "")} within the ${formatDuration(leftMs)} left ${DEADLINE_LABEL}` : `${message.replace(/ \(timeout\)$/, "")} ${DEADLINE_LABEL}`;
  return { ...observation, error: { ...observation.error, message: labelled } };
}
function deadlineReached(reason) {
  return reason.endsWith(DEADLINE_LABEL) ? reason : `${reason}; deadline reached`;
}
function fitsDeadline(wanted, deadlineAt, now) {
  return wanted < deadlineAt - now ? wanted : void 0;
}

// packages/core/src/probes/scenario/run.ts
var REDIRECT_STATUSES = parseStatusList("300-399");
var PLACEHOLDER = (index) => `tmpl${index}x`;
function normaliseWithScenario(rawEntry, defaults, rawWhere, normalise2) {
  const entry = rawEntry;
  const step = entry.step;
  const where = step ? rawWhere.replace(/probe \d+$/, `scenario '${step.scenario}', step ${step.index + 1}`) : rawWhere;
  const fail = (message) => {
    throw new ConfigurationError(`${where}: ${message}`);
  };
  const assertions = (entry.assertions ?? []).filter((a) => a.subject !== "body");
  let refs;
  try {
    refs = collectRefs(entry);
  } catch (error) {
    return fail(error.message);
  }
  const stepRef = refs.find((ref) => ref.kind === "step");
  if (stepRef && !step) fail(`${refText(stepRef)} can only be used by a step of a scenario (under steps:)`);
  for (const ref of refs) {
    if (ref.kind === "env" && /^(ACTIONS_|INPUT_|RUNNER_)/i.test(ref.name))
      fail(
        `${refText(ref)}: runner variables (ACTIONS_*, INPUT_*, RUNNER_*) cannot be sent to a probe; pass what the probe needs with env: under its own name`
      );
    if (ref.kind === "env" && process.env[ref.name] === void 0)
      fail(
        `${refText(ref)}: the environment variable ${ref.name} is not set (pass it with env: in the workflow)`
      );
  }
  const placeholders = [];
  const placeholderFor = (text) => renderTemplate(text, (ref) => {
    placeholders.push(refText(ref));
    return PLACEHOLDER(placeholders.length - 1);
  });
  const templatedHeaders = Object.entries(entry.headers ?? {}).filter(([, value]) => hasTemplate(value)).map(([name]) => name);
  const secretHeaders = templatedHeaders.length ? { secretHeaders: [...entry.secretHeaders ?? [], ...templatedHeaders] } : {};
  const base = {
    ...entry,
    ...secretHeaders,
    ...entry.url ? { url: placeholderFor(entry.url) } : {},
    ...entry.followRedirects === false && entry.expectedStatus === void 0 ? { expectedStatus: REDIRECT_STATUSES } : {}
  };
  let probe = normalise2(base, defaults, where);
  const restore = (text) => placeholders.reduce((out, original, index) => out.split(PLACEHOLDER(index)).join(original), text);
  probe = withJsonContentType(
    {
      ...probe,
      name: step ? `${step.scenario}/${step.step}` : restore(probe.name),
      target: restore(probe.target)
    },
    entry.body
  );
  if (entry.followRedirects !== void 0 && probe.type !== "http")
    fail("followRedirects applies to http probes only");
  if (entry.capture?.length && probe.type !== "http")
    fail("capture applies to http probes; in a ws probe, capture inside an expect step of its script");
  if (assertions.length && probe.type !== "http")
    fail("header and text assertions apply to http probes (a ws script checks messages with expect)");
  if (entry.script && probe.type !== "ws") fail("script applies to ws:// and wss:// probes only");
  const templated = refs.length > 0 || [entry.url ?? "", ...stringsIn(entry.headers ?? {}), ...stringsIn(entry.body)].some(hasTemplate);
  let version;
  const expected = defaults.scenario?.expectedVersion;
  if (expected && probe.type === "http" && entry.checkVersion !== false) {
    const source = entry.versionFrom ?? defaults.scenario?.versionFrom;
    if (!source)
      fail(
        "expected-version is set but no version-from says where the version is (e.g. header:x-app-version)"
      );
    version = { expected, source };
  }
  const scenario = {
    assertions,
    captures: entry.capture ?? [],
    ...entry.followRedirects !== void 0 ? { followRedirects: entry.followRedirects } : {},
    ...entry.script ? { script: entry.script } : {},
    ...version ? { version } : {},
    ...entry.resultKey ? { resultKey: entry.resultKey } : {},
    ...step ? { step } : {},
    ...templated ? {
      template: {
        entry: {
          ...entry,
          ...secretHeaders,
          assertions: (entry.assertions ?? []).filter((a) => a.subject === "body")
        },
        where
      }
    } : {}
  };
  const used = assertions.length || scenario.captures.length || scenario.followRedirects !== void 0 || scenario.script || version || scenario.resultKey || step || templated;
  if (!used) return probe;
  renormalisers.set(scenario, (resolved) => normalise2(resolved, defaults, where));
  return { ...probe, scenario };
}
function withJsonContentType(probe, body) {
  if (probe.type !== "http" || body === void 0 || typeof body === "string") return probe;
  if (Object.keys(probe.headers).some((name) => name.toLowerCase() === "content-type")) return probe;
  return { ...probe, headers: { ...probe.headers, "Content-Type": "application/json" } };
}
var renormalisers = /* @__PURE__ */ new WeakMap();
function checkVersionTargets(probes, defaults) {
  if (!defaults.scenario?.expectedVersion) return;
  if (!probes.some((probe) => probe.scenario?.version)) {
    throw new ConfigurationError(
      "expected-version is set but no http probe reports a version (every http probe has checkVersion: false, or there are only ws/tcp/command probes)"
    );
  }
}
var ScenarioRunner = class {
  constructor(probes, deps = {}) {
    this.probes = probes;
    this.deps = deps;
    this.redactor = deps.redactor ?? new Redactor();
    for (const [position, probe] of probes.entries()) {
      const step = probe.scenario?.step;
      if (!step) continue;
      let state = this.scenarios.get(step.scenario);
      if (!state) {
        state = { steps: [], values: /* @__PURE__ */ new Map(), passed: true, resultKey: step.scenarioResultKey };
        this.scenarios.set(step.scenario, state);
      }
      let resolve3;
      const done = new Promise((r) => {
        resolve3 = r;
      });
      state.steps[step.index] = { done, resolve: resolve3 };
      const indexes = this.stepIndexes.get(step.scenario) ?? [];
      indexes[step.index] = position;
      this.stepIndexes.set(step.scenario, indexes);
    }
  }
  probes;
  deps;
  scenarios = /* @__PURE__ */ new Map();
  /** Per scenario, the probe index of each step, in step order. */
  stepIndexes = /* @__PURE__ */ new Map();
  cursor = 0;
  results = {};
  redactor;
  /**
   * The next probe for a worker: after a step that is not the last, the next step of the same scenario
   * (so a scenario holds one worker, not one per waiting step); otherwise the next probe nobody has
   * taken, skipping later steps, which are reached only through their scenario.
   */
  next(previous) {
    const step = previous === void 0 ? void 0 : this.probes[previous]?.scenario?.step;
    if (step && step.index < step.count - 1) {
      const following = this.stepIndexes.get(step.scenario)?.[step.index + 1];
      if (following !== void 0) return following;
    }
    while (this.cursor < this.probes.length) {
      const index = this.cursor++;
      const candidate = this.probes[index]?.scenario?.step;
      if (!candidate || candidate.index === 0 || this.stepIndexes.get(candidate.scenario)?.[0] === void 0)
        return index;
    }
    return void 0;
  }
  secret(value) {
    if (!value) return;
    this.redactor.add(value);
    this.deps.onSecret?.(value);
  }
  /** Runs one probe through `execute` (the policy loop), in its scenario's order when it is a step. */
  async run(probe, execute) {
    const scenario = probe.scenario;
    if (!scenario) return execute(probe);
    const step = scenario.step;
    const state = step ? this.scenarios.get(step.scenario) : void 0;
    try {
      if (step && state && step.index > 0) await state.steps[step.index - 1]?.done;
      const ready = this.ready(probe, state);
      const outcome = typeof ready === "string" ? notRun(ready) : await execute(ready);
      const last = outcome.attempts.at(-1);
      const secretNames = /* @__PURE__ */ new Set([
        ...scenario.captures.filter((c) => c.secret).map((c) => c.name),
        ...(scenario.script ?? []).flatMap(
          (s) => s.kind === "expect" ? s.captures.filter((c) => c.secret).map((c) => c.name) : []
        )
      ]);
      if (step && state && outcome.passed && last) state.values.set(step.step, { ...last.captured });
      for (const attempt of outcome.attempts) {
        const masked = { ...attempt.captured };
        for (const name of secretNames) if (Object.hasOwn(masked, name)) masked[name] = REDACTED;
        attempt.captured = masked;
      }
      if (scenario.resultKey) this.results[scenario.resultKey] = outcome.passed;
      if (step && state && !outcome.passed) {
        state.failedStep ??= step.step;
        state.passed = false;
      }
      if (step && state?.resultKey && step.index === step.count - 1)
        this.results[state.resultKey] = state.passed;
      return outcome;
    } finally {
      if (step && state) state.steps[step.index]?.resolve();
    }
  }
  /**
   * The probe with its templates filled, or why it is not run: an earlier step failed, or a template
   * has no value. Either way the step fails, and with it its scenario.
   */
  ready(probe, state) {
    if (state?.failedStep !== void 0) {
      return this.deps.signal?.aborted ? "not run: cancelled" : `not run: step '${state.failedStep}' of scenario '${probe.scenario?.step?.scenario}' failed before it`;
    }
    try {
      return this.resolve(probe, state);
    } catch (error) {
      return `not run: ${error.message}`;
    }
  }
  /** The report's record of the version check: the version, where it was read, how many probes. */
  versionEvidence() {
    const checked = this.probes.flatMap((probe) => probe.scenario?.version ? [probe.scenario.version] : []);
    if (!checked.length) return {};
    return {
      expectedVersion: {
        version: checked[0].expected,
        sources: [...new Set(checked.map((check) => describeSource(check.source)))],
        probes: checked.length
      }
    };
  }
  /** `captured.<resultKey>` for probes and scenarios that asked for one. */
  resultCaptures() {
    return { ...this.results };
  }
  resolve(probe, state) {
    const scenario = probe.scenario;
    const registerSecret = (value2) => this.secret(value2);
    const env = this.deps.env ?? process.env;
    const value = (ref) => {
      if (ref.kind === "env") {
        const found = env[ref.name];
        if (found === void 0) throw new Error(`the environment variable ${ref.name} is not set`);
        this.secret(found);
        return found;
      }
      const captured = state?.values.get(ref.step)?.[ref.capture];
      if (captured === void 0) throw new Error(`${refText(ref)} has no value`);
      return captured === null ? "null" : String(captured);
    };
    const render = (text) => renderTemplate(text, value);
    const script = scenario.script?.map((s) => s.kind === "send" ? { ...s, text: render(s.text) } : s);
    let base = probe;
    if (scenario.template) {
      const raw = scenario.template.entry;
      const resolved = {
        ...raw,
        ...typeof raw.url === "string" ? { url: render(raw.url) } : {},
        ...raw.headers ? { headers: renderDeep(raw.headers, render) } : {},
        ...raw.body !== void 0 ? { body: renderDeep(raw.body, render) } : {},
        ...raw.followRedirects === false && raw.expectedStatus === void 0 ? { expectedStatus: REDIRECT_STATUSES } : {}
      };
      const renormalise = renormalisers.get(scenario);
      if (renormalise) {
        const built = withJsonContentType(renormalise(resolved), resolved.body);
        base = { ...built, name: probe.name, target: probe.target, assertions: probe.assertions };
      }
    }
    return {
      ...base,
      scenario: { ...scenario, ...script ? { script } : {}, registerSecret }
    };
  }
};
function notRun(reason) {
  return { passed: false, reason, attempts: [], failures: [reason], warnings: [] };
}

// packages/core/src/probes/stats.ts
function latencySummary(durations) {
  if (!durations.length) return null;
  const sorted = [...durations].sort((a, b) => a - b);
  const rank = (p) => sorted[Math.max(0, Math.ceil(p / 100 * sorted.length) - 1)];
  const round = (ms2) => Math.round(ms2 * 10) / 10;
  return {
    minMs: round(sorted[0]),
    p50Ms: round(rank(50)),
    p95Ms: round(rank(95)),
    maxMs: round(sorted[sorted.length - 1])
  };
}

// packages/core/src/probes/watch.ts
async function watchProbe(probe, first, windowMs, context) {
  const now = context.now ?? Date.now;
  const { watchIntervalMs: intervalMs, watchFailureLimit: failureLimit } = context.policy;
  const once = {
    ...context,
    policy: { ...context.policy, maxAttempts: 1, consecutiveSuccesses: 1 },
    onAttempt: void 0
  };
  const windowStart = now();
  const endsAt = windowStart + windowMs;
  const planned = Math.floor(windowMs / intervalMs);
  const latencies = [];
  let runs = 0;
  let failures = 0;
  let lastFailure;
  let endedEarly;
  const window = formatDuration(windowMs);
  for (let next = 1; next <= planned; next++) {
    const at = windowStart + next * intervalMs;
    if (at >= context.deadlineAt) {
      endedEarly = `the smoke deadline came ${formatDuration(endsAt - now())} before the ${window} bake window ended`;
      break;
    }
    await sleep(Math.max(0, at - now()), context.signal);
    if (context.signal.aborted) {
      endedEarly = "cancelled";
      break;
    }
    const rerun = await runProbe(probe, once);
    runs += 1;
    const attempt = rerun.attempts.at(-1);
    if (attempt) latencies.push(attempt.durationMs);
    if (rerun.passed) continue;
    failures += 1;
    lastFailure = rerun.reason;
    if (attempt) context.onAttempt?.(probe, first.attempts.length + runs, attempt, void 0);
    if (failures > failureLimit) {
      endedEarly = `re-run ${runs} failed, over the limit of ${failureLimit}`;
      break;
    }
  }
  const watch = {
    windowMs,
    intervalMs,
    failureLimit,
    runs,
    failures,
    passRate: runs ? (runs - failures) / runs : 1,
    worstLatencyMs: latencies.length ? Math.max(...latencies) : null,
    ...endedEarly ? { endedEarly } : {}
  };
  const tally = `${runs - failures}/${runs} re-runs passed`;
  if (failures > failureLimit) {
    return {
      ...first,
      passed: false,
      reason: `failed in the ${window} bake window: ${lastFailure} (${tally}; ${failureLimit} failure(s) allowed)`,
      failures: [lastFailure ?? "failed in the bake window"],
      watch
    };
  }
  if (endedEarly) {
    return {
      ...first,
      passed: false,
      reason: `${first.reason}; bake window not completed: ${endedEarly} (${tally})`,
      failures: [`bake window not completed: ${endedEarly}`],
      watch
    };
  }
  return { ...first, reason: `${first.reason}; held for ${window}: ${tally}`, watch };
}

// packages/core/src/probes/engine.ts
async function runSmoke(probes, policyInput = {}, deps = {}) {
  const policy = smokePolicySchema.parse(policyInput);
  checkProbeWindows(probes, policy);
  const now = deps.now ?? Date.now;
  const signal = deps.signal ?? new AbortController().signal;
  setMaxListeners(0, signal);
  if (policy.warmupMs > 0) {
    deps.logger?.info(`warming up: waiting ${policy.warmupMs}ms before the first probe`);
    await sleep(policy.warmupMs, signal);
  }
  const startedAt = now();
  const started = performance.now();
  const deadlineAt = startedAt + policy.deadlineMs;
  const results = new Array(probes.length);
  const progress = { done: 0, total: probes.length, passed: 0, failed: 0 };
  const scenarios = new ScenarioRunner(probes, deps);
  const scrub = (text) => scenarios.redactor.redact(text);
  for (const probe of probes) {
    if (probe.type !== "http" && probe.type !== "ws" && probe.type !== "prometheus") continue;
    for (const part of secretParts(probe.url, "public-url")) {
      scenarios.redactor.add(part, "token");
      runSecrets.add(part, "token");
    }
  }
  const captured = {};
  const capturedBy = {};
  const attemptContext = {
    policy,
    deadlineAt,
    signal,
    runCommand: deps.runCommand,
    now,
    onAttempt: (p, attempt, verdict, delay) => {
      if (verdict.ok) return;
      const wait = delay === void 0 ? "giving up" : `retrying in ${Math.round(delay)}ms`;
      deps.logger?.debug(`${p.name}: attempt ${attempt} failed: ${scrub(verdict.reason)}; ${wait}`);
    }
  };
  const runAttempts = async (probe) => {
    const first = await runProbe(probe, attemptContext);
    const windowMs = bakeWindowMs(probe, policy);
    if (!first.passed || windowMs <= 0 || signal.aborted) return first;
    deps.logger?.info(`${probe.name}: passed; watching it for ${formatDuration(windowMs)}`);
    return watchProbe(probe, first, windowMs, attemptContext);
  };
  let configurationError;
  const runMetric = async (probe) => {
    const { runMetricProbe } = await import("./analysis-R2M2PCDC.js");
    try {
      const { measurements, analysis, statusCodes, ...verdict } = await runMetricProbe(probe, {
        policy,
        deadlineAt,
        stepStartedAt: startedAt,
        signal,
        now,
        templates: deps.templates ?? {},
        env: deps.env ?? process.env,
        onSecret: (value) => {
          scenarios.redactor.add(value, "token");
          runSecrets.add(value, "token");
          deps.onSecret?.(value);
        },
        redact: scrub,
        logger: deps.logger
      });
      return { ...verdict, attempts: [], metric: { measurements, analysis, statusCodes } };
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      configurationError ??= scrub(`${probe.name}: ${error.message}`);
      return { passed: false, reason: scrub(error.message), attempts: [], failures: [], warnings: [] };
    }
  };
  const worker = async () => {
    for (let index = scenarios.next(); index !== void 0; index = scenarios.next(index)) {
      const probe = probes[index];
      const outcome = await scenarios.run(
        probe,
        (ready) => ready.type === "prometheus" ? runMetric(ready) : runAttempts(ready)
      );
      const result = toResult(probe, outcome, scrub);
      results[index] = result;
      for (const attempt of outcome.passed ? outcome.attempts : []) {
        for (const [key, value] of Object.entries(attempt.captured)) {
          if (capturedBy[key] && capturedBy[key] !== probe.name) {
            deps.logger?.warning(
              `captured '${key}' from ${probe.name} replaces the value from ${capturedBy[key]}`
            );
          }
          captured[key] = typeof value === "string" ? scrub(value) : value;
          capturedBy[key] = probe.name;
        }
      }
      progress.done += 1;
      if (result.verdict === "passed") progress.passed += 1;
      else progress.failed += 1;
      deps.onProbeDone?.(result, { ...progress });
    }
  };
  await Promise.all(Array.from({ length: Math.min(policy.concurrency, probes.length) }, worker));
  Object.assign(captured, scenarios.resultCaptures());
  const blocking = results.filter((r) => r.verdict === "failed" && !r.dryRun);
  const finishedAt = now();
  return {
    result: configurationError ? "error" : blocking.length ? "failed" : "passed",
    ...configurationError ? { error: configurationError } : {},
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(finishedAt).toISOString(),
    durationMs: Math.round(performance.now() - started),
    passedCount: results.filter((r) => r.verdict === "passed").length,
    failedCount: blocking.length,
    probes: results,
    captured,
    ...scenarios.versionEvidence(),
    ...signal.aborted ? { cancelled: true } : {},
    policy: {
      timeoutMs: policy.timeoutMs,
      deadlineMs: policy.deadlineMs,
      maxAttempts: policy.maxAttempts,
      consecutiveSuccesses: policy.consecutiveSuccesses,
      concurrency: policy.concurrency,
      ...policy.warmupMs ? { warmupMs: policy.warmupMs } : {},
      ...probes.some((probe) => bakeWindowMs(probe, policy) > 0) ? {
        watch: {
          windowMs: policy.watchMs,
          intervalMs: policy.watchIntervalMs,
          failureLimit: policy.watchFailureLimit
        }
      } : {}
    }
  };
}
function checkProbeWindows(probes, policyInput) {
  const policy = smokePolicySchema.parse(policyInput);
  const deadline = formatDuration(policy.deadlineMs);
  for (const probe of probes) {
    if (probe.type === "prometheus") {
      const windowMs = probe.initialDelayMs + probe.intervalMs * (probe.count - 1);
      if (windowMs > policy.deadlineMs) {
        throw new ConfigurationError(
          `probe '${probe.name}': its analysis window (initialDelay ${formatDuration(probe.initialDelayMs)} + interval ${formatDuration(probe.intervalMs)} x (count ${probe.count} - 1) = ${formatDuration(windowMs)}) does not fit the smoke deadline ${deadline}; raise deadline or shorten the window`
        );
      }
      continue;
    }
    const watchMs = bakeWindowMs(probe, policy);
    if (watchMs > policy.deadlineMs) {
      throw new ConfigurationError(
        `probe '${probe.name}': its bake window (watch ${formatDuration(watchMs)}) does not fit the smoke deadline ${deadline}; raise deadline or shorten watch`
      );
    }
  }
}
function toResult(probe, outcome, scrub) {
  const warnings = outcome.warnings.map(scrub);
  if (probe.dryRun && !outcome.passed) warnings.push("dryRun: this failure does not fail the run");
  return {
    name: probe.name,
    type: probe.type,
    target: probe.target,
    verdict: outcome.passed ? "passed" : "failed",
    dryRun: probe.dryRun,
    attempts: outcome.metric ? outcome.metric.measurements.length : outcome.attempts.length,
    statusCodes: outcome.metric ? outcome.metric.statusCodes : outcome.attempts.flatMap((a) => a.status === void 0 ? [] : [a.status]),
    latency: latencySummary(
      outcome.metric ? outcome.metric.measurements.map((m) => m.durationMs) : outcome.attempts.map((a) => a.durationMs)
    ),
    ...probe.scenario?.script ? { roundTrip: latencySummary(outcome.attempts.flatMap((a) => a.roundTripMs ?? [])) } : {},
    // A failed command's last output lines end the reason, after "after N attempts": what an on-call reads first.
    reason: scrub(outcome.reason + (outcome.passed ? "" : outcome.attempts.at(-1)?.outputTail ?? "")),
    failures: outcome.failures.map(scrub),
    ...outcome.healthFormat ? { healthFormat: outcome.healthFormat } : {},
    warnings,
    ...outcome.metric ? { measurements: outcome.metric.measurements, analysis: outcome.metric.analysis } : {},
    ...outcome.watch ? { watch: outcome.watch } : {}
  };
}
function bakeWindowMs(probe, policy) {
  return probe.type === "prometheus" ? 0 : probe.watchMs ?? policy.watchMs;
}

// packages/core/src/probes/load.ts
import { readFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";

// packages/core/src/probes/urls.ts
var ALWAYS_SECRET_HEADERS = ["authorization", "proxy-authorization", "cookie"];
var splitUrlList = splitList;
function classifyUrl(raw) {
  if (lacksScheme(raw)) {
    return `'${redactUrl(raw)}' is not a URL: add http:// (or https://), e.g. ${redactUrl(`http://${raw}`)}`;
  }
  let url;
  try {
    url = new URL(raw);
  } catch {
    return `'${redactUrl(raw)}' is not a URL; use e.g. https://shop.example.com/healthz, wss://host/socket or tcp://db.internal:5432`;
  }
  switch (url.protocol) {
    case "http:":
    case "https:":
      return { type: "http", url };
    case "ws:":
    case "wss:":
      return { type: "ws", url };
    case "tcp:":
      if (!url.port) return `'${redactUrl(raw)}' has no port; use e.g. tcp://db.internal:5432`;
      return { type: "tcp", url };
    default:
      return `'${redactUrl(raw)}' has an unsupported scheme '${url.protocol}'; use http(s)://, ws(s)://, or tcp://host:port`;
  }
}
function lacksScheme(raw) {
  if (raw.includes("://")) return false;
  const host = /^([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)(:\d+)?(?:[/?#]|$)/.exec(raw);
  return host !== null && (host[2] !== void 0 || host[1].includes(".") || host[1] === "localhost");
}

// packages/core/src/probes/metrics/normalise.ts
var METRIC_ONLY_FIELDS = [
  "query",
  "min",
  "max",
  "baseline",
  "initialDelay",
  "interval",
  "count",
  "failureLimit",
  "consecutiveErrorLimit",
  "inconclusiveLimit",
  "noData",
  "bearerToken"
];
var NOT_FOR_METRICS = {
  command: "a prometheus probe queries 'url'",
  args: "a prometheus probe queries 'url'",
  method: "queries are always POSTed to <url>/api/v1/query",
  body: "the request body is the 'query'",
  expectedStatus: "a prometheus probe judges the query's value with min, max or baseline",
  assertions: "a prometheus probe judges the query's value with min, max or baseline",
  latencyBudget: "judge latency with a query instead, e.g. histogram_quantile(0.99, ...) with max",
  followRedirects: "queries never follow redirects",
  capture: "a prometheus probe records its verdict with resultKey",
  script: "script applies to ws probes",
  versionFrom: "a prometheus probe does not check versions; use {{ version }} in its query",
  checkVersion: "a prometheus probe does not check versions; use {{ version }} in its query"
};
var DEFAULTS = {
  initialDelayMs: 0,
  intervalMs: 3e4,
  count: 1,
  failureLimit: 0,
  // As Argo Rollouts.
  consecutiveErrorLimit: 4,
  inconclusiveLimit: 0,
  noData: "fail"
};
function refuseMetricFields(entry, where) {
  const used = METRIC_ONLY_FIELDS.find((field) => entry[field] !== void 0);
  if (used) {
    throw new ConfigurationError(
      `${where}: '${used}' applies to prometheus probes only; add type: prometheus (and url: the Prometheus API's base URL) or remove '${used}'`
    );
  }
  return entry;
}
function normaliseMetricEntry(raw, where) {
  const entry = raw;
  const fail = (message) => {
    throw new ConfigurationError(`${where}: ${message}`);
  };
  if (entry.step) {
    fail(
      `a prometheus probe cannot be a step of a scenario (it has its own window); list it under probes: and record its verdict with resultKey`
    );
  }
  if (entry.watch !== void 0)
    fail("a prometheus probe has its own window: use interval and count, not watch");
  for (const [field, why] of Object.entries(NOT_FOR_METRICS)) {
    if (entry[field] !== void 0)
      fail(`'${field}' does not apply to a prometheus probe (${why})`);
  }
  if (!entry.url || !entry.query) {
    const missing = [!entry.url ? "'url'" : "", !entry.query ? "'query'" : ""].filter(Boolean).join(" and ");
    fail(
      `a prometheus probe needs 'url' and 'query' (missing ${missing}), e.g. url: https://prometheus.example.com and query: sum(rate(http_requests_total{code=~"5.."}[2m])) / sum(rate(http_requests_total[2m]))`
    );
  }
  const url = entry.url;
  if (/\{\{[^{}]*\}\}/.test(url)) {
    fail(
      "templates are not filled in a prometheus probe's url; put a tenant or credentials in headers or bearerToken, e.g. headers: { X-Scope-OrgID: '{{ environment }}' }"
    );
  }
  const classified = classifyUrl(url);
  if (typeof classified === "string") fail(classified);
  if (typeof classified !== "string" && classified.type !== "http") {
    fail(
      `'${redactUrl(url)}' is not an http(s):// URL; a prometheus probe's url is the API's base URL, e.g. https://prometheus.example.com`
    );
  }
  if (entry.min === void 0 && entry.max === void 0 && !entry.baseline) {
    fail(
      "a prometheus probe needs at least one of 'min', 'max' or 'baseline' to judge the value by, e.g. max: 0.01"
    );
  }
  if (entry.min !== void 0 && entry.max !== void 0 && entry.min > entry.max) {
    fail(`min ${entry.min} is above max ${entry.max}, so no value could pass; swap them`);
  }
  const headers = entry.headers ?? {};
  if (entry.bearerToken && Object.keys(headers).some((name) => name.toLowerCase() === "authorization")) {
    fail("give either bearerToken or an Authorization header, not both");
  }
  const templated = [];
  const check = (text, field) => {
    let names = [];
    try {
      names = metricEnvRefs(text, field);
    } catch (error) {
      fail(error.message);
    }
    for (const name of names) {
      if (/^(ACTIONS_|INPUT_|RUNNER_)/i.test(name)) {
        fail(
          `${field}: {{ env.${name} }}: runner variables (ACTIONS_*, INPUT_*, RUNNER_*) cannot be sent to a probe; pass what the probe needs with env: under its own name`
        );
      }
      templated.push(field);
    }
  };
  check(entry.query, "query");
  for (const [name, value] of Object.entries(headers)) {
    check(value, `header '${name}'`);
  }
  if (entry.bearerToken) check(entry.bearerToken, "bearerToken");
  const envHeaders = Object.keys(headers).filter((name) => templated.includes(`header '${name}'`));
  const secretHeaders = [
    ...new Set(
      [...ALWAYS_SECRET_HEADERS, ...entry.secretHeaders ?? [], ...envHeaders].map((h) => h.toLowerCase())
    )
  ];
  const probe = {
    type: "prometheus",
    name: entry.name ?? defaultProbeName({ url }),
    target: redactUrl(new URL(url).toString()),
    dryRun: entry.dryRun ?? false,
    assertions: [],
    ...entry.timeout !== void 0 ? { timeoutMs: entry.timeout } : {},
    ...entry.resultKey ? { scenario: { assertions: [], captures: [], resultKey: entry.resultKey } } : {},
    url,
    query: entry.query,
    headers: { ...headers },
    secretHeaders,
    ...entry.bearerToken ? { bearerToken: entry.bearerToken } : {},
    ...entry.min !== void 0 ? { min: entry.min } : {},
    ...entry.max !== void 0 ? { max: entry.max } : {},
    ...entry.baseline ? { baseline: entry.baseline } : {},
    initialDelayMs: entry.initialDelay ?? DEFAULTS.initialDelayMs,
    intervalMs: entry.interval ?? DEFAULTS.intervalMs,
    count: entry.count ?? DEFAULTS.count,
    failureLimit: entry.failureLimit ?? DEFAULTS.failureLimit,
    consecutiveErrorLimit: entry.consecutiveErrorLimit ?? DEFAULTS.consecutiveErrorLimit,
    inconclusiveLimit: entry.inconclusiveLimit ?? DEFAULTS.inconclusiveLimit,
    noData: entry.noData ?? DEFAULTS.noData
  };
  return probe;
}

// packages/core/src/probes/load.ts
var DEFAULT_EXPECTED = parseStatusList("200-299");
async function loadProbes(options) {
  const labels = options.labels ?? { urls: "urls", probes: "probes" };
  const entries = [];
  for (const [index, url] of splitUrlList(options.urls ?? []).entries()) {
    entries.push({ entry: { url }, where: `${labels.urls} entry ${index + 1}` });
  }
  if (options.probesFile) {
    const path = isAbsolute(options.probesFile) ? options.probesFile : resolve(options.baseDir ?? process.cwd(), options.probesFile);
    const fileEntries = await readProbesFile(
      path,
      `${labels.probes} file '${options.probesFile}'`,
      isAbsolute(options.probesFile) ? void 0 : options.baseDirLabel ?? "the current directory"
    );
    fileEntries.forEach((entry, index) => {
      entries.push({ entry, where: `${labels.probes} file '${options.probesFile}', probe ${index + 1}` });
    });
  }
  if (!entries.length) {
    throw new ConfigurationError(
      `nothing to probe: give ${labels.urls} (e.g. https://shop.example.com/healthz) or ${labels.probes} (e.g. smoke/probes.yml)`
    );
  }
  const probes = entries.map(
    ({ entry, where }) => entry.type === "prometheus" ? normaliseMetricEntry(entry, where) : normaliseWithScenario(
      refuseMetricFields(entry, where),
      options.defaults ?? {},
      where,
      normaliseProbe
    )
  );
  checkVersionTargets(probes, options.defaults ?? {});
  return uniqueNames(probes);
}
async function readProbesFile(path, what, relativeTo) {
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = error.code;
    const resolved = relativeTo ? ` (resolved against ${relativeTo})` : "";
    throw new ConfigurationError(
      `${what} cannot be read (${code === "ENOENT" ? "no such file" : code}) at ${path}${resolved}; give a path relative to ${relativeTo ?? "the current directory"} or an absolute one, e.g. smoke/probes.yml`
    );
  }
  return parseProbesText(text, what, path.endsWith(".json") ? "json" : "yaml");
}
async function parseProbesText(text, what, format = "yaml") {
  let data;
  try {
    data = format === "json" ? JSON.parse(text) : await parseYaml(text);
  } catch (error) {
    const first = error.message.split("\n")[0].replace(/:\s*$/, "");
    throw new ConfigurationError(`${what} is not valid ${format.toUpperCase()}: ${first}`);
  }
  const { parseProbesData } = await import("./probes-file-4WPGNXP7.js");
  return parseProbesData(data, what);
}
function normaliseProbe(entry, defaults, where) {
  const fail = (message) => {
    throw new ConfigurationError(`${where}: ${message}`);
  };
  const common = {
    dryRun: entry.dryRun ?? false,
    assertions: (entry.assertions ?? []).filter((a) => a.subject === "body"),
    latencyBudgetMs: entry.latencyBudget,
    timeoutMs: entry.timeout,
    ...entry.watch === void 0 ? {} : { watchMs: entry.watch }
  };
  if (entry.command || entry.type === "command") {
    if (!entry.command) return fail("a command probe needs 'command', e.g. command: ./scripts/check-db.sh");
    if (entry.url) return fail("give either 'url' or 'command', not both");
    const words = splitCommandLine(entry.command);
    if (!words.length) return fail("'command' is empty");
    const probe = {
      type: "command",
      name: entry.name ?? defaultProbeName({ command: entry.command }),
      target: entry.command.split(/\s+/)[0],
      command: words[0],
      args: [...words.slice(1), ...entry.args ?? []],
      ...common
    };
    return probe;
  }
  if (!entry.url)
    return fail("a probe needs 'url' (or 'command'), e.g. url: https://shop.example.com/healthz");
  const classified = classifyUrl(entry.url);
  if (typeof classified === "string") return fail(classified);
  const { type, url } = classified;
  if (entry.type && entry.type !== type) {
    return fail(`type '${entry.type}' does not match the URL scheme '${url.protocol}' (a ${type} probe)`);
  }
  const name = entry.name ?? defaultProbeName({ url: entry.url });
  const target = redactUrl(url.toString());
  if (type === "tcp") {
    return {
      type,
      name,
      target: url.host,
      host: url.hostname.replace(/^\[|\]$/g, ""),
      port: Number(url.port),
      ...common
    };
  }
  const headers = mergeHeaders(defaults.headers ?? {}, entry.headers ?? {});
  const secretHeaders = [
    ...new Set(
      [...ALWAYS_SECRET_HEADERS, ...defaults.secretHeaders ?? [], ...entry.secretHeaders ?? []].map(
        (h) => h.toLowerCase()
      )
    )
  ];
  if (type === "ws") return { type, name, target, url: url.toString(), headers, secretHeaders, ...common };
  return {
    type,
    name,
    target,
    url: url.toString(),
    method: (entry.method ?? (entry.body === void 0 ? "GET" : "POST")).toUpperCase(),
    headers,
    secretHeaders,
    body: entry.body === void 0 || typeof entry.body === "string" ? entry.body : JSON.stringify(entry.body),
    expectedStatus: entry.expectedStatus ?? defaults.expectedStatus ?? DEFAULT_EXPECTED,
    ...common
  };
}
function mergeHeaders(...sources) {
  const out = {};
  for (const source of sources) {
    for (const [name, value] of Object.entries(source)) {
      for (const existing of Object.keys(out))
        if (existing.toLowerCase() === name.toLowerCase()) delete out[existing];
      out[name] = value;
    }
  }
  return out;
}
function uniqueNames(probes) {
  const seen = /* @__PURE__ */ new Map();
  return probes.map((probe) => {
    const count = (seen.get(probe.name) ?? 0) + 1;
    seen.set(probe.name, count);
    return count === 1 ? probe : { ...probe, name: `${probe.name} #${count}` };
  });
}
function splitCommandLine(line) {
  const words = [];
  let current = "";
  let quote;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quote) {
      if (char === quote) quote = void 0;
      else if (char === "\\" && quote === '"' && (line[i + 1] === '"' || line[i + 1] === "\\"))
        current += line[++i];
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      started = true;
    } else if (/\s/.test(char)) {
      if (started) words.push(current);
      current = "";
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (started) words.push(current);
  return words;
}

// packages/core/src/specs/smoke.ts
var urlsInput = string().transform((raw, ctx) => {
  const urls = splitUrlList(raw);
  for (const [index, url] of urls.entries()) {
    const classified = classifyUrl(url);
    if (typeof classified === "string") {
      ctx.addIssue({ code: "custom", message: `entry ${index + 1}: ${classified}` });
      return NEVER;
    }
  }
  return urls;
});
var bearerTokenInput = string().transform((raw, ctx) => {
  if (raw === "") return void 0;
  const token = raw.replace(/^Bearer\s+/i, "");
  if (/\s/.test(token)) {
    ctx.addIssue({ code: "custom", message: "must be a single token without spaces or line breaks" });
    return NEVER;
  }
  return token;
});
var statusListInput = (fallback) => string().transform((raw, ctx) => {
  const list = parseStatusList(raw === "" ? fallback : raw);
  if (!list) {
    ctx.addIssue({
      code: "custom",
      message: "must be status codes or ranges such as 200, 200,204 or 200-299"
    });
    return NEVER;
  }
  return list;
});
var probesPathInput = optionalString.refine((value) => value === void 0 || !/[\r\n]/.test(value), {
  message: "must be one file path"
});
var environmentInput = optionalString.refine(
  (value) => value === void 0 || /^[\w.\-/ ]{1,100}$/.test(value),
  { message: "must be a short name (letters, digits, . _ - / and spaces)" }
);
var expectedVersionInput = optionalString.refine(
  (value) => value === void 0 || /^[\w.+\-/:@]{1,200}$/.test(value),
  { message: "must be one version or commit sha without spaces" }
);
var templateValueInput = optionalString.refine(
  (value) => value === void 0 || /^[\w.+\-/:@]{1,200}$/.test(value),
  {
    message: "must be one version or commit sha: letters, digits and . _ + - / : @ only"
  }
);
var positiveDurationInput = (fallback) => durationInput(fallback).refine((ms2) => ms2 > 0, { message: "must be more than 0, e.g. 10s" });
var versionFromInput = string().transform((raw, ctx) => {
  if (raw === "") return void 0;
  const source = parseValueSource(raw);
  if (typeof source === "string") {
    ctx.addIssue({ code: "custom", message: source });
    return NEVER;
  }
  return source;
});
var smokeInputSpecs = {
  urls: {
    schema: urlsInput,
    example: "https://shop.example.com/healthz, https://shop.example.com/readyz"
  },
  probes: { schema: probesPathInput, example: "smoke/probes.yml" },
  "bearer-token": {
    schema: bearerTokenInput,
    example: "${{ secrets.SMOKE_TOKEN }}",
    secret: true,
    env: "RELEASE_GATE_BEARER_TOKEN"
  },
  headers: {
    schema: headersInput,
    example: "'X-Smoke: true' (one 'Name: value' per line)",
    secret: true
  },
  "expected-status": { schema: statusListInput("200-299"), example: "200-299" },
  timeout: { schema: durationInput("10s"), example: "10s" },
  deadline: { schema: durationInput("5m"), example: "5m" },
  "max-attempts": { schema: integerInput(3, 1, 100), example: "3" },
  "consecutive-successes": { schema: integerInput(1, 1, 100), example: "1" },
  concurrency: { schema: integerInput(10, 1, 1e3), example: "10" },
  environment: { schema: environmentInput, example: "production" },
  "report-path": { schema: reportPathInput, example: DEFAULT_REPORT_PATH },
  "fail-on-error": { schema: booleanInput(true), example: "true" },
  "expected-version": { schema: expectedVersionInput, example: "${{ github.sha }}" },
  "version-from": {
    schema: versionFromInput,
    example: "header:x-app-version (or a JSON path: build.sha)"
  },
  warmup: { schema: durationInput("0"), example: "30s" },
  watch: { schema: durationInput("0"), example: "10m" },
  "watch-interval": { schema: positiveDurationInput("10s"), example: "10s" },
  "watch-failure-limit": { schema: integerInput(0, 0, 1e3), example: "0" },
  version: { schema: templateValueInput, example: "${{ needs.build.outputs.version }}" },
  sha: { schema: templateValueInput, example: "${{ github.sha }}" }
};
function checkSmokeInputs(inputs, source) {
  const name = (input) => source.describe(input);
  const problems = [];
  if (!inputs.urls.length && !inputs.probes) {
    problems.push(
      `${name("urls")} or ${name("probes")} is required: nothing to probe. Example: ${source.example("urls", "https://shop.example.com/healthz")}`
    );
  }
  const expected = inputs["expected-version"];
  const from = inputs["version-from"];
  if (expected && !from && !inputs.probes) {
    problems.push(
      `${name("version-from")} is required when ${name("expected-version")} is set: where do the probes report their version? Example: ${source.example("version-from", "header:x-app-version")} (or a JSON path such as build.sha; or versionFrom on each probe of a probes file)`
    );
  }
  if (from && !expected) {
    problems.push(
      `${name("expected-version")} is required when ${name("version-from")} is set. Example: ${source.example("expected-version", "${{ github.sha }}")}`
    );
  }
  return problems;
}
var smokeSpec = {
  inputs: smokeInputSpecs,
  check: checkSmokeInputs
};
var SENSITIVE_HEADER = /auth|token|secret|key|cookie|session|signature|password|credential/i;
function smokeSecrets(inputs) {
  const secrets = [];
  const token = inputs["bearer-token"];
  if (token) secrets.push(token);
  for (const [name, value] of Object.entries(inputs.headers)) {
    if (SENSITIVE_HEADER.test(name) && value) secrets.push(value);
  }
  for (const url of inputs.urls) secrets.push(...secretParts(url, "public-url"));
  return secrets;
}
function maskSmokeSecrets(inputs, mask) {
  for (const secret of smokeSecrets(inputs)) mask(secret);
}
function smokeRedactor(inputs) {
  const redactor = new Redactor();
  for (const secret of smokeSecrets(inputs)) {
    redactor.add(secret, "token");
    runSecrets.add(secret, "token");
  }
  return redactor;
}
function smokeProbeOptions(inputs, env = process.env, labels = {
  urls: `input '${"urls"}'`,
  probes: `input '${"probes"}'`,
  base: "the workspace"
}) {
  const headers = { ...inputs.headers };
  const token = inputs["bearer-token"];
  if (token) headers.Authorization = `Bearer ${token}`;
  return {
    urls: inputs.urls,
    probesFile: inputs.probes,
    baseDir: env.GITHUB_WORKSPACE ?? process.cwd(),
    baseDirLabel: labels.base ?? "the workspace",
    defaults: {
      headers,
      secretHeaders: Object.keys(inputs.headers).filter((name) => SENSITIVE_HEADER.test(name)),
      expectedStatus: inputs["expected-status"],
      scenario: {
        expectedVersion: inputs["expected-version"],
        versionFrom: inputs["version-from"]
      }
    },
    labels: { urls: labels.urls, probes: labels.probes }
  };
}
function smokePolicy(inputs) {
  return {
    timeoutMs: inputs.timeout,
    deadlineMs: inputs.deadline,
    maxAttempts: inputs["max-attempts"],
    consecutiveSuccesses: inputs["consecutive-successes"],
    concurrency: inputs.concurrency,
    warmupMs: inputs.warmup,
    watchMs: inputs.watch,
    watchIntervalMs: inputs["watch-interval"],
    watchFailureLimit: inputs["watch-failure-limit"]
  };
}
function smokeTemplateValues(inputs, env = process.env) {
  const sha = inputs.sha ?? env.GITHUB_SHA;
  return {
    ...inputs.environment ? { environment: inputs.environment } : {},
    ...inputs.version ? { version: inputs.version } : {},
    ...sha ? { sha } : {}
  };
}
function recordSmokeSection(target, section, env = process.env) {
  return mergeReportSection(
    target.reportPath,
    reportIdentity({ environment: target.environment ?? "default" }, env),
    "smoke",
    section
  );
}
function commandProbeEnv(env = process.env) {
  const fromInputs = new Set(
    Object.values(smokeInputSpecs).flatMap((input) => "env" in input ? [input.env] : [])
  );
  const out = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== void 0 && !name.startsWith("INPUT_") && !fromInputs.has(name)) out[name] = value;
  }
  return out;
}

// packages/core/src/process/command-runner.ts
import { spawn } from "node:child_process";
var OUTPUT_CAP_BYTES = 1024 * 1024;
function commandRunner(options = {}) {
  return (request) => new Promise((done) => {
    if (request.signal.aborted) {
      done({ exitCode: null, stdout: "", stderr: "", timedOut: false });
      return;
    }
    const stdout = cappedText();
    const stderr = cappedText();
    let stopped;
    let settled = false;
    const child = spawn(request.command, request.args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: options.env ?? process.env,
      detached: process.platform !== "win32",
      windowsHide: true
    });
    const settle = (outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal.removeEventListener("abort", onAbort);
      child.stdout?.destroy();
      child.stderr?.destroy();
      done({ ...outcome, stdout: stdout.text(), stderr: stderr.text() });
    };
    const stop = (reason) => {
      if (stopped || settled) return;
      stopped = reason;
      killTree(child);
      if (child.exitCode !== null || child.signalCode !== null) settle(stoppedOutcome(reason));
    };
    const timer = setTimeout(() => stop("timeout"), request.timeoutMs);
    const onAbort = () => stop("aborted");
    request.signal.addEventListener("abort", onAbort, { once: true });
    child.stdout?.on("data", stdout.add);
    child.stderr?.on("data", stderr.add);
    child.on(
      "error",
      (error) => settle({
        exitCode: null,
        timedOut: false,
        error: `${request.command}: ${error.code ?? error.message}`
      })
    );
    child.on("exit", () => {
      if (stopped) settle(stoppedOutcome(stopped));
    });
    child.on(
      "close",
      (code) => settle(stopped ? stoppedOutcome(stopped) : { exitCode: code, timedOut: false })
    );
  });
}
function stoppedOutcome(reason) {
  return { exitCode: null, timedOut: reason === "timeout" };
}
function killTree(child) {
  const pid = child.pid;
  if (pid === void 0) return;
  try {
    if (process.platform === "win32") {
      spawn("taskkill", ["/pid", String(pid), "/T", "/F"], { stdio: "ignore", windowsHide: true }).on(
        "error",
        () => child.kill("SIGKILL")
      );
    } else {
      process.kill(-pid, "SIGKILL");
    }
  } catch {
    child.kill("SIGKILL");
  }
}
function cappedText() {
  const chunks = [];
  let bytes = 0;
  return {
    add: (chunk) => {
      if (bytes >= OUTPUT_CAP_BYTES) return;
      const kept = chunk.subarray(0, OUTPUT_CAP_BYTES - bytes);
      chunks.push(kept);
      bytes += kept.length;
    },
    text: () => Buffer.concat(chunks).toString("utf8")
  };
}

// packages/core/src/render/smoke-summary.ts
function orderForSummary(probes) {
  const rank = (p) => p.verdict === "failed" ? p.dryRun ? 1 : 0 : 2;
  return probes.map((probe, index) => ({ probe, index })).sort((a, b) => rank(a.probe) - rank(b.probe) || a.index - b.index).map(({ probe }) => probe);
}
function ms(value) {
  return value === void 0 ? "\u2013" : formatDuration(value);
}
function smokeLogLine(probe) {
  const mark = probe.verdict === "passed" ? "\u2714" : probe.dryRun ? "~" : "\u2718";
  const latency = probe.latency ? ` (p50 ${ms(probe.latency.p50Ms)})` : "";
  return `${mark} ${probe.name}: ${probe.reason}${latency}`;
}

// packages/cli/src/commands/smoke.ts
var USAGE = `release-gate smoke --url <url> [--url <url> ...] | --urls <list> | --probes <file> [flags]

Smokes http(s)://, ws(s)://, tcp://host:port targets and command probes with the smoke action's engine,
writes the smoke section of the release-gate report, and prints a summary.

  --url <url>                    a target (repeatable)
  --urls <list>                  comma- or newline-separated targets
  --probes <file>                a YAML or JSON probes file
  --bearer-token <token>         sent as Authorization: Bearer (or env RELEASE_GATE_BEARER_TOKEN)
  --header 'Name: value'         an extra header (repeatable; or --headers with one per line)
  --expected-status <list>       default 200-299
  --timeout <duration>           per attempt, default 10s
  --deadline <duration>          for the whole run, default 5m
  --max-attempts <n>             default 3
  --consecutive-successes <n>    default 1
  --concurrency <n>              default 10
  --environment <name>           recorded in the report
  --report-path <file>           default release-gate/report.json (relative to the current directory)
  --fail-on-error <true|false>   default true; false exits 0 even when a probe fails
  --expected-version <version>   the version or sha every http probe must report (old pods fail)
  --version-from <source>        where it is reported: header:x-app-version or a JSON path (build.sha)
  --warmup <duration>            wait before the first probe, default 0
  --watch <duration>             bake time: re-run each probe that passed for this long, default 0 (off)
  --watch-interval <duration>    between re-runs in the bake window, default 10s
  --watch-failure-limit <n>      failed re-runs allowed in the bake window, default 0
  --version <version>            {{ version }} in metric probe queries
  --sha <sha>                    {{ sha }} in metric probe queries (default env GITHUB_SHA)

Exit codes: 0 passed, 1 a probe failed, 2 bad usage.`;
var REPEATED = { url: "urls", header: "headers" };
function smokeFlagSource(argv, inputs, usage, env = process.env, extra = {}) {
  const repeatable = Object.fromEntries(
    Object.keys(REPEATED).map((flag) => [flag, { type: "string", multiple: true }])
  );
  const flags = flagSource(argv, inputs, usage, env, { ...extra, ...repeatable });
  const read = (name) => {
    const repeated = Object.entries(REPEATED).flatMap(
      ([flag, input]) => input === name ? flags.values[flag] ?? [] : []
    );
    return [...repeated, flags.source.read(name)].filter((value) => value !== "").join("\n");
  };
  const given = (input) => {
    const flag = Object.entries(REPEATED).find(([, target]) => target === input)?.[0];
    return flag && flags.values[flag] !== void 0 && flags.values[input] === void 0 ? flag : input;
  };
  const describe = (name) => flags.source.describe(given(name));
  const example = (name, value) => given(name) === name ? flags.source.example(name, value) : flags.source.example(given(name), value.split(",")[0].trim());
  return { ...flags, source: { ...flags.source, read, describe, example } };
}
async function run(argv) {
  let inputs;
  try {
    const flags = smokeFlagSource(argv, smokeSpec.inputs, USAGE);
    if (flags.help) {
      process.stdout.write(`${USAGE}
`);
      return 0;
    }
    inputs = parseInputs(smokeSpec, flags.source);
    maskSmokeSecrets(inputs, (secret) => runSecrets.add(secret, "token"));
  } catch (error) {
    const message = errorMessage(error);
    const hint = message.includes(USAGE) ? "" : "\n\nRun 'release-gate smoke --help' for the flags.";
    process.stderr.write(`release-gate smoke: ${message}${hint}
`);
    return USAGE_EXIT;
  }
  return smoke(inputs);
}
async function smoke(inputs) {
  const cwd = process.cwd();
  const env = { ...process.env, GITHUB_WORKSPACE: cwd };
  let probes;
  try {
    probes = await loadProbes(
      smokeProbeOptions(inputs, env, {
        urls: "--urls/--url",
        probes: "--probes",
        base: "the current directory"
      })
    );
    checkProbeWindows(probes, smokePolicy(inputs));
  } catch (error) {
    process.stderr.write(`release-gate smoke: ${errorMessage(error)}
`);
    return USAGE_EXIT;
  }
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const live = process.stderr.isTTY ? progressLine() : void 0;
  try {
    const policy = smokePolicy(inputs);
    process.stderr.write(
      `smoking ${probes.length} probe(s): timeout ${formatDuration(policy.timeoutMs)}, ${policy.maxAttempts} attempts, deadline ${formatDuration(policy.deadlineMs)}
`
    );
    const section = await runSmoke(probes, policy, {
      runCommand: cliRunCommand,
      signal: controller.signal,
      redactor: smokeRedactor(inputs),
      onSecret: (value) => runSecrets.add(value, "token"),
      env,
      templates: smokeTemplateValues(inputs, env),
      onProbeDone: (result, progress) => {
        if (live) live.update(result, progress);
        else process.stderr.write(`[${progress.done}/${progress.total}] ${smokeLogLine(result)}
`);
      }
    });
    live?.end();
    const reportPath = resolve2(cwd, inputs["report-path"]);
    await recordSmokeSection({ reportPath, environment: inputs.environment }, section, env);
    process.stdout.write(`${renderSmokeText(section)}
report: ${reportPath}
`);
    if (section.cancelled) return 130;
    if (section.result === "error") {
      process.stderr.write(`release-gate smoke: could not judge: ${section.error}
`);
      return USAGE_EXIT;
    }
    if (section.result === "failed" && inputs["fail-on-error"]) return 1;
    return 0;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
function renderSmokeText(section, limit = 50) {
  const total = section.probes.length;
  const headline = section.result === "passed" ? `smoke passed: ${section.passedCount} of ${total} probes passed in ${formatDuration(section.durationMs)}` : `smoke FAILED: ${section.failedCount} of ${total} probes failed in ${formatDuration(section.durationMs)}`;
  const ordered = orderForSummary(section.probes);
  const lines = ordered.slice(0, limit).map((probe) => `  ${probeLine(probe)}`);
  if (ordered.length > limit) lines.push(`  ... ${ordered.length - limit} more in the report`);
  const captured = Object.entries(section.captured);
  if (captured.length) lines.push(`  captured: ${captured.map(([k, v]) => `${k}=${v}`).join(", ")}`);
  return `${headline}
${lines.join("\n")}`;
}
function probeLine(probe) {
  const latency = probe.latency ? `p50 ${formatDuration(probe.latency.p50Ms)} p95 ${formatDuration(probe.latency.p95Ms)}` : "";
  const tag = probe.dryRun && probe.verdict === "failed" ? " (dry run)" : "";
  const warn = probe.warnings.filter((w) => !w.startsWith("dryRun:"));
  const mark = probe.verdict === "passed" ? "\u2714" : probe.dryRun ? "~" : "\u2718";
  const failures = probe.failures.length > 1 ? probe.failures.map((f) => `
      - ${f}`).join("") : "";
  return `${mark} ${probe.name}${tag}  ${probe.reason}${warn.length ? ` [${warn.join("; ")}]` : ""}  attempts ${probe.attempts}${latency ? `  ${latency}` : ""}${failures}`;
}
function progressLine() {
  return {
    update(result, progress) {
      const line = `[${progress.done}/${progress.total}] ${progress.passed} passed, ${progress.failed} failed \xB7 ${result.name}`;
      process.stderr.write(`\r\x1B[2K${line.slice(0, (process.stderr.columns || 100) - 1)}`);
    },
    end() {
      process.stderr.write("\r\x1B[2K");
    }
  };
}
var cliRunCommand = commandRunner({ env: commandProbeEnv() });

export {
  runSmoke,
  checkProbeWindows,
  loadProbes,
  normaliseProbe,
  smokeInputSpecs,
  checkSmokeInputs,
  smokeSecrets,
  smokeRedactor,
  smokeProbeOptions,
  smokePolicy,
  smokeTemplateValues,
  smokeFlagSource,
  run,
  renderSmokeText,
  cliRunCommand
};
