import { resolve } from 'node:path';
import {
  ConfigurationError,
  errorMessage,
  formatDuration,
  orderForSummary,
  reportIdentity,
  smokeLogLine,
} from '@release-actions/core';
import {
  loadProbes,
  type RunCommand,
  runSmoke,
  type SmokeProgress,
} from '@release-actions/core/probes/index';
import { commandRunner } from '@release-actions/core/process/command-runner';
import { mergeReportSection } from '@release-actions/core/report/file';
import type { ProbeResult, SmokeSection } from '@release-actions/core/report/smoke-section';
import {
  commandProbeEnv,
  SmokeInput,
  type SmokeInputValues,
  smokeInputSpecs,
  smokePolicy,
  smokeProbeOptions,
  smokeRedactor,
} from '@release-actions/core/specs/smoke';
import { parseFlags } from '../args.js';
import { USAGE_EXIT } from '../exit-codes.js';

const USAGE = `release-gate smoke --url <url> [--url <url> ...] | --urls <list> | --probes <file> [flags]

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

Exit codes: 0 passed, 1 a probe failed, 2 bad usage.`;

/** Flags mirror the action's inputs (same names, same validation); --url and --header repeat. */
const FLAGS = {
  url: { type: 'string', multiple: true },
  header: { type: 'string', multiple: true },
  ...Object.fromEntries(Object.values(SmokeInput).map((name) => [name, { type: 'string' }])),
} as const;

export async function run(argv: string[]): Promise<number> {
  let inputs: SmokeInputValues;
  try {
    const parsed = parseFlags(argv, FLAGS as Record<string, { type: 'string'; multiple?: boolean }>, USAGE);
    if (parsed.values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    inputs = readFlags(parsed.values as Record<string, string | string[] | undefined>);
    if (!inputs[SmokeInput.Urls].length && !inputs[SmokeInput.Probes]) {
      throw new ConfigurationError(
        'nothing to probe: give --url, --urls or --probes. Example: --url https://shop.example.com/healthz',
      );
    }
  } catch (error) {
    const message = errorMessage(error);
    const hint = message.includes(USAGE) ? '' : "\n\nRun 'release-gate smoke --help' for the flags.";
    process.stderr.write(`release-gate smoke: ${message}${hint}\n`);
    return USAGE_EXIT;
  }
  return smoke(inputs);
}

/** Validates flag values with the action's input schemas; the message names the flag and an example. */
function readFlags(values: Record<string, string | string[] | undefined>): SmokeInputValues {
  const raw = (name: string): string => {
    const value = values[name];
    if (name === SmokeInput.Urls)
      return [...((values.url as string[] | undefined) ?? []), ...(value ? [value as string] : [])].join(
        '\n',
      );
    if (name === SmokeInput.Headers)
      return [...((values.header as string[] | undefined) ?? []), ...(value ? [value as string] : [])].join(
        '\n',
      );
    if (name === SmokeInput.BearerToken)
      return (value as string | undefined) ?? process.env.RELEASE_GATE_BEARER_TOKEN ?? '';
    return ((value as string | undefined) ?? '').trim();
  };
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(smokeInputSpecs)) {
    const parsed = spec.schema.safeParse(raw(name));
    if (parsed.success) out[name] = parsed.data;
    else {
      const shown = 'secret' in spec && spec.secret ? '' : ` '${raw(name)}'`;
      const message = parsed.error.issues.map((issue) => issue.message).join('; ');
      problems.push(`--${name}${shown} is invalid: ${message}. Example: --${name} ${spec.example}`);
    }
  }
  if (problems.length) throw new ConfigurationError(problems.join('\n'));
  return out as SmokeInputValues;
}

async function smoke(inputs: SmokeInputValues): Promise<number> {
  const cwd = process.cwd();
  const env = { ...process.env, GITHUB_WORKSPACE: cwd };
  let probes: Awaited<ReturnType<typeof loadProbes>>;
  try {
    probes = await loadProbes(smokeProbeOptions(inputs, env, { urls: '--urls/--url', probes: '--probes' }));
  } catch (error) {
    process.stderr.write(`release-gate smoke: ${errorMessage(error)}\n`);
    return USAGE_EXIT;
  }
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const live = process.stderr.isTTY ? progressLine() : undefined;
  try {
    const policy = smokePolicy(inputs);
    process.stderr.write(
      `smoking ${probes.length} probe(s): timeout ${formatDuration(policy.timeoutMs!)}, ${policy.maxAttempts} attempts, deadline ${formatDuration(policy.deadlineMs!)}\n`,
    );
    const section = await runSmoke(probes, policy, {
      runCommand: cliRunCommand,
      signal: controller.signal,
      redactor: smokeRedactor(inputs),
      onProbeDone: (result, progress) => {
        if (live) live.update(result, progress);
        else process.stderr.write(`[${progress.done}/${progress.total}] ${smokeLogLine(result)}\n`);
      },
    });
    live?.end();
    const reportPath = resolve(cwd, inputs[SmokeInput.ReportPath]);
    await mergeReportSection(
      reportPath,
      reportIdentity({ environment: inputs[SmokeInput.Environment] ?? 'default' }, env),
      'smoke',
      section,
    );
    process.stdout.write(`${renderSmokeText(section)}\nreport: ${reportPath}\n`);
    if (section.cancelled) return 130;
    if (section.result === 'failed' && inputs[SmokeInput.FailOnError]) return 1;
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** A terminal rendering of the section: headline, then one line per probe, failures first. */
export function renderSmokeText(section: SmokeSection, limit = 50): string {
  const total = section.probes.length;
  const headline =
    section.result === 'passed'
      ? `smoke passed: ${section.passedCount} of ${total} probes passed in ${formatDuration(section.durationMs)}`
      : `smoke FAILED: ${section.failedCount} of ${total} probes failed in ${formatDuration(section.durationMs)}`;
  const ordered = orderForSummary(section.probes);
  const lines = ordered.slice(0, limit).map((probe) => `  ${probeLine(probe)}`);
  if (ordered.length > limit) lines.push(`  ... ${ordered.length - limit} more in the report`);
  const captured = Object.entries(section.captured);
  if (captured.length) lines.push(`  captured: ${captured.map(([k, v]) => `${k}=${v}`).join(', ')}`);
  return `${headline}\n${lines.join('\n')}`;
}

function probeLine(probe: ProbeResult): string {
  const latency = probe.latency
    ? `p50 ${formatDuration(probe.latency.p50Ms)} p95 ${formatDuration(probe.latency.p95Ms)}`
    : '';
  const tag = probe.dryRun && probe.verdict === 'failed' ? ' (dry run)' : '';
  const warn = probe.warnings.filter((w) => !w.startsWith('dryRun:'));
  const mark = probe.verdict === 'passed' ? '✔' : probe.dryRun ? '~' : '✘';
  const failures = probe.failures.length > 1 ? probe.failures.map((f) => `\n      - ${f}`).join('') : '';
  return `${mark} ${probe.name}${tag}  ${probe.reason}${warn.length ? ` [${warn.join('; ')}]` : ''}  attempts ${probe.attempts}${latency ? `  ${latency}` : ''}${failures}`;
}

function progressLine() {
  return {
    update(result: ProbeResult, progress: SmokeProgress) {
      const line = `[${progress.done}/${progress.total}] ${progress.passed} passed, ${progress.failed} failed · ${result.name}`;
      process.stderr.write(`\r\x1b[2K${line.slice(0, (process.stderr.columns || 100) - 1)}`);
    },
    end() {
      process.stderr.write('\r\x1b[2K');
    },
  };
}

/** The CLI's command runner: kills a command (and what it started) at its timeout or on Ctrl-C. */
export const cliRunCommand: RunCommand = commandRunner({ env: commandProbeEnv() });
