import { evaluateAssertion, show } from '../../assertions.js';
import { getJsonPath } from '../../json-path.js';
import { REDACTED, redactUrl } from '../../redact.js';
import type { Observation } from '../executors/types.js';
import type { Probe } from '../schema.js';
import {
  type CaptureSpec,
  describeSource,
  type HeaderAssertion,
  type ScenarioAssertion,
  type ValueSource,
} from './schema.js';

type CapturedValue = string | number | boolean | null;

/** What evaluate.ts gives each check (structurally its CheckInput). */
export interface ScenarioCheckInput {
  probe: Probe;
  observation: Observation;
  text(): string;
  json(): unknown;
}

export interface ScenarioCheckResult {
  failures?: string[];
  captured?: Record<string, CapturedValue>;
}

/** Header values never shown: they carry credentials or sessions. */
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie)$|token|secret|session|api-key/i;

/**
 * The scenario checks of one attempt: header and text-body assertions, the expected version, and the
 * captures (a capture that finds nothing is a failure, so a later step never runs with a hole in it).
 * Each failure is one line with the expected and the actual value.
 */
export function checkScenario(input: ScenarioCheckInput): ScenarioCheckResult | undefined {
  const scenario = input.probe.scenario;
  const fromScript = input.observation.scenario?.captured;
  if (!scenario) return undefined;
  const failures: string[] = [];
  const captured: Record<string, CapturedValue> = { ...(fromScript ?? {}) };
  if (input.probe.type === 'http' && !input.observation.error) {
    for (const assertion of scenario.assertions) {
      const failure = checkAssertion(assertion, input);
      if (failure) failures.push(failure);
    }
    if (scenario.version) {
      const { expected, source } = scenario.version;
      const lookup = readSource(source, input);
      const reported = lookup.found ? asText(lookup.value) : undefined;
      if (reported === undefined || !sameVersion(reported, expected)) {
        failures.push(
          `version (${describeSource(source)}): expected ${show(expected)}, got ${reported === undefined ? `(missing${lookup.note ?? ''})` : show(reported)}`,
        );
      }
    }
    for (const capture of scenario.captures) {
      const value = captureValue(capture, input);
      if (value === undefined) {
        failures.push(`capture ${capture.name}: ${describeSource(capture.source)} not found in the response`);
        continue;
      }
      if (capture.secret && value !== null) scenario.registerSecret?.(String(value));
      captured[capture.name] = value;
    }
  }
  return { failures, captured };
}

/**
 * What a passing http probe saw that a reader wants as evidence: the version it reported
 * (`HTTP 200, version 2.0.0`) and where an inspected redirect pointed (`HTTP 302 to https://id.example.com/authorize`,
 * origin and path only).
 */
export function scenarioPassedNote(probe: Probe, observation: Observation): string {
  const scenario = probe.scenario;
  if (!scenario) return '';
  let note = '';
  const location = observation.headers?.location;
  if (
    scenario.followRedirects === false &&
    location &&
    (observation.status ?? 0) >= 300 &&
    (observation.status ?? 0) < 400
  ) {
    try {
      const url = new URL(location, probe.type === 'http' ? probe.url : undefined);
      note += ` to ${url.origin}${url.pathname}`;
    } catch {
      // an unreadable location is shown by a failing assertion, not here
    }
  }
  if (scenario.version) {
    let document: unknown;
    const input: ScenarioCheckInput = {
      probe,
      observation,
      text: () => observation.body?.toString('utf8') ?? '',
      json: () => {
        if (document === undefined) {
          try {
            document = JSON.parse(observation.body?.toString('utf8') ?? '');
          } catch {
            document = null;
          }
        }
        return document ?? undefined;
      },
    };
    const lookup = readSource(scenario.version.source, input);
    if (lookup.found) note += `, version ${asText(lookup.value)}`;
  }
  return note;
}

function checkAssertion(assertion: ScenarioAssertion, input: ScenarioCheckInput): string | undefined {
  if (assertion.subject === 'header') return checkHeader(assertion, input.observation);
  const text = input.text();
  const outcome = evaluateAssertion(assertion.op, true, text);
  if (outcome.ok) return undefined;
  const cut = input.observation.bodyTruncated ? ' (the body was cut at the 1 MiB read limit)' : '';
  return `body text: expected ${outcome.expected}, got ${text === '' ? '(empty body)' : show(text)}${cut}`;
}

function checkHeader(assertion: HeaderAssertion, observation: Observation): string | undefined {
  const raw = observation.headers?.[assertion.header];
  const outcome = evaluateAssertion(assertion.op, raw !== undefined, raw);
  if (outcome.ok) return undefined;
  let actual = outcome.actual;
  if (raw !== undefined && assertion.op.exists === undefined) {
    actual = SECRET_HEADER.test(assertion.header)
      ? `${REDACTED} (${raw.length} characters, not shown)`
      : show(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? redactUrl(raw) : raw);
  }
  return `header ${assertion.header}: expected ${outcome.expected}, got ${actual}`;
}

function readSource(
  source: ValueSource,
  input: ScenarioCheckInput,
): { found: boolean; value: unknown; note?: string } {
  if (source.from === 'header') {
    const value = input.observation.headers?.[source.header];
    return { found: value !== undefined, value };
  }
  const document = input.json();
  if (document === undefined) return { found: false, value: undefined, note: ': the body is not JSON' };
  return getJsonPath(document, source.path);
}

function captureValue(capture: CaptureSpec, input: ScenarioCheckInput): CapturedValue | undefined {
  const lookup = readSource(capture.source, input);
  if (!lookup.found) return undefined;
  return toCaptured(lookup.value);
}

export function toCaptured(value: unknown): CapturedValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  return JSON.stringify(value);
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const SHA = /^[0-9a-f]{7,64}$/i;

/**
 * The reported version matches the expected one: the same text (ignoring surrounding space and a leading
 * `v`), or, for commit shas, one is a prefix of the other and the shorter has at least 7 characters
 * (`a1b2c3d` matches `a1b2c3d4e5...`).
 */
export function sameVersion(reported: string, expected: string): boolean {
  const a = reported.trim().replace(/^v(?=\d)/, '');
  const b = expected.trim().replace(/^v(?=\d)/, '');
  if (a === b) return true;
  if (SHA.test(a) && SHA.test(b)) {
    const [short, long] = a.length <= b.length ? [a, b] : [b, a];
    return long.toLowerCase().startsWith(short.toLowerCase());
  }
  return false;
}
