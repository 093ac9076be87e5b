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

export const EvidenceOutputs = {
  Status: 'status',
  ReportPath: 'report-path',
  MarkdownPath: 'markdown-path',
  Failed: 'failed',
} as const;

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
  kind: { schema: requiredEnumInput(evidenceKinds), example: 'receiver-validation' },
  // Masked like webhook URLs: teams keep the receiver's URLs in secrets.
  'receiver-url': {
    schema: urlInput,
    example: 'https://hooks.example.com/internal/release-gate/callbacks',
    secret: true,
  },
  'receiver-metrics-url': { schema: urlInput, example: 'https://hooks.example.com/metrics', secret: true },
  'metrics-url': { schema: urlInput, example: 'the older name of receiver-metrics-url', secret: true },
  'signing-secret': {
    schema: signingSecretInput,
    example: 'whsec_<base64> from a secret, e.g. secrets.RELEASE_GATE_SIGNING_SECRET',
    secret: true,
    env: 'RELEASE_GATE_SIGNING_SECRET',
  },
  'bearer-token': {
    schema: optionalString,
    example: 'a token from a secret, e.g. secrets.RECEIVER_TOKEN',
    secret: true,
    env: 'RELEASE_GATE_BEARER_TOKEN',
  },
  environment: { schema: stringInput('receiver-validation'), example: 'receiver-validation' },
  environments: { schema: listInput(['staging', 'production']), example: 'staging, production' },
  'event-log': { schema: optionalString, example: 'receiver/events.jsonl' },
  tolerance: { schema: positiveDurationInput('5m'), example: '5m' },
  timeout: { schema: positiveDurationInput('5s'), example: '5s' },
  deadline: { schema: positiveDurationInput('30s'), example: '30s' },
  targets: { schema: urlListInput, example: 'http://127.0.0.1:8080/healthz', flag: 'multiple' },
  method: { schema: methodInput, example: 'GET' },
  requests: { schema: integerInput(200, 1, 1_000_000), example: '200' },
  duration: { schema: positiveDurationInput(), example: '30s' },
  rate: { schema: integerInput(100, 0, 100_000), example: '100 (0 = as fast as the target answers)' },
  concurrency: { schema: integerInput(4, 1, 1000), example: '4' },
  'hard-stop': { schema: positiveDurationInput('2m'), example: '2m' },
  'latency-budget-p95': { schema: positiveDurationInput('500ms'), example: '500ms' },
  'latency-budget-p99': { schema: positiveDurationInput('1s'), example: '1s' },
  'error-budget': { schema: fractionInput('1%'), example: '1%' },
  // Proposals may sit well above what was observed: up to ten times.
  headroom: { schema: fractionInput('50%', 10), example: '50%' },
  'out-dir': { schema: stringInput('build-artifacts'), example: 'build-artifacts' },
  'fail-on-failed': { schema: booleanInput(true), example: 'false' },
} satisfies InputSpecs;

export type EvidenceInputName = keyof typeof evidenceInputSpecs;
export type EvidenceInputValues = ParsedInputs<typeof evidenceInputSpecs>;

/** Inputs every kind takes, besides `kind` itself. */
const COMMON_INPUTS = ['out-dir', 'fail-on-failed'] as const;

/** The inputs each kind uses (the CLI takes only these flags; the action ignores the rest). */
export const EVIDENCE_KIND_INPUTS: Record<EvidenceKind, readonly EvidenceInputName[]> = {
  'receiver-validation': [
    'receiver-url',
    'signing-secret',
    'receiver-metrics-url',
    'metrics-url',
    'bearer-token',
    'environment',
    'tolerance',
    'timeout',
    ...COMMON_INPUTS,
  ],
  'receiver-drill': [
    'receiver-url',
    'environments',
    'receiver-metrics-url',
    'metrics-url',
    'event-log',
    'signing-secret',
    'bearer-token',
    'deadline',
    'timeout',
    ...COMMON_INPUTS,
  ],
  'load-calibration': [
    'targets',
    'method',
    'requests',
    'duration',
    'rate',
    'concurrency',
    'timeout',
    'hard-stop',
    'latency-budget-p95',
    'latency-budget-p99',
    'error-budget',
    'headroom',
    ...COMMON_INPUTS,
  ],
};

/** The receiver's Prometheus endpoint, under its name or its older one (metrics-url). */
export const receiverMetricsUrl = (values: EvidenceInputValues): string | undefined =>
  values['receiver-metrics-url'] ?? values['metrics-url'];

/** Cross-field rules, once each input is valid on its own: what each kind cannot run without. */
export function checkEvidenceInputs(
  values: EvidenceInputValues,
  source: Pick<InputSource, 'describe' | 'example'>,
): string[] {
  const kind = values.kind;
  const name = (input: EvidenceInputName) => source.describe(input);
  const required = (input: EvidenceInputName, why: string) =>
    `${name(input)} is required for ${kind}: ${why}. Example: ${source.example(input, evidenceInputSpecs[input].example)}`;
  const problems: string[] = [];
  const receiverKind = kind === 'receiver-validation' || kind === 'receiver-drill';
  if (receiverKind && !values['receiver-url'])
    problems.push(required('receiver-url', 'the receiver endpoint events are sent to'));
  if (kind === 'receiver-validation' && !values['signing-secret'])
    problems.push(required('signing-secret', 'the secret the receiver verifies signatures with'));
  const [current, older] = [values['receiver-metrics-url'], values['metrics-url']];
  if (current && older && current !== older)
    problems.push(
      `${name('metrics-url')} is the older name of ${name('receiver-metrics-url')}: give only ${name('receiver-metrics-url')}`,
    );
  else if (kind === 'receiver-drill' && !receiverMetricsUrl(values) && !values['event-log'])
    problems.push(
      `${kind} needs a way to confirm arrival: set ${name('receiver-metrics-url')} (the receiver's Prometheus endpoint) or ${name('event-log')} (its JSON-lines event log)`,
    );
  if (kind === 'load-calibration' && !values.targets.length)
    problems.push(
      required('targets', 'there is no default target; list the loopback or explicitly chosen URLs to load'),
    );
  return problems;
}

/** The evidence step's inputs and their cross-field rules, read by the action from `INPUT_*` and by the CLI from flags. */
export const evidenceSpec = {
  inputs: evidenceInputSpecs,
  check: checkEvidenceInputs,
} satisfies ActionSpec<typeof evidenceInputSpecs>;
