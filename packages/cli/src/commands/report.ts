import { resolve } from 'node:path';
import {
  ConfigurationError,
  consoleLogger,
  enforceVerdict,
  finalizeGate,
  formatDuration,
  gateSummaryMarkdown,
  parseInputs,
  RELEASE_LOG_FILE,
  REPORT_GITHUB_ONLY,
  type ReportInput,
  reportSpec,
  SUMMARY_MARKDOWN_FILE,
  VERSION,
} from '@release-actions/core';
import { flagSource } from '../args.js';
import { refuseGitHubOnly } from '../github-only.js';

const USAGE = `release-gate report [flags]

Finalises a release gate, as the report action does: decides the verdict (promote or blocked, with
reasons), writes the evidence bundle beside the report (manifest.json with sha256, summary.json,
summary.md, the release log), and prints where. It does not upload (the action does).

Flags (the action's inputs):
  --report-path <file>        merged report (default release-gate/report.json)
  --evidence <pattern>        extra evidence path or glob, repeatable (copied into evidence/ and digested)
  --previous-log <file>       previous release-log.tsv to extend
  --owner <name>              release owner in the log (default: the run's actor, or $USER)
  --require-smoke <bool>      a report without smoke never promotes (default true)
  --fail-on-blocked <bool>    exit 1 when blocked (default true here; the action's default is false)
CLI only:
  --workspace <dir>           root for relative paths and evidence patterns (default: current folder)
  --allow-missing-smoke       the same as --require-smoke false
  --allow-blocked             the same as --fail-on-blocked false
  --json                      print summary.json instead of text
The inputs that act on GitHub (${REPORT_GITHUB_ONLY.join(', ')}) are the action's only.

Exit codes: 0 promote, 1 blocked, 2 bad usage or an unreadable report (file and field named).`;

const CLI_FLAGS = {
  workspace: { type: 'string' },
  'allow-missing-smoke': { type: 'boolean' },
  'allow-blocked': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

/** The CLI's shorthand switches, each the input it sets to false. */
const SHORTHANDS = {
  'allow-missing-smoke': 'require-smoke',
  'allow-blocked': 'fail-on-blocked',
} as const satisfies Record<string, ReportInput>;

type FlagValues = ReturnType<typeof flagSource>['values'];

/**
 * What the CLI reads for an input given by no flag: the shorthands, and `fail-on-blocked` true, since a
 * command's exit code is its gate (the action fails last, in its own step, when asked to).
 */
function cliDefault(name: string, values: FlagValues): string {
  if (name === SHORTHANDS['allow-missing-smoke']) return values['allow-missing-smoke'] ? 'false' : '';
  if (name === SHORTHANDS['allow-blocked']) return values['allow-blocked'] ? 'false' : 'true';
  return '';
}

export async function run(argv: string[]): Promise<number> {
  const flags = flagSource(argv, reportSpec.inputs, USAGE, process.env, CLI_FLAGS);
  if (flags.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  refuseGitHubOnly(flags.values, REPORT_GITHUB_ONLY, 'report');
  for (const [shorthand, input] of Object.entries(SHORTHANDS)) {
    if (flags.values[shorthand] && flags.values[input] !== undefined)
      throw new ConfigurationError(`--${shorthand} is --${input} false: give one of them`);
  }
  const inputs = parseInputs(reportSpec, {
    ...flags.source,
    read: (name) => flags.source.read(name) || cliDefault(name, flags.values),
  });
  const workspace = resolve((flags.values.workspace as string | undefined) ?? process.cwd());
  const logger = consoleLogger();
  const previousLog = inputs['previous-log'];
  const result = await finalizeGate({
    reportPath: resolve(workspace, inputs['report-path']),
    workspace,
    evidence: inputs.evidence,
    previousLog: previousLog ? resolve(workspace, previousLog) : undefined,
    owner: inputs.owner ?? process.env.USER,
    requireSmoke: inputs['require-smoke'],
    generatedBy: `release-actions/${VERSION}`,
    logger,
    summaryMarkdown: (report, logRows) => gateSummaryMarkdown({ report, logRows }),
  });
  const { verdict, summary } = result;
  if (flags.values.json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    const lines = [
      `verdict: ${verdict.value} (${summary.service} ${summary.version ?? ''} -> ${summary.environment}, ${formatDuration(summary.durationMs)})`,
      ...verdict.reasons.map((reason) => `  - ${reason}`),
      `evidence bundle: ${result.bundleDir} (${result.files.length} files; check with: release-gate verify-evidence ${result.bundleDir})`,
      `gate summary:    ${result.bundleDir}/${SUMMARY_MARKDOWN_FILE}`,
      `release log:     ${result.bundleDir}/${RELEASE_LOG_FILE} (${result.logRows.length} rows)`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  enforceVerdict(verdict, inputs['fail-on-blocked'], logger);
  return 0;
}
