import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  describeSource,
  evaluateAssertion,
  getJsonPath,
  show
} from "./chunk-VUTADBIV.js";
import {
  REDACTED,
  redactUrl
} from "./chunk-6MQO5ODA.js";

// packages/core/src/probes/scenario/checks.ts
var SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie)$|token|secret|session|api-key/i;
function checkScenario(input) {
  const scenario = input.probe.scenario;
  const fromScript = input.observation.scenario?.captured;
  if (!scenario) return void 0;
  const failures = [];
  const captured = { ...fromScript ?? {} };
  if (input.probe.type === "http" && !input.observation.error) {
    for (const assertion of scenario.assertions) {
      const failure = checkAssertion(assertion, input);
      if (failure) failures.push(failure);
    }
    if (scenario.version) {
      const { expected, source } = scenario.version;
      const lookup = readSource(source, input);
      const reported = lookup.found ? asText(lookup.value) : void 0;
      if (reported === void 0 || !sameVersion(reported, expected)) {
        failures.push(
          `version (${describeSource(source)}): expected ${show(expected)}, got ${reported === void 0 ? `(missing${lookup.note ?? ""})` : show(reported)}`
        );
      }
    }
    for (const capture of scenario.captures) {
      const value = captureValue(capture, input);
      if (value === void 0) {
        failures.push(`capture ${capture.name}: ${describeSource(capture.source)} not found in the response`);
        continue;
      }
      if (capture.secret && value !== null) scenario.registerSecret?.(String(value));
      captured[capture.name] = value;
    }
  }
  return { failures, captured };
}
function scenarioPassedNote(probe, observation) {
  const scenario = probe.scenario;
  if (!scenario) return "";
  let note = "";
  const location = observation.headers?.location;
  if (scenario.followRedirects === false && location && (observation.status ?? 0) >= 300 && (observation.status ?? 0) < 400) {
    try {
      const url = new URL(location, probe.type === "http" ? probe.url : void 0);
      note += ` to ${url.origin}${url.pathname}`;
    } catch {
    }
  }
  if (scenario.version) {
    let document;
    const input = {
      probe,
      observation,
      text: () => observation.body?.toString("utf8") ?? "",
      json: () => {
        if (document === void 0) {
          try {
            document = JSON.parse(observation.body?.toString("utf8") ?? "");
          } catch {
            document = null;
          }
        }
        return document ?? void 0;
      }
    };
    const lookup = readSource(scenario.version.source, input);
    if (lookup.found) note += `, version ${asText(lookup.value)}`;
  }
  return note;
}
function checkAssertion(assertion, input) {
  if (assertion.subject === "header") return checkHeader(assertion, input.observation);
  const text = input.text();
  const outcome = evaluateAssertion(assertion.op, true, text);
  if (outcome.ok) return void 0;
  const cut = input.observation.bodyTruncated ? " (the body was cut at the 1 MiB read limit)" : "";
  return `body text: expected ${outcome.expected}, got ${text === "" ? "(empty body)" : show(text)}${cut}`;
}
function checkHeader(assertion, observation) {
  const raw = observation.headers?.[assertion.header];
  const outcome = evaluateAssertion(assertion.op, raw !== void 0, raw);
  if (outcome.ok) return void 0;
  let actual = outcome.actual;
  if (raw !== void 0 && assertion.op.exists === void 0) {
    actual = SECRET_HEADER.test(assertion.header) ? `${REDACTED} (${raw.length} characters, not shown)` : show(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? redactUrl(raw) : raw);
  }
  return `header ${assertion.header}: expected ${outcome.expected}, got ${actual}`;
}
function readSource(source, input) {
  if (source.from === "header") {
    const value = input.observation.headers?.[source.header];
    return { found: value !== void 0, value };
  }
  const document = input.json();
  if (document === void 0) return { found: false, value: void 0, note: ": the body is not JSON" };
  return getJsonPath(document, source.path);
}
function captureValue(capture, input) {
  const lookup = readSource(capture.source, input);
  if (!lookup.found) return void 0;
  return toCaptured(lookup.value);
}
function toCaptured(value) {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  return JSON.stringify(value);
}
function asText(value) {
  return typeof value === "string" ? value : JSON.stringify(value);
}
var SHA = /^[0-9a-f]{7,64}$/i;
function sameVersion(reported, expected) {
  const a = reported.trim().replace(/^v(?=\d)/, "");
  const b = expected.trim().replace(/^v(?=\d)/, "");
  if (a === b) return true;
  if (SHA.test(a) && SHA.test(b)) {
    const [short, long] = a.length <= b.length ? [a, b] : [b, a];
    return long.toLowerCase().startsWith(short.toLowerCase());
  }
  return false;
}

export {
  checkScenario,
  scenarioPassedNote,
  toCaptured
};
