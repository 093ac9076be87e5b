import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  renderMetricTemplate
} from "./chunk-IKJXUY4X.js";
import {
  nextDelay,
  parseRetryAfter,
  sleep
} from "./chunk-CCK4FFWN.js";
import "./chunk-Z3EUDQGL.js";
import {
  formatDuration
} from "./chunk-FEJLSRR4.js";
import {
  ConfigurationError
} from "./chunk-ZUWSAP7Z.js";
import "./chunk-H3HWWZLP.js";
import {
  httpRequest
} from "./chunk-HYXZD6JN.js";
import {
  withDefaultUserAgent
} from "./chunk-5ZSQA2TY.js";
import "./chunk-WQ3LWH7R.js";
import {
  HttpFailure
} from "./chunk-7POJXVZZ.js";
import "./chunk-ONBS6DE5.js";

// packages/core/src/probes/metrics/result.ts
var RANGE_HINT = "use an instant vector or scalar query, e.g. wrap a range in rate()";
function parseQueryAnswer(status, body, truncated = false) {
  if (truncated) {
    return {
      kind: "error",
      message: `the answer is larger than the body limit; narrow the query (e.g. sum by (code) (...))`,
      retryable: false
    };
  }
  let json;
  try {
    json = JSON.parse(body);
  } catch {
    return {
      kind: "error",
      message: `HTTP ${status} with a body that is not JSON (${snippet(body)})${statusHint(status) || "; is url the Prometheus API's base URL?"}`,
      retryable: status >= 500 || status === 429 || status === 408 || status >= 200 && status < 300
    };
  }
  const envelope = json ?? {};
  if (envelope.status === "error") {
    const text = typeof envelope.error === "string" ? envelope.error : "no error text";
    if (envelope.errorType === "bad_data") {
      return {
        kind: "configuration",
        message: `the query is not valid PromQL (Prometheus answered HTTP ${status} bad_data): ${text}`
      };
    }
    return {
      kind: "error",
      message: `Prometheus answered HTTP ${status} ${String(envelope.errorType ?? "error")}: ${text}`,
      retryable: status >= 500 || status === 429 || status === 408
    };
  }
  if (envelope.status !== "success" || status < 200 || status >= 300 || !envelope.data) {
    return {
      kind: "error",
      message: `HTTP ${status} without a Prometheus answer (${snippet(body)})${statusHint(status)}`,
      retryable: status >= 500 || status === 429 || status === 408
    };
  }
  const warnings = Array.isArray(envelope.warnings) ? envelope.warnings.map(String) : [];
  const { resultType, result } = envelope.data;
  if (resultType === "matrix") {
    return { kind: "configuration", message: `the query returns a range (matrix); ${RANGE_HINT}` };
  }
  if (resultType === "string") {
    return { kind: "configuration", message: `the query returns a string; ${RANGE_HINT}` };
  }
  if (resultType === "scalar") {
    const value = sampleValue(result?.[1]);
    if (value === void 0) return malformed("a scalar without a value");
    return { kind: "data", resultType: "scalar", series: [{ labels: {}, value }], warnings };
  }
  if (resultType !== "vector" || !Array.isArray(result)) {
    return malformed(`resultType '${String(resultType)}'`);
  }
  const series = [];
  for (const item of result) {
    if (item?.histogram !== void 0 && item.value === void 0) {
      return {
        kind: "configuration",
        message: "the query returns native histogram samples, which have no single value; wrap it, e.g. histogram_quantile(0.99, ...) or histogram_count(...)"
      };
    }
    const value = sampleValue(item?.value?.[1]);
    if (value === void 0) return malformed("a series without a value");
    series.push({ labels: labelsOf(item.metric), value });
  }
  return { kind: "data", resultType: "vector", series, warnings };
}
function statusHint(status) {
  if (status === 401 || status === 403) return "; check the probe's bearerToken and headers";
  if (status >= 300 && status < 400)
    return "; redirects are not followed (the token must not travel): give the final URL";
  if (status === 404) return "; url is the API base, without /api/v1 (e.g. https://prometheus.example.com)";
  return "";
}
function malformed(what) {
  return { kind: "error", message: `not an instant query answer: ${what}`, retryable: false };
}
function sampleValue(raw) {
  if (raw === "NaN" || raw === "+Inf" || raw === "-Inf") return raw;
  if (raw === "Inf") return "+Inf";
  if (typeof raw !== "string" && typeof raw !== "number") return void 0;
  const value = Number(raw);
  return Number.isFinite(value) ? value : void 0;
}
function labelsOf(metric) {
  if (!metric || typeof metric !== "object") return {};
  return Object.fromEntries(Object.entries(metric).map(([name, value]) => [name, String(value)]));
}
function snippet(body) {
  const text = body.replace(/\s+/g, " ").trim();
  if (!text) return "empty";
  return text.length > 80 ? `${text.slice(0, 80)}...` : text;
}
function formatLabels(labels) {
  const { __name__: name, ...rest } = labels;
  const pairs = Object.keys(rest).sort().map((key) => `${key}=${JSON.stringify(rest[key])}`);
  return `${name ?? ""}{${pairs.join(",")}}`;
}
function seriesKey(labels) {
  return JSON.stringify(
    Object.keys(labels).sort().map((key) => [key, labels[key]])
  );
}
function formatValue(value) {
  if (typeof value === "string") return value;
  return String(Number(value.toPrecision(6)));
}

// packages/core/src/probes/metrics/judge.ts
function judgeMeasurement(series, rules, baseline) {
  if (!series.length) return noData(rules);
  const warnings = [];
  const judged = series.map((one) => {
    const base2 = rules.baseline ? baselineFor(one, series.length, baseline ?? []) : void 0;
    return judgeSeries(one, rules, base2, warnings);
  });
  const failing = judged.filter((entry) => entry.value.verdict === "failed");
  const unjudged = judged.filter((entry) => !entry.judged);
  const ordered = [...failing, ...judged.filter((entry) => entry.value.verdict !== "failed")];
  const values = ordered.map((entry) => entry.value);
  const about = ordered[0];
  const base = rules.baseline ? { baseline: about.baseline } : {};
  if (failing.length) {
    const more = failing.length > 1 ? ` (and ${failing.length - 1} more series)` : "";
    return { verdict: "failed", values, reason: `${about.value.reason}${more}`, ...base, warnings };
  }
  if (unjudged.length === judged.length) {
    return {
      verdict: "inconclusive",
      values,
      reason: `no baseline data ${offsetText(rules)} and no min or max to judge ${formatValue(about.value.value)}${labelText(about.value.labels)} by`,
      ...base,
      warnings
    };
  }
  const limits = limitsText(rules);
  if (values.length === 1) {
    return {
      verdict: "passed",
      values,
      reason: `${formatValue(about.value.value)}${labelText(about.value.labels)} within ${limits}`,
      ...base,
      warnings
    };
  }
  const highest = [...judged].sort((a, b) => numeric(b.value.value) - numeric(a.value.value))[0];
  return {
    verdict: "passed",
    values,
    reason: `${values.length} series within ${limits}; highest ${formatValue(highest.value.value)}${labelText(highest.value.labels)}`,
    ...base,
    warnings
  };
}
function judgeSeries(series, rules, baseline, warnings) {
  const labels = labelText(series.labels);
  const recorded = baseline === void 0 ? {} : { baseline };
  const failed = (reasons2) => ({
    value: {
      labels: series.labels,
      value: series.value,
      verdict: "failed",
      reason: `${reasons2.join(", ")}${labels}`,
      ...recorded
    },
    baseline: baseline ?? null,
    judged: true
  });
  if (typeof series.value === "string") return failed([nonFiniteReason(series.value)]);
  const value = series.value;
  const reasons = [];
  let judged = rules.min !== void 0 || rules.max !== void 0;
  if (rules.min !== void 0 && value < rules.min) reasons.push(`${formatValue(value)} < min ${rules.min}`);
  if (rules.max !== void 0 && value > rules.max) reasons.push(`${formatValue(value)} > max ${rules.max}`);
  if (rules.baseline) {
    const { maxIncrease } = rules.baseline;
    if (baseline === null || baseline === void 0) {
      warnings.push(
        `no baseline data${labels} ${offsetText(rules)}: ${judged ? "only min/max judge it" : "nothing judges it"}`
      );
    } else if (baseline <= 0) {
      if (rules.max === void 0) {
        throw new ConfigurationError(
          `the baseline${labels} ${offsetText(rules)} is ${formatValue(baseline)}, so maxIncrease cannot apply; set max (an absolute ceiling) as well`
        );
      }
      warnings.push(
        `the baseline${labels} ${offsetText(rules)} is ${formatValue(baseline)}, so maxIncrease cannot apply: only max judges it`
      );
    } else {
      judged = true;
      if (value > baseline * maxIncrease) {
        reasons.push(
          `${formatValue(value)} = ${formatRatio(value / baseline)}x the baseline ${formatValue(baseline)} (max ${maxIncrease}x)`
        );
      }
    }
  }
  if (reasons.length) return failed(reasons);
  return {
    value: { labels: series.labels, value, verdict: "passed", ...recorded },
    baseline: baseline ?? null,
    judged
  };
}
function noData(rules) {
  const base = rules.baseline ? { baseline: null } : {};
  const reason = `no data: the query returned no series (noData: ${rules.noData})`;
  const verdict = rules.noData === "pass" ? "passed" : rules.noData === "fail" ? "failed" : "inconclusive";
  return { verdict, values: [], reason, ...base, warnings: [] };
}
function baselineFor(series, count, baseline) {
  const match = count === 1 && baseline.length === 1 ? baseline[0] : baseline.find((candidate) => seriesKey(candidate.labels) === seriesKey(series.labels));
  return match && typeof match.value === "number" ? match.value : null;
}
function nonFiniteReason(value) {
  return value === "NaN" ? "value NaN (not a number, e.g. 0/0 when there was no traffic)" : `value ${value} (a division by zero?)`;
}
function limitsText(rules) {
  const parts = [
    ...rules.min !== void 0 ? [`min ${rules.min}`] : [],
    ...rules.max !== void 0 ? [`max ${rules.max}`] : [],
    ...rules.baseline ? [`${rules.baseline.maxIncrease}x the baseline`] : []
  ];
  return parts.join(", ");
}
function offsetText(rules) {
  return `${formatDuration(rules.baseline?.offsetMs ?? 0)} before the step`;
}
function labelText(labels) {
  return Object.keys(labels).length ? ` for ${formatLabels(labels)}` : "";
}
function formatRatio(ratio) {
  return String(Number(ratio.toPrecision(3)));
}
function numeric(value) {
  if (typeof value === "number") return value;
  return value === "-Inf" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}

// packages/core/src/probes/metrics/query.ts
var MIN_RETRY_MS = 50;
function queryEndpoint(base) {
  const url = new URL(base);
  const path = url.pathname.replace(/\/+$/, "");
  if (!path.endsWith("/api/v1/query")) url.pathname = `${path.replace(/\/api\/v1$/, "")}/api/v1/query`;
  return url.toString();
}
async function runQuery(request, budget) {
  const { policy, signal, now } = budget;
  const started = performance.now();
  const statusCodes = [];
  const endpoint = queryEndpoint(request.url);
  const body = new URLSearchParams({ query: request.query, time: String(request.time / 1e3) }).toString();
  const headers = withDefaultUserAgent({
    ...request.headers,
    "content-type": "application/x-www-form-urlencoded",
    accept: "application/json"
  });
  let answer = { kind: "error", message: "no time left to query", retryable: false };
  let attempts = 0;
  while (attempts < policy.maxAttempts && !signal.aborted) {
    const remaining = (attempts === 0 ? budget.deadlineAt : Math.min(budget.retryUntil, budget.deadlineAt)) - now();
    if (remaining <= 0 || attempts > 0 && remaining < Math.min(budget.timeoutMs, MIN_RETRY_MS)) break;
    attempts += 1;
    const timeoutMs = Math.max(1, Math.min(budget.timeoutMs, remaining));
    let retryAfterMs;
    try {
      const response = await httpRequest({
        url: endpoint,
        method: "POST",
        headers,
        body,
        timeoutMs,
        signal
      });
      statusCodes.push(response.status);
      answer = parseQueryAnswer(response.status, response.body.toString("utf8"), response.bodyTruncated);
      retryAfterMs = parseRetryAfter(response.headers["retry-after"], now());
    } catch (error) {
      if (!(error instanceof HttpFailure)) throw error;
      answer = {
        kind: "error",
        message: error.kind === "timeout" ? `no answer within ${formatDuration(timeoutMs)}${timeoutMs < budget.timeoutMs ? " (the time left before the next measurement or the deadline)" : ""}` : error.message,
        retryable: error.kind !== "aborted"
      };
    }
    if (answer.kind !== "error" || !answer.retryable || attempts >= policy.maxAttempts) break;
    const delay = nextDelay({
      attempt: attempts,
      retryAfterMs,
      deadlineAt: Math.min(budget.retryUntil, budget.deadlineAt),
      now: now(),
      baseMs: policy.backoffBaseMs,
      capMs: policy.backoffCapMs
    });
    if (delay === void 0) {
      if (retryAfterMs !== void 0) {
        answer = {
          ...answer,
          message: `${answer.message} (Retry-After ${formatDuration(retryAfterMs)} is past the next measurement or the deadline)`
        };
      }
      break;
    }
    await sleep(delay, signal);
  }
  return { answer, statusCodes, attempts, durationMs: Math.round(performance.now() - started) };
}

// packages/core/src/probes/metrics/analysis.ts
async function runMetricProbe(probe, context) {
  const now = context.now ?? Date.now;
  const { redact, signal, deadlineAt } = context;
  const sources = {
    templates: context.templates,
    env: context.env,
    onSecret: context.onSecret
  };
  const query = renderMetricTemplate(probe.query, "query", sources);
  const headers = requestHeaders(probe, sources);
  const startedAt = now();
  const measurements = [];
  const statusCodes = [];
  const warnings = /* @__PURE__ */ new Set();
  const failedLines = [];
  const otherLines = [];
  const counts = { passed: 0, failed: 0, inconclusive: 0, errors: 0, inARow: 0 };
  let baseline;
  const finish = (phase, reason) => ({
    passed: phase === "passed",
    reason: redact(reason),
    failures: [...failedLines, ...otherLines].map(redact),
    warnings: [...warnings].map(redact),
    measurements,
    analysis: {
      query: redact(query),
      ...probe.min !== void 0 ? { min: probe.min } : {},
      ...probe.max !== void 0 ? { max: probe.max } : {},
      ...probe.baseline ? { baseline: { ...probe.baseline } } : {},
      initialDelayMs: probe.initialDelayMs,
      intervalMs: probe.intervalMs,
      count: probe.count,
      failureLimit: probe.failureLimit,
      consecutiveErrorLimit: probe.consecutiveErrorLimit,
      inconclusiveLimit: probe.inconclusiveLimit,
      noData: probe.noData,
      phase,
      failed: counts.failed,
      inconclusive: counts.inconclusive,
      errors: counts.errors
    },
    statusCodes
  });
  const ofCount = (n) => `${n} of ${probe.count} measurement${probe.count === 1 ? "" : "s"}`;
  const scheduledAt = (index) => startedAt + probe.initialDelayMs + index * probe.intervalMs;
  const ask = (time, retryUntil) => {
    const request = { url: probe.url, headers, query, time };
    const budget = {
      policy: context.policy,
      timeoutMs: probe.timeoutMs ?? context.policy.timeoutMs,
      deadlineAt,
      retryUntil,
      signal,
      now
    };
    return runQuery(request, budget);
  };
  for (let index = 0; index < probe.count; index++) {
    const due = scheduledAt(index);
    if (due > deadlineAt || now() >= deadlineAt) {
      return finish("failed", `deadline reached after ${ofCount(index)}${lastWord(measurements)}`);
    }
    await sleep(Math.max(0, due - now()), signal);
    if (signal.aborted) return finish("failed", `cancelled after ${ofCount(index)}${lastWord(measurements)}`);
    const retryUntil = index + 1 < probe.count ? scheduledAt(index + 1) : deadlineAt;
    const evaluatedAt = now();
    const started = performance.now();
    const record = (fields) => {
      const measurement2 = {
        at: new Date(evaluatedAt).toISOString(),
        ...fields,
        reason: redact(fields.reason),
        values: fields.values.map((value) => ({
          ...value,
          labels: Object.fromEntries(Object.entries(value.labels).map(([k, v]) => [k, redact(v)])),
          ...value.reason !== void 0 ? { reason: redact(value.reason) } : {}
        })),
        durationMs: Math.round(performance.now() - started)
      };
      measurements.push(measurement2);
      context.logger?.debug(
        `${probe.name}: measurement ${index + 1} of ${probe.count}: ${measurement2.verdict}: ${measurement2.reason}`
      );
      return measurement2;
    };
    let baselineError;
    if (probe.baseline && baseline === void 0) {
      const answer2 = await ask(context.stepStartedAt - probe.baseline.offsetMs, retryUntil);
      statusCodes.push(...answer2.statusCodes);
      if (answer2.answer.kind === "configuration")
        throw new ConfigurationError(redact(`baseline query: ${answer2.answer.message}`));
      if (answer2.answer.kind === "error") baselineError = `baseline query: ${attemptsText(answer2)}`;
      else {
        baseline = answer2.answer.series;
        for (const warning of answer2.answer.warnings) warnings.add(`Prometheus (baseline): ${warning}`);
      }
    }
    if (signal.aborted) return finish("failed", `cancelled after ${ofCount(index)}${lastWord(measurements)}`);
    let measurement;
    const answer = baselineError ? void 0 : await ask(evaluatedAt, retryUntil);
    if (answer) statusCodes.push(...answer.statusCodes);
    if (signal.aborted) return finish("failed", `cancelled after ${ofCount(index)}${lastWord(measurements)}`);
    if (answer?.answer.kind === "configuration") throw new ConfigurationError(redact(answer.answer.message));
    if (!answer || answer.answer.kind === "error") {
      const reason = baselineError ?? (answer ? attemptsText(answer) : "no answer");
      measurement = record({ verdict: "error", values: [], reason, ...baselineField(probe, baseline) });
    } else {
      for (const warning of answer.answer.warnings) warnings.add(`Prometheus: ${warning}`);
      const judgement = judgeMeasurement(answer.answer.series, probe, baseline);
      for (const warning of judgement.warnings) warnings.add(warning);
      measurement = record({
        verdict: judgement.verdict,
        values: judgement.values,
        reason: judgement.reason,
        ...judgement.baseline !== void 0 ? { baseline: judgement.baseline } : {}
      });
    }
    const line = `measurement ${index + 1} (${measurement.at}): ${measurement.reason}`;
    switch (measurement.verdict) {
      case "passed":
        counts.passed += 1;
        counts.inARow = 0;
        break;
      case "failed":
        counts.failed += 1;
        counts.inARow = 0;
        failedLines.push(line);
        if (counts.failed > probe.failureLimit) {
          return finish(
            "failed",
            `${measurement.reason} (${counts.failed} of ${probe.count} measurements failed, ${probe.failureLimit} allowed)`
          );
        }
        break;
      case "inconclusive":
        counts.inconclusive += 1;
        counts.inARow = 0;
        otherLines.push(line);
        if (counts.inconclusive > probe.inconclusiveLimit) {
          return finish(
            "inconclusive",
            `inconclusive: ${measurement.reason} (${counts.inconclusive} of ${probe.count} measurements inconclusive, ${probe.inconclusiveLimit} allowed); a gate never promotes on don't know`
          );
        }
        break;
      case "error":
        counts.errors += 1;
        counts.inARow += 1;
        otherLines.push(line);
        if (counts.inARow > probe.consecutiveErrorLimit) {
          return finish(
            "error",
            `the query failed ${counts.inARow} time${counts.inARow === 1 ? "" : "s"} in a row (consecutiveErrorLimit ${probe.consecutiveErrorLimit}): ${measurement.reason}`
          );
        }
        break;
    }
  }
  if (counts.errors === probe.count) {
    return finish(
      "error",
      `no measurement could be taken: ${ofCount(counts.errors)} failed to query; last: ${measurements.at(-1)?.reason ?? "no answer"}`
    );
  }
  if (counts.errors) warnings.add(`${ofCount(counts.errors)} could not be taken (query errors)`);
  const allowed = [
    ...counts.failed ? [`${counts.failed} failed, ${probe.failureLimit} allowed`] : [],
    ...counts.inconclusive ? [`${counts.inconclusive} inconclusive, ${probe.inconclusiveLimit} allowed`] : [],
    ...counts.errors ? [`${counts.errors} query errors`] : []
  ];
  return finish(
    "passed",
    `${counts.passed} of ${probe.count} measurements passed${allowed.length ? ` (${allowed.join("; ")})` : ""}${lastWord(measurements)}`
  );
}
function requestHeaders(probe, sources) {
  const secret = new Set(probe.secretHeaders.map((name) => name.toLowerCase()));
  const headers = {};
  for (const [name, raw] of Object.entries(probe.headers)) {
    const value = renderMetricTemplate(raw, `header '${name}'`, sources);
    if (secret.has(name.toLowerCase()) && value) sources.onSecret?.(value);
    headers[name] = value;
  }
  if (probe.bearerToken !== void 0) {
    const token = renderMetricTemplate(probe.bearerToken, "bearerToken", sources);
    if (token) sources.onSecret?.(token);
    for (const name of Object.keys(headers)) if (name.toLowerCase() === "authorization") delete headers[name];
    headers.authorization = `Bearer ${token}`;
  }
  return headers;
}
function attemptsText(outcome) {
  const message = outcome.answer.kind === "data" ? "no answer" : outcome.answer.message;
  return outcome.attempts > 1 ? `${message} after ${outcome.attempts} attempts` : message;
}
function baselineField(probe, baseline) {
  if (!probe.baseline) return {};
  const only = baseline?.length === 1 ? baseline[0].value : void 0;
  return { baseline: typeof only === "number" ? only : null };
}
function lastWord(measurements) {
  const last = measurements.at(-1);
  return last ? `; last: ${last.reason}` : "";
}
export {
  runMetricProbe
};
