import { resolve } from 'node:path';
import {
  checkProbeWindows,
  commandProbeEnv,
  commandRunner,
  errorMessage,
  formatDuration,
  type InputSpecs,
  loadProbes,
  maskSmokeSecrets,
  orderForSummary,
  type ProbeResult,
  parseInputs,
  type RunCommand,
  recordSmokeSection,
  runSecrets,
  runSmoke,
  type SmokeInputValues,
  type SmokeProgress,
  type SmokeSection,
  smokeLogLine,
  smokePolicy,
  smokeProbeOptions,
  smokeRedactor,
  smokeSpec,
  smokeTemplateValues,
} from '@release-actions/core';
import { type ArgOptions, flagSource } from '../args.js';
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
  --watch <duration>             bake time: re-run each probe that passed for this long, default 0 (off)
  --watch-interval <duration>    between re-runs in the bake window, default 10s
  --watch-failure-limit <n>      failed re-runs allowed in the bake window, default 0
  --version <version>            {{ version }} in metric probe queries
  --sha <sha>                    {{ sha }} in metric probe queries (default env GITHUB_SHA)

Exit codes: 0 passed, 1 a probe failed, 2 bad usage.`;

/** CLI-only spellings that repeat: each `--url` joins `--urls`, each `--header` joins `--headers`. */
const REPEATED = { url: 'urls', header: 'headers' } as const;

/**
 * The smoke inputs as flags (`flagSource`), plus the repeatable `--url` and `--header`. Also for commands
 * that re-run the probes with the smoke flags (any spec that includes the smoke inputs).
 */
export function smokeFlagSource(
  argv: string[],
  inputs: InputSpecs,
  usage: string,
  env: NodeJS.ProcessEnv = process.env,
  extra: ArgOptions = {},
): ReturnType<typeof flagSource> {
  const repeatable = Object.fromEntries(
    Object.keys(REPEATED).map((flag) => [flag, { type: 'string', multiple: true } as const]),
  );
  const flags = flagSource(argv, inputs, usage, env, { ...extra, ...repeatable });
  const read = (name: string): string => {
    const repeated = Object.entries(REPEATED).flatMap(([flag, input]) =>
      input === name ? ((flags.values[flag] as string[] | undefined) ?? []) : [],
    );
    return [...repeated, flags.source.read(name)].filter((value) => value !== '').join('\n');
  };
  // Errors name the flag the user typed: `--url` when only the repeatable spelling was given.
  const given = (input: string) => {
    const flag = Object.entries(REPEATED).find(([, target]) => target === input)?.[0];
    return flag && flags.values[flag] !== undefined && flags.values[input] === undefined ? flag : input;
  };
  const describe = (name: string) => flags.source.describe(given(name));
  const example = (name: string, value: string) =>
    given(name) === name
      ? flags.source.example(name, value)
      : flags.source.example(given(name), value.split(',')[0]!.trim());
  return { ...flags, source: { ...flags.source, read, describe, example } };
}

export async function run(argv: string[]): Promise<number> {
  let inputs: SmokeInputValues;
  try {
    const flags = smokeFlagSource(argv, smokeSpec.inputs, USAGE);
    if (flags.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    inputs = parseInputs(smokeSpec, flags.source);
    maskSmokeSecrets(inputs, (secret) => runSecrets.add(secret, 'token'));
  } catch (error) {
    const message = errorMessage(error);
    const hint = message.includes(USAGE) ? '' : "\n\nRun 'release-gate smoke --help' for the flags.";
    process.stderr.write(`release-gate smoke: ${message}${hint}\n`);
    return USAGE_EXIT;
  }
  return smoke(inputs);
}

async function smoke(inputs: SmokeInputValues): Promise<number> {
  const cwd = process.cwd();
  const env = { ...process.env, GITHUB_WORKSPACE: cwd };
  let probes: Awaited<ReturnType<typeof loadProbes>>;
  try {
    probes = await loadProbes(
      smokeProbeOptions(inputs, env, {
        urls: '--urls/--url',
        probes: '--probes',
        base: 'the current directory',
      }),
    );
    checkProbeWindows(probes, smokePolicy(inputs));
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
      onSecret: (value) => runSecrets.add(value, 'token'),
      env,
      templates: smokeTemplateValues(inputs, env),
      onProbeDone: (result, progress) => {
        if (live) live.update(result, progress);
        else process.stderr.write(`[${progress.done}/${progress.total}] ${smokeLogLine(result)}\n`);
      },
    });
    live?.end();
    const reportPath = resolve(cwd, inputs['report-path']);
    await recordSmokeSection({ reportPath, environment: inputs.environment }, section, env);
    process.stdout.write(`${renderSmokeText(section)}\nreport: ${reportPath}\n`);
    if (section.cancelled) return 130;
    if (section.result === 'error') {
      process.stderr.write(`release-gate smoke: could not judge: ${section.error}\n`);
      return USAGE_EXIT;
    }
    if (section.result === 'failed' && inputs['fail-on-error']) return 1;
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
