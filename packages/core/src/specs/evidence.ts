import * as z from 'zod';
import {
  booleanInput,
  enumInput,
  fractionInput,
  integerInput,
  listInput,
  optionalString,
  positiveDurationInput,
  requiredEnumInput,
  signingSecretInput,
  stringInput,
  urlInput,
  urlListInput,
} from '../inputs/schemas.js';
import type { ActionSpec, InputSource, InputSpecs, ParsedInputs } from '../inputs/spec.js';
import { type EvidenceKind, evidenceKinds } from '../receiver-evidence/schemas.js';

/** The evidence action's input names (also the flags of `release-gate evidence <kind>`). */
export const EvidenceInput = {
  Kind: 'kind',
  ReceiverUrl: 'receiver-url',
  ReceiverMetricsUrl: 'receiver-metrics-url',
  /** The older name of receiver-metrics-url, still accepted. */
  MetricsUrl: 'metrics-url',
  SigningSecret: 'signing-secret',
  BearerToken: 'bearer-token',
  Environment: 'environment',
  Environments: 'environments',
  EventLog: 'event-log',
  Tolerance: 'tolerance',
  Timeout: 'timeout',
  Deadline: 'deadline',
  Targets: 'targets',
  Method: 'method',
  Requests: 'requests',
  Duration: 'duration',
  Rate: 'rate',
  Concurrency: 'concurrency',
  HardStop: 'hard-stop',
  LatencyBudgetP95: 'latency-budget-p95',
  LatencyBudgetP99: 'latency-budget-p99',
  ErrorBudget: 'error-budget',
  Headroom: 'headroom',
  OutDir: 'out-dir',
  FailOnFailed: 'fail-on-failed',
} as const;

export const EvidenceOutputs = {
  Status: 'status',
  ReportPath: 'report-path',
  MarkdownPath: 'markdown-path',
  Failed: 'failed',
} as const;

const I = EvidenceInput;

const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
/** Any case is accepted (`get`); the value is upper case. */
const methodInput = z
  .string()
  .transform((raw) => raw.toUpperCase())
  .pipe(enumInput(methods, 'GET'));

/**
 * Every evidence input: schema over the raw string ('' when unset), an example for the error, secrets
 * marked. Defaults live in evidence/action.yml and are repeated here as fallbacks, so the CLI and the demo
 * get the same values.
 */
export const evidenceInputSpecs = {
  [I.Kind]: { schema: requiredEnumInput(evidenceKinds), example: 'receiver-validation' },
  // Masked like webhook URLs: teams keep the receiver's URLs in secrets.
  [I.ReceiverUrl]: {
    schema: urlInput,
    example: 'https://hooks.example.com/internal/release-gate/callbacks',
    secret: true,
  },
  [I.ReceiverMetricsUrl]: { schema: urlInput, example: 'https://hooks.example.com/metrics', secret: true },
  [I.MetricsUrl]: { schema: urlInput, example: 'the older name of receiver-metrics-url', secret: true },
  [I.SigningSecret]: {
    schema: signingSecretInput,
    example: 'whsec_<base64> from a secret, e.g. secrets.RELEASE_GATE_SIGNING_SECRET',
    secret: true,
    env: 'RELEASE_GATE_SIGNING_SECRET',
  },
  [I.BearerToken]: {
    schema: optionalString,
    example: 'a token from a secret, e.g. secrets.RECEIVER_TOKEN',
    secret: true,
    env: 'RELEASE_GATE_BEARER_TOKEN',
  },
  [I.Environment]: { schema: stringInput('receiver-validation'), example: 'receiver-validation' },
  [I.Environments]: { schema: listInput(['staging', 'production']), example: 'staging, production' },
  [I.EventLog]: { schema: optionalString, example: 'receiver/events.jsonl' },
  [I.Tolerance]: { schema: positiveDurationInput('5m'), example: '5m' },
  [I.Timeout]: { schema: positiveDurationInput('5s'), example: '5s' },
  [I.Deadline]: { schema: positiveDurationInput('30s'), example: '30s' },
  [I.Targets]: { schema: urlListInput, example: 'http://127.0.0.1:8080/healthz', flag: 'multiple' },
  [I.Method]: { schema: methodInput, example: 'GET' },
  [I.Requests]: { schema: integerInput(200, 1, 1_000_000), example: '200' },
  [I.Duration]: { schema: positiveDurationInput(), example: '30s' },
  [I.Rate]: { schema: integerInput(100, 0, 100_000), example: '100 (0 = as fast as the target answers)' },
  [I.Concurrency]: { schema: integerInput(4, 1, 1000), example: '4' },
  [I.HardStop]: { schema: positiveDurationInput('2m'), example: '2m' },
  [I.LatencyBudgetP95]: { schema: positiveDurationInput('500ms'), example: '500ms' },
  [I.LatencyBudgetP99]: { schema: positiveDurationInput('1s'), example: '1s' },
  [I.ErrorBudget]: { schema: fractionInput('1%'), example: '1%' },
  // Proposals may sit well above what was observed: up to ten times.
  [I.Headroom]: { schema: fractionInput('50%', 10), example: '50%' },
  [I.OutDir]: { schema: stringInput('build-artifacts'), example: 'build-artifacts' },
  [I.FailOnFailed]: { schema: booleanInput(true), example: 'false' },
} satisfies InputSpecs;

export type EvidenceInputName = keyof typeof evidenceInputSpecs;
export type EvidenceInputValues = ParsedInputs<typeof evidenceInputSpecs>;

/** Inputs every kind takes, besides `kind` itself. */
const COMMON_INPUTS = [I.OutDir, I.FailOnFailed] as const;

/** The inputs each kind uses (the CLI takes only these flags; the action ignores the rest). */
export const EVIDENCE_KIND_INPUTS: Record<EvidenceKind, readonly EvidenceInputName[]> = {
  'receiver-validation': [
    I.ReceiverUrl,
    I.SigningSecret,
    I.ReceiverMetricsUrl,
    I.MetricsUrl,
    I.BearerToken,
    I.Environment,
    I.Tolerance,
    I.Timeout,
    ...COMMON_INPUTS,
  ],
  'receiver-drill': [
    I.ReceiverUrl,
    I.Environments,
    I.ReceiverMetricsUrl,
    I.MetricsUrl,
    I.EventLog,
    I.SigningSecret,
    I.BearerToken,
    I.Deadline,
    I.Timeout,
    ...COMMON_INPUTS,
  ],
  'load-calibration': [
    I.Targets,
    I.Method,
    I.Requests,
    I.Duration,
    I.Rate,
    I.Concurrency,
    I.Timeout,
    I.HardStop,
    I.LatencyBudgetP95,
    I.LatencyBudgetP99,
    I.ErrorBudget,
    I.Headroom,
    ...COMMON_INPUTS,
  ],
};

/** The receiver's Prometheus endpoint, under its name or its older one (metrics-url). */
export const receiverMetricsUrl = (values: EvidenceInputValues): string | undefined =>
  values[I.ReceiverMetricsUrl] ?? values[I.MetricsUrl];

/** Cross-field rules, once each input is valid on its own: what each kind cannot run without. */
export function checkEvidenceInputs(
  values: EvidenceInputValues,
  source: Pick<InputSource, 'describe' | 'example'>,
): string[] {
  const kind = values[I.Kind];
  const name = (input: EvidenceInputName) => source.describe(input);
  const required = (input: EvidenceInputName, why: string) =>
    `${name(input)} is required for ${kind}: ${why}. Example: ${source.example(input, evidenceInputSpecs[input].example)}`;
  const problems: string[] = [];
  const receiverKind = kind === 'receiver-validation' || kind === 'receiver-drill';
  if (receiverKind && !values[I.ReceiverUrl])
    problems.push(required(I.ReceiverUrl, 'the receiver endpoint events are sent to'));
  if (kind === 'receiver-validation' && !values[I.SigningSecret])
    problems.push(required(I.SigningSecret, 'the secret the receiver verifies signatures with'));
  const [current, older] = [values[I.ReceiverMetricsUrl], values[I.MetricsUrl]];
  if (current && older && current !== older)
    problems.push(
      `${name(I.MetricsUrl)} is the older name of ${name(I.ReceiverMetricsUrl)}: give only ${name(I.ReceiverMetricsUrl)}`,
    );
  else if (kind === 'receiver-drill' && !receiverMetricsUrl(values) && !values[I.EventLog])
    problems.push(
      `${kind} needs a way to confirm arrival: set ${name(I.ReceiverMetricsUrl)} (the receiver's Prometheus endpoint) or ${name(I.EventLog)} (its JSON-lines event log)`,
    );
  if (kind === 'load-calibration' && !values[I.Targets].length)
    problems.push(
      required(I.Targets, 'there is no default target; list the loopback or explicitly chosen URLs to load'),
    );
  return problems;
}

/** The evidence step's inputs and their cross-field rules, read by the action from `INPUT_*` and by the CLI from flags. */
export const evidenceSpec = {
  inputs: evidenceInputSpecs,
  check: checkEvidenceInputs,
} satisfies ActionSpec<typeof evidenceInputSpecs>;
