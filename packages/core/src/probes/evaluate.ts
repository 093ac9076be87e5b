import { evaluateAssertion } from '../assertions.js';
import { type HealthReading, parseJsonBody, readHealth } from '../health/index.js';
import { getJsonPath } from '../json-path.js';
import { parseRetryAfter } from '../retry.js';
import { formatStatusList, statusMatches } from '../status-list.js';
import type { Observation } from './executors/types.js';
import { checkScenario, scenarioPassedNote } from './scenario/checks.js';
import type { AttemptProbe, ProbeAssertion } from './schema.js';

type Probe = AttemptProbe;

export type CapturedValue = string | number | boolean | null;

/** The judgement of one attempt. */
export interface AttemptVerdict {
  ok: boolean;
  /** The main failure in words (`expected 200-299, got 503`), or what passed (`HTTP 200`). */
  reason: string;
  /** Every failed check, expected and actual. */
  failures: string[];
  warnings: string[];
  status?: number;
  durationMs: number;
  healthFormat?: string;
  captured: Record<string, CapturedValue>;
  /** The server asked for this wait before the next attempt (429/503 with Retry-After). */
  retryAfterMs?: number;
  /** A ws script's send-to-answer times. */
  roundTripMs?: number[];
  /** A failed command's last output lines, for the probe's reason (see `Observation.outputTail`). */
  outputTail?: string;
}

/** What the checks share: the body is decoded and parsed at most once. */
interface CheckInput {
  probe: Probe;
  observation: Observation;
  text(): string;
  json(): unknown;
}

interface CheckResult {
  failures?: string[];
  warnings?: string[];
  healthFormat?: string;
  /** This check's failure explains the attempt best (health over status). */
  primary?: boolean;
  /** Values captured from the response (scenario captures). */
  captured?: Record<string, CapturedValue>;
}

/**
 * The checks, in order. Each is small and independent; a new kind of assertion (headers, versions) is a
 * new function here.
 */
const CHECKS: Array<(input: CheckInput) => CheckResult | undefined> = [
  checkStatus,
  checkHealth,
  checkBodyAssertions,
  checkScenario,
  checkLatencyBudget,
  checkExitCode,
];

export function evaluateAttempt(
  probe: AttemptProbe,
  observation: Observation,
  now = Date.now(),
): AttemptVerdict {
  const base = {
    status: observation.status,
    durationMs: observation.durationMs,
    captured: captureLines(observation.stdout),
    ...(observation.scenario ? { roundTripMs: observation.scenario.roundTripMs } : {}),
    ...(observation.outputTail ? { outputTail: observation.outputTail } : {}),
  };
  if (observation.error) {
    return {
      ...base,
      captured: {},
      ok: false,
      reason: observation.error.message,
      failures: [observation.error.message],
      warnings: [],
    };
  }
  let text: string | undefined;
  let json: unknown;
  let parsed = false;
  const input: CheckInput = {
    probe,
    observation,
    text: () => {
      text ??= observation.body?.toString('utf8') ?? '';
      return text;
    },
    json: () => {
      if (!parsed) {
        json = parseJsonBody(input.text());
        parsed = true;
      }
      return json;
    },
  };
  const failures: string[] = [];
  const warnings: string[] = [];
  let primary: string | undefined;
  let healthFormat: string | undefined;
  for (const check of CHECKS) {
    const result = check(input);
    if (!result) continue;
    if (result.healthFormat) healthFormat = result.healthFormat;
    if (result.captured) Object.assign(base.captured, result.captured);
    if (result.primary && result.failures?.length) primary ??= result.failures[0];
    failures.push(...(result.failures ?? []));
    warnings.push(...(result.warnings ?? []));
  }
  const retryAfterMs =
    observation.status === 429 || observation.status === 503
      ? parseRetryAfter(observation.headers?.['retry-after'], now)
      : undefined;
  const ok = failures.length === 0;
  let reason: string;
  if (!ok) {
    reason = primary ?? failures[0]!;
    const statusFailed = failures.some((f) => f.startsWith('expected ') && f.includes(', got '));
    if (primary && statusFailed && observation.status !== undefined)
      reason += ` (HTTP ${observation.status})`;
  } else {
    reason = passedReason(probe, observation);
  }
  // A failed answer proves nothing: what it carried (an old pod's token, a `key=value` line of a command
  // that then failed) is not a capture. Secrets in it were registered above, so they stay masked.
  const captured = ok ? base.captured : {};
  return { ...base, captured, ok, reason, failures, warnings, healthFormat, retryAfterMs };
}

function passedReason(probe: AttemptProbe, observation: Observation): string {
  switch (probe.type) {
    case 'http':
      return `HTTP ${observation.status}${scenarioPassedNote(probe, observation)}`;
    case 'ws':
      return observation.scenario?.summary ?? 'WebSocket handshake succeeded';
    case 'tcp':
      return 'connected';
    case 'command':
      return 'exit code 0';
  }
}

function checkStatus({ probe, observation }: CheckInput): CheckResult | undefined {
  const status = observation.status;
  if (probe.type === 'http' && status !== undefined && !statusMatches(probe.expectedStatus, status)) {
    return { failures: [`expected ${formatStatusList(probe.expectedStatus)}, got ${status}`] };
  }
  if (probe.type === 'ws' && status !== 101) {
    return { failures: [`expected 101 (WebSocket handshake), got ${status}`] };
  }
  return undefined;
}

function checkHealth(input: CheckInput): CheckResult | undefined {
  if (input.probe.type !== 'http' || !input.observation.body?.length) return undefined;
  const reading: HealthReading | undefined = readHealth(
    input.observation.headers?.['content-type'],
    input.text(),
    input.json(),
  );
  if (!reading) return undefined;
  if (reading.status === 'fail')
    return { failures: [reading.summary], healthFormat: reading.format, primary: true };
  if (reading.status === 'warn') return { warnings: [reading.summary], healthFormat: reading.format };
  return { healthFormat: reading.format };
}

function checkBodyAssertions(input: CheckInput): CheckResult | undefined {
  const assertions = input.probe.assertions;
  if (!assertions.length) return undefined;
  const document = input.json();
  if (document === undefined) {
    const cut = input.observation.bodyTruncated ? ' (the body was cut at the 1 MiB read limit)' : '';
    return { failures: [`body is not JSON${cut}; cannot check ${assertions.map((a) => a.path).join(', ')}`] };
  }
  const failures: string[] = [];
  for (const assertion of assertions) {
    const failure = checkAssertion(assertion, document);
    if (failure) failures.push(failure);
  }
  return { failures };
}

function checkAssertion(assertion: ProbeAssertion, document: unknown): string | undefined {
  const lookup = getJsonPath(document, assertion.path);
  const outcome = evaluateAssertion(assertion.op, lookup.found, lookup.value);
  return outcome.ok ? undefined : `${assertion.path}: expected ${outcome.expected}, got ${outcome.actual}`;
}

function checkLatencyBudget({ probe, observation }: CheckInput): CheckResult | undefined {
  if (probe.latencyBudgetMs === undefined || observation.durationMs <= probe.latencyBudgetMs)
    return undefined;
  return {
    failures: [
      `latency ${Math.round(observation.durationMs)}ms over the budget of ${probe.latencyBudgetMs}ms`,
    ],
  };
}

function checkExitCode({ probe, observation }: CheckInput): CheckResult | undefined {
  if (probe.type !== 'command' || observation.exitCode === 0) return undefined;
  return { failures: [`exit code ${observation.exitCode ?? '(killed)'}`] };
}

const CAPTURE_LINE = /^([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$/;

/** `key=value` lines of a command's stdout; `true`/`false`/`null` and plain numbers become JSON values. */
export function captureLines(stdout: string | undefined): Record<string, CapturedValue> {
  const captured: Record<string, CapturedValue> = {};
  if (!stdout) return captured;
  for (const line of stdout.split(/\r?\n/)) {
    const match = CAPTURE_LINE.exec(line.trim());
    if (match) captured[match[1]!] = typedValue(match[2]!);
  }
  return captured;
}

function typedValue(raw: string): CapturedValue {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (raw === 'null') return null;
  if (/^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(raw)) return Number(raw);
  return raw;
}
