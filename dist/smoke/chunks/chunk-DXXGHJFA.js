import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  ConfigurationError,
  refText,
  renderTemplate,
  templateRefs
} from "./chunk-RLG7PGXJ.js";

// packages/core/src/retry.ts
function backoffDelay(attempt, baseMs = 500, capMs = 3e4, random = Math.random) {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
function parseRetryAfter(value, now = Date.now()) {
  if (!value) return void 0;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1e3;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? void 0 : Math.max(0, date - now);
}
function nextDelay(options) {
  const now = options.now ?? Date.now();
  const wanted = options.retryAfterMs ?? backoffDelay(options.attempt, options.baseMs, options.capMs);
  const remaining = options.deadlineAt - now;
  if (remaining <= 0) return void 0;
  if (wanted >= remaining) return void 0;
  return wanted;
}
function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

// packages/core/src/probes/metrics/template.ts
var METRIC_TEMPLATE_NAMES = ["environment", "version", "sha"];
var RELEASE_VALUE = /\{\{\s*(environment|version|sha)\s*\}\}/g;
var ANY_TEMPLATE = /\{\{([^{}]*)\}\}/g;
var KNOWN = "use {{ environment }}, {{ version }}, {{ sha }} or {{ env.NAME }}";
function metricEnvRefs(text, field) {
  const { refs, error } = templateRefs(text.replace(RELEASE_VALUE, ""));
  if (error) throw new ConfigurationError(`${field}: ${error.replace(/; use .*$/, `; ${KNOWN}`)}`);
  const step = refs.find((ref) => ref.kind === "step");
  if (step) {
    throw new ConfigurationError(
      `${field}: ${refText(step)} is a scenario step's capture, which a metric probe has none of; ${KNOWN}`
    );
  }
  return refs.flatMap((ref) => ref.kind === "env" ? [ref.name] : []);
}
function renderMetricTemplate(text, field, sources) {
  metricEnvRefs(text, field);
  return text.replace(ANY_TEMPLATE, (whole, inner) => {
    const name = inner.trim();
    if (METRIC_TEMPLATE_NAMES.includes(name)) {
      const value = sources.templates[name];
      if (value === void 0 || value === "") {
        throw new ConfigurationError(
          `${field}: {{ ${name} }} has no value; set the smoke input '${name}'${name === "sha" ? " (it defaults to the run's GITHUB_SHA)" : ""}`
        );
      }
      return value;
    }
    return renderTemplate(whole, (ref) => {
      const variable = ref.kind === "env" ? ref.name : "";
      const value = sources.env[variable];
      if (value === void 0) {
        throw new ConfigurationError(
          `${field}: {{ env.${variable} }}: the environment variable ${variable} is not set (pass it with env: in the workflow)`
        );
      }
      if (value) sources.onSecret?.(value);
      return value;
    });
  });
}

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

export {
  parseRetryAfter,
  nextDelay,
  sleep,
  parseQueryAnswer,
  formatLabels,
  seriesKey,
  formatValue,
  metricEnvRefs,
  renderMetricTemplate
};
