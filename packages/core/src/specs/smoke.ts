import * as z from 'zod';
import {
  booleanInput,
  durationInput,
  headersInput,
  integerInput,
  optionalString,
} from '../inputs/schemas.js';
import type { ActionSpec, InputSource, InputSpecs, ParsedInputs } from '../inputs/spec.js';
import { classifyUrl, type LoadProbesOptions, splitUrlList } from '../probes/load.js';
import type { MetricTemplateValues } from '../probes/metrics/types.js';
import { parseValueSource } from '../probes/scenario/schema.js';
import type { SmokePolicyInput } from '../probes/schema.js';
import { Redactor, runSecrets } from '../redact.js';
import { reportIdentity, workspacePath } from '../report/context.js';
import { mergeReportSection } from '../report/file.js';
import type { ReleaseGateReport } from '../report/schema.js';
import type { SmokeSection } from '../report/smoke-section.js';
import { secretParts } from '../secret-parts.js';
import { parseStatusList } from '../status-list.js';
import { DEFAULT_REPORT_PATH, reportPathInput } from './report-path.js';

export const SmokeOutputs = {
  Result: 'result',
  FailedProbes: 'failed-probes',
  PassedCount: 'passed-count',
  FailedCount: 'failed-count',
  ReportPath: 'report-path',
  DurationMs: 'duration-ms',
} as const;

const urlsInput = z.string().transform((raw, ctx) => {
  const urls = splitUrlList(raw);
  for (const [index, url] of urls.entries()) {
    const classified = classifyUrl(url);
    if (typeof classified === 'string') {
      ctx.addIssue({ code: 'custom', message: `entry ${index + 1}: ${classified}` });
      return z.NEVER;
    }
  }
  return urls;
});

const bearerTokenInput = z.string().transform((raw, ctx) => {
  if (raw === '') return undefined;
  const token = raw.replace(/^Bearer\s+/i, '');
  if (/\s/.test(token)) {
    ctx.addIssue({ code: 'custom', message: 'must be a single token without spaces or line breaks' });
    return z.NEVER;
  }
  return token;
});

const statusListInput = (fallback: string) =>
  z.string().transform((raw, ctx) => {
    const list = parseStatusList(raw === '' ? fallback : raw);
    if (!list) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be status codes or ranges such as 200, 200,204 or 200-299',
      });
      return z.NEVER;
    }
    return list;
  });

const probesPathInput = optionalString.refine((value) => value === undefined || !/[\r\n]/.test(value), {
  message: 'must be one file path',
});

const environmentInput = optionalString.refine(
  (value) => value === undefined || /^[\w.\-/ ]{1,100}$/.test(value),
  { message: 'must be a short name (letters, digits, . _ - / and spaces)' },
);

const expectedVersionInput = optionalString.refine(
  (value) => value === undefined || /^[\w.+\-/:@]{1,200}$/.test(value),
  { message: 'must be one version or commit sha without spaces' },
);

/** What `{{ version }}` and `{{ sha }}` stand for in a metric query: one word, no PromQL quote or brace. */
const templateValueInput = optionalString.refine(
  (value) => value === undefined || /^[\w.+\-/:@]{1,200}$/.test(value),
  {
    message: 'must be one version or commit sha: letters, digits and . _ + - / : @ only',
  },
);

/** A duration above zero (a pause between re-runs of 0 would spin). */
const positiveDurationInput = (fallback: string) =>
  durationInput(fallback).refine((ms) => ms > 0, { message: 'must be more than 0, e.g. 10s' });

/** `header:x-app-version`, `body:build.version` or a bare JSON path. */
const versionFromInput = z.string().transform((raw, ctx) => {
  if (raw === '') return undefined;
  const source = parseValueSource(raw);
  if (typeof source === 'string') {
    ctx.addIssue({ code: 'custom', message: source });
    return z.NEVER;
  }
  return source;
});

/**
 * Every smoke input: schema over the raw string ('' when unset), an example for the error, secrets marked.
 * Defaults live in smoke/action.yml and are repeated here as fallbacks so the CLI and callers that read
 * inputs without a runner get the same values.
 */
export const smokeInputSpecs = {
  urls: {
    schema: urlsInput,
    example: 'https://shop.example.com/healthz, https://shop.example.com/readyz',
  },
  probes: { schema: probesPathInput, example: 'smoke/probes.yml' },
  'bearer-token': {
    schema: bearerTokenInput,
    example: '${{ secrets.SMOKE_TOKEN }}',
    secret: true,
    env: 'RELEASE_GATE_BEARER_TOKEN',
  },
  headers: {
    schema: headersInput,
    example: "'X-Smoke: true' (one 'Name: value' per line)",
    secret: true,
  },
  'expected-status': { schema: statusListInput('200-299'), example: '200-299' },
  timeout: { schema: durationInput('10s'), example: '10s' },
  deadline: { schema: durationInput('5m'), example: '5m' },
  'max-attempts': { schema: integerInput(3, 1, 100), example: '3' },
  'consecutive-successes': { schema: integerInput(1, 1, 100), example: '1' },
  concurrency: { schema: integerInput(10, 1, 1000), example: '10' },
  environment: { schema: environmentInput, example: 'production' },
  'report-path': { schema: reportPathInput, example: DEFAULT_REPORT_PATH },
  'fail-on-error': { schema: booleanInput(true), example: 'true' },
  'expected-version': { schema: expectedVersionInput, example: '${{ github.sha }}' },
  'version-from': {
    schema: versionFromInput,
    example: 'header:x-app-version (or a JSON path: build.sha)',
  },
  warmup: { schema: durationInput('0'), example: '30s' },
  watch: { schema: durationInput('0'), example: '10m' },
  'watch-interval': { schema: positiveDurationInput('10s'), example: '10s' },
  'watch-failure-limit': { schema: integerInput(0, 0, 1000), example: '0' },
  version: { schema: templateValueInput, example: '${{ needs.build.outputs.version }}' },
  sha: { schema: templateValueInput, example: '${{ github.sha }}' },
} satisfies InputSpecs;

export type SmokeInputValues = ParsedInputs<typeof smokeInputSpecs>;

/** Cross-field rules, once each input is valid on its own; the source names the inputs (input or flag). */
export function checkSmokeInputs(
  inputs: SmokeInputValues,
  source: Pick<InputSource, 'describe' | 'example'>,
): string[] {
  const name = (input: string) => source.describe(input);
  const problems: string[] = [];
  if (!inputs.urls.length && !inputs.probes) {
    problems.push(
      `${name('urls')} or ${name('probes')} is required: nothing to probe. Example: ${source.example('urls', 'https://shop.example.com/healthz')}`,
    );
  }
  const expected = inputs['expected-version'];
  const from = inputs['version-from'];
  // A probes file may say per probe where the version is (`versionFrom`); loading it names any http probe
  // that does not. Plain urls have nowhere else to say it.
  if (expected && !from && !inputs.probes) {
    problems.push(
      `${name('version-from')} is required when ${name('expected-version')} is set: where do the probes report their version? Example: ${source.example('version-from', 'header:x-app-version')} (or a JSON path such as build.sha; or versionFrom on each probe of a probes file)`,
    );
  }
  if (from && !expected) {
    problems.push(
      `${name('expected-version')} is required when ${name('version-from')} is set. Example: ${source.example('expected-version', '${{ github.sha }}')}`,
    );
  }
  return problems;
}

/** The smoke step's inputs and their cross-field rules, read by the action from `INPUT_*` and by the CLI from flags. */
export const smokeSpec = {
  inputs: smokeInputSpecs,
  check: checkSmokeInputs,
} satisfies ActionSpec<typeof smokeInputSpecs>;

/** Header names whose values are masked and dropped on cross-origin redirects, besides Authorization/Cookie. */
const SENSITIVE_HEADER = /auth|token|secret|key|cookie|session|signature|password|credential/i;

/**
 * Values to mask and scrub: the token, the values of sensitive-looking headers, and the distinctive parts
 * of each URL (userinfo, secret query values, credential-looking path segments and host labels; the rest
 * of a probe's URL is its name and stays shown).
 */
export function smokeSecrets(inputs: SmokeInputValues): string[] {
  const secrets: string[] = [];
  const token = inputs['bearer-token'];
  if (token) secrets.push(token);
  for (const [name, value] of Object.entries(inputs.headers)) {
    if (SENSITIVE_HEADER.test(name) && value) secrets.push(value);
  }
  for (const url of inputs.urls) secrets.push(...secretParts(url, 'public-url'));
  return secrets;
}

/**
 * Masks each secret on its own with the host's `mask` (parsing masked the raw values, but the token
 * without its `Bearer ` prefix, one header's value and a URL's parts are other strings).
 */
export function maskSmokeSecrets(inputs: SmokeInputValues, mask: (value: string) => void): void {
  for (const secret of smokeSecrets(inputs)) mask(secret);
}

/** A Redactor that knows every secret in the inputs (for text we write ourselves: report, summary). */
export function smokeRedactor(inputs: SmokeInputValues): Redactor {
  const redactor = new Redactor();
  for (const secret of smokeSecrets(inputs)) {
    redactor.add(secret, 'token');
    runSecrets.add(secret, 'token');
  }
  return redactor;
}

/** How errors name the two sources and what a relative probes path resolves against (action or CLI). */
export interface SmokeSourceLabels {
  urls: string;
  probes: string;
  /** Default `the workspace`; the CLI's is `the current directory`. */
  base?: string;
}

/** Where and how to load the probes: `urls` and `probes` relative to the workspace, headers as defaults. */
export function smokeProbeOptions(
  inputs: SmokeInputValues,
  env: NodeJS.ProcessEnv = process.env,
  labels: SmokeSourceLabels = {
    urls: `input '${'urls'}'`,
    probes: `input '${'probes'}'`,
    base: 'the workspace',
  },
): LoadProbesOptions {
  const headers: Record<string, string> = { ...inputs.headers };
  const token = inputs['bearer-token'];
  if (token) headers.Authorization = `Bearer ${token}`;
  return {
    urls: inputs.urls,
    probesFile: inputs.probes,
    baseDir: env.GITHUB_WORKSPACE ?? process.cwd(),
    baseDirLabel: labels.base ?? 'the workspace',
    defaults: {
      headers,
      secretHeaders: Object.keys(inputs.headers).filter((name) => SENSITIVE_HEADER.test(name)),
      expectedStatus: inputs['expected-status'],
      scenario: {
        expectedVersion: inputs['expected-version'],
        versionFrom: inputs['version-from'],
      },
    },
    labels: { urls: labels.urls, probes: labels.probes },
  };
}

export function smokePolicy(inputs: SmokeInputValues): SmokePolicyInput {
  return {
    timeoutMs: inputs.timeout,
    deadlineMs: inputs.deadline,
    maxAttempts: inputs['max-attempts'],
    consecutiveSuccesses: inputs['consecutive-successes'],
    concurrency: inputs.concurrency,
    warmupMs: inputs.warmup,
    watchMs: inputs.watch,
    watchIntervalMs: inputs['watch-interval'],
    watchFailureLimit: inputs['watch-failure-limit'],
  };
}

/** What `{{ environment }}`, `{{ version }}` and `{{ sha }}` stand for in metric queries; sha defaults to the run's. */
export function smokeTemplateValues(
  inputs: SmokeInputValues,
  env: NodeJS.ProcessEnv = process.env,
): MetricTemplateValues {
  const sha = inputs.sha ?? env.GITHUB_SHA;
  return {
    ...(inputs.environment ? { environment: inputs.environment } : {}),
    ...(inputs.version ? { version: inputs.version } : {}),
    ...(sha ? { sha } : {}),
  };
}

export function smokeReportPath(inputs: SmokeInputValues, env: NodeJS.ProcessEnv = process.env): string {
  return workspacePath(inputs['report-path'], env);
}

/** Where the step files its section: the report and the environment it is filed under (`default` if none). */
export interface SmokeTarget {
  reportPath: string;
  environment: string | undefined;
}

/**
 * The target from the inputs; when they did not parse, from the raw `report-path` and `environment` as
 * far as they are valid on their own (the default report path otherwise), so a step that could not run
 * still says why in the gate's report.
 */
export function smokeTarget(
  inputs: SmokeInputValues | undefined,
  read: InputSource['read'],
  env: NodeJS.ProcessEnv = process.env,
): SmokeTarget {
  if (inputs) return { reportPath: smokeReportPath(inputs, env), environment: inputs.environment };
  const path = smokeInputSpecs['report-path'].schema.safeParse(read('report-path'));
  const environment = smokeInputSpecs.environment.schema.safeParse(read('environment'));
  return {
    reportPath: workspacePath(path.success ? path.data : DEFAULT_REPORT_PATH, env),
    environment: environment.success ? environment.data : undefined,
  };
}

/** Merges the smoke section into the target's report (the other steps' sections stay). */
export function recordSmokeSection(
  target: SmokeTarget,
  section: SmokeSection,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ReleaseGateReport> {
  return mergeReportSection(
    target.reportPath,
    reportIdentity({ environment: target.environment ?? 'default' }, env),
    'smoke',
    section,
  );
}

/**
 * The environment command probes run in: this step's, without the values the smoke inputs came from
 * (the runner's `INPUT_*` variables and the CLI's token variable hold the bearer token).
 */
export function commandProbeEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const fromInputs = new Set<string>(
    Object.values(smokeInputSpecs).flatMap((input) => ('env' in input ? [input.env] : [])),
  );
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !name.startsWith('INPUT_') && !fromInputs.has(name)) out[name] = value;
  }
  return out;
}
