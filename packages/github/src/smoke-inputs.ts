import * as core from '@actions/core';
import {
  booleanInput,
  type CommandRequest,
  ConfigurationError,
  classifyUrl,
  durationInput,
  headersInput,
  type InputSpecs,
  integerInput,
  type LoadProbesOptions,
  optionalString,
  type ParsedInputs,
  parseStatusList,
  Redactor,
  type RunCommand,
  type SmokePolicyInput,
  splitUrlList,
  workspacePath,
} from '@release-actions/core';
import { parseValueSource } from '@release-actions/core/probes/scenario/schema';
import * as z from 'zod';
import { actionInputSource } from './inputs.js';

/** The smoke action's input names, in one place (also used by rollback-verify, which re-runs the probes). */
export const SmokeInput = {
  Urls: 'urls',
  Probes: 'probes',
  BearerToken: 'bearer-token',
  Headers: 'headers',
  ExpectedStatus: 'expected-status',
  Timeout: 'timeout',
  Deadline: 'deadline',
  MaxAttempts: 'max-attempts',
  ConsecutiveSuccesses: 'consecutive-successes',
  Concurrency: 'concurrency',
  Environment: 'environment',
  ReportPath: 'report-path',
  FailOnError: 'fail-on-error',
  ExpectedVersion: 'expected-version',
  VersionFrom: 'version-from',
  Warmup: 'warmup',
} as const;

export const SmokeOutput = {
  Result: 'result',
  FailedProbes: 'failed-probes',
  PassedCount: 'passed-count',
  FailedCount: 'failed-count',
  ReportPath: 'report-path',
  DurationMs: 'duration-ms',
} as const;

export const DEFAULT_REPORT_PATH = 'release-gate/report.json';

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
  {
    message: 'must be a short name (letters, digits, . _ - / and spaces)',
  },
);

const reportPathInput = z.string().transform((raw, ctx) => {
  const value = raw === '' ? DEFAULT_REPORT_PATH : raw;
  if (/[\r\n]/.test(value) || value.endsWith('/')) {
    ctx.addIssue({ code: 'custom', message: 'must be a file path' });
    return z.NEVER;
  }
  return value;
});

const expectedVersionInput = optionalString.refine(
  (value) => value === undefined || /^[\w.+\-/:@]{1,200}$/.test(value),
  {
    message: 'must be one version or commit sha without spaces',
  },
);

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
  [SmokeInput.Urls]: {
    schema: urlsInput,
    example: 'https://shop.example.com/healthz, https://shop.example.com/readyz',
  },
  [SmokeInput.Probes]: { schema: probesPathInput, example: 'smoke/probes.yml' },
  [SmokeInput.BearerToken]: {
    schema: bearerTokenInput,
    example: '${{ secrets.SMOKE_TOKEN }}',
    secret: true,
  },
  [SmokeInput.Headers]: {
    schema: headersInput,
    example: "'X-Smoke: true' (one 'Name: value' per line)",
    secret: true,
  },
  [SmokeInput.ExpectedStatus]: { schema: statusListInput('200-299'), example: '200-299' },
  [SmokeInput.Timeout]: { schema: durationInput('10s'), example: '10s' },
  [SmokeInput.Deadline]: { schema: durationInput('5m'), example: '5m' },
  [SmokeInput.MaxAttempts]: { schema: integerInput(3, 1, 100), example: '3' },
  [SmokeInput.ConsecutiveSuccesses]: { schema: integerInput(1, 1, 100), example: '1' },
  [SmokeInput.Concurrency]: { schema: integerInput(10, 1, 1000), example: '10' },
  [SmokeInput.Environment]: { schema: environmentInput, example: 'production' },
  [SmokeInput.ReportPath]: { schema: reportPathInput, example: DEFAULT_REPORT_PATH },
  [SmokeInput.FailOnError]: { schema: booleanInput(true), example: 'true' },
  [SmokeInput.ExpectedVersion]: {
    schema: expectedVersionInput,
    example: '${{ github.sha }}',
  },
  [SmokeInput.VersionFrom]: {
    schema: versionFromInput,
    example: 'header:x-app-version (or a JSON path: build.sha)',
  },
  [SmokeInput.Warmup]: { schema: durationInput('0'), example: '30s' },
} satisfies InputSpecs;

export type SmokeInputValues = ParsedInputs<typeof smokeInputSpecs>;

/** Header names whose values are masked and dropped on cross-origin redirects, besides Authorization/Cookie. */
const SENSITIVE_HEADER = /auth|token|secret|key|cookie|session|signature|password|credential/i;

/** Cross-field rules, after each input is valid on its own. */
export function checkSmokeInputs(inputs: SmokeInputValues): void {
  if (!inputs[SmokeInput.Urls].length && !inputs[SmokeInput.Probes]) {
    throw new ConfigurationError(
      `Input '${SmokeInput.Urls}' or '${SmokeInput.Probes}' is required: nothing to probe. Example: ${SmokeInput.Urls}: https://shop.example.com/healthz`,
    );
  }
  const expected = inputs[SmokeInput.ExpectedVersion];
  const from = inputs[SmokeInput.VersionFrom];
  // A probes file may say per probe where the version is (`versionFrom`); loading it names any http probe
  // that does not. Plain urls have nowhere else to say it.
  if (expected && !from && !inputs[SmokeInput.Probes]) {
    throw new ConfigurationError(
      `Input '${SmokeInput.VersionFrom}' is required when '${SmokeInput.ExpectedVersion}' is set: where do the probes report their version? Example: ${SmokeInput.VersionFrom}: header:x-app-version (or a JSON path such as build.sha; or versionFrom on each probe of a probes file)`,
    );
  }
  if (from && !expected) {
    throw new ConfigurationError(
      `Input '${SmokeInput.ExpectedVersion}' is required when '${SmokeInput.VersionFrom}' is set. Example: ${SmokeInput.ExpectedVersion}: \${{ github.sha }}`,
    );
  }
}

/** Values to mask and scrub: the token and the values of sensitive-looking headers. */
export function smokeSecrets(inputs: SmokeInputValues): string[] {
  const secrets: string[] = [];
  const token = inputs[SmokeInput.BearerToken];
  if (token) secrets.push(token);
  for (const [name, value] of Object.entries(inputs[SmokeInput.Headers])) {
    if (SENSITIVE_HEADER.test(name) && value) secrets.push(value);
  }
  return secrets;
}

/** A Redactor that knows every secret in the inputs (for text we write ourselves: report, summary). */
export function smokeRedactor(inputs: SmokeInputValues): Redactor {
  const redactor = new Redactor();
  for (const secret of smokeSecrets(inputs)) redactor.add(secret);
  return redactor;
}

/** Where and how to load the probes: `urls` and `probes` relative to the workspace, headers as defaults. */
export function smokeProbeOptions(
  inputs: SmokeInputValues,
  env: NodeJS.ProcessEnv = process.env,
  labels = { urls: `input '${SmokeInput.Urls}'`, probes: `input '${SmokeInput.Probes}'` },
): LoadProbesOptions {
  const headers: Record<string, string> = { ...inputs[SmokeInput.Headers] };
  const token = inputs[SmokeInput.BearerToken];
  if (token) headers.Authorization = `Bearer ${token}`;
  return {
    urls: inputs[SmokeInput.Urls],
    probesFile: inputs[SmokeInput.Probes],
    baseDir: env.GITHUB_WORKSPACE ?? process.cwd(),
    defaults: {
      headers,
      secretHeaders: Object.keys(inputs[SmokeInput.Headers]).filter((name) => SENSITIVE_HEADER.test(name)),
      expectedStatus: inputs[SmokeInput.ExpectedStatus],
      scenario: {
        expectedVersion: inputs[SmokeInput.ExpectedVersion],
        versionFrom: inputs[SmokeInput.VersionFrom],
      },
    },
    labels,
  };
}

export function smokePolicy(inputs: SmokeInputValues): SmokePolicyInput {
  return {
    timeoutMs: inputs[SmokeInput.Timeout],
    deadlineMs: inputs[SmokeInput.Deadline],
    maxAttempts: inputs[SmokeInput.MaxAttempts],
    consecutiveSuccesses: inputs[SmokeInput.ConsecutiveSuccesses],
    concurrency: inputs[SmokeInput.Concurrency],
    warmupMs: inputs[SmokeInput.Warmup],
  };
}

export function smokeReportPath(inputs: SmokeInputValues, env: NodeJS.ProcessEnv = process.env): string {
  return workspacePath(inputs[SmokeInput.ReportPath], env);
}

/**
 * Where a smoke step that could not run records why: `report-path` and `environment` as far as they are
 * valid on their own (the default report path otherwise; the report's environment is then `default`), so the gate's report still says it.
 */
export function smokeErrorTarget(
  inputs: SmokeInputValues | undefined,
  read: (name: string) => string = actionInputSource.read,
  env: NodeJS.ProcessEnv = process.env,
): { reportPath: string; environment: string | undefined } {
  if (inputs)
    return { reportPath: smokeReportPath(inputs, env), environment: inputs[SmokeInput.Environment] };
  const path = smokeInputSpecs[SmokeInput.ReportPath].schema.safeParse(read(SmokeInput.ReportPath));
  const environment = smokeInputSpecs[SmokeInput.Environment].schema.safeParse(read(SmokeInput.Environment));
  return {
    reportPath: workspacePath(path.success ? path.data : DEFAULT_REPORT_PATH, env),
    environment: environment.success ? environment.data : undefined,
  };
}

/** Masks every secret in the inputs with the runner (readInputs already masked the raw values). */
export function maskSmokeSecrets(inputs: SmokeInputValues): void {
  for (const secret of smokeSecrets(inputs)) core.setSecret(secret);
}

/** The step's environment for command probes, without the action's inputs (they hold the bearer token). */
export function commandEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !name.startsWith('INPUT_')) out[name] = value;
  }
  return out;
}

/**
 * The command runner for actions, built on `@actions/exec` (loaded on first use). @actions/exec has no
 * timeout or kill, so the timeout is raced: a command that overruns is reported as timed out and left to
 * the runner, which ends orphaned processes with the job; `leaked()` tells the caller to exit explicitly.
 */
export function actionsRunCommand(): RunCommand & { leaked(): boolean } {
  let leaked = false;
  const run: RunCommand = async (request: CommandRequest) => {
    const exec = await import('@actions/exec');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), request.timeoutMs);
    });
    const aborted = new Promise<'aborted'>((resolve) =>
      request.signal.addEventListener('abort', () => resolve('aborted'), { once: true }),
    );
    try {
      const outcome = await Promise.race([
        exec.getExecOutput(request.command, request.args, {
          silent: true,
          ignoreReturnCode: true,
          env: commandEnv(),
        }),
        timedOut,
        aborted,
      ]);
      if (outcome === 'timeout' || outcome === 'aborted') {
        leaked = true;
        return { exitCode: null, stdout: '', stderr: '', timedOut: outcome === 'timeout' };
      }
      return { exitCode: outcome.exitCode, stdout: outcome.stdout, stderr: outcome.stderr, timedOut: false };
    } catch (error) {
      return { exitCode: null, stdout: '', stderr: '', timedOut: false, error: (error as Error).message };
    } finally {
      clearTimeout(timer);
    }
  };
  return Object.assign(run, { leaked: () => leaked });
}
