import {
  consoleLogger,
  DRILL_EVALUATE_GITHUB_ONLY,
  drillEvaluate,
  drillEvaluateSpec,
  enforceDrillAttention,
  parseInputs,
} from '@release-actions/core';
import { flagSource } from '../args.js';
import { refuseGitHubOnly } from '../github-only.js';

const USAGE = `release-gate drill-evaluate [flags]

Evaluates a rollback drill: per environment drill_passed / attention_required / missing, the three
rollback-callback alert conditions over the receiver's event log, and calibration deltas. Writes
release-gate-drill-delta-report.{json,md} and appends one row to release-gate-drill-log.md.

Flags (the action's inputs):
  --staging <path>          staging release-gate report of the drill (no file: missing)
  --production <path>       production release-gate report of the drill (no file: missing)
  --events <path>           the receiver's JSON-lines event log (streamed)
  --calibration <file|yaml> calibration file or inline YAML/JSON (default: built-in defaults)
  --owner <name>            drill owner for the report and log
  --delta-applied <text>    recorded in the log row (default: no)
  --previous-log <path>     drill log to extend (default: the one in --out-dir, if any)
  --out-dir <dir>           output folder (default: build-artifacts)
  --now <iso>               evaluation time (default: now)
  --fail-on-attention       exit 1 when an environment is not drill_passed
CLI only:
  --json                    print the report JSON on stdout instead of the summary
The inputs that act on GitHub (${DRILL_EVALUATE_GITHUB_ONLY.join(', ')}) are the action's only.

Exit codes: 0 evaluated, 1 attention needed with --fail-on-attention, 2 bad usage or an unreadable file.`;

export async function run(argv: string[]): Promise<number> {
  const flags = flagSource(argv, drillEvaluateSpec.inputs, USAGE, process.env, { json: { type: 'boolean' } });
  if (flags.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  refuseGitHubOnly(flags.values, DRILL_EVALUATE_GITHUB_ONLY, 'drill-evaluate');
  const inputs = parseInputs(drillEvaluateSpec, flags.source);
  const { report, paths } = await drillEvaluate({
    workspace: process.cwd(),
    staging: inputs.staging,
    production: inputs.production,
    events: inputs.events,
    calibration: inputs.calibration,
    owner: inputs.owner,
    deltaApplied: inputs['delta-applied'],
    now: inputs.now,
    outDir: inputs['out-dir'],
    previousLog: inputs['previous-log'],
    logger: consoleLogger(),
  });
  if (flags.values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    for (const env of [report.staging, report.production]) {
      process.stdout.write(`${env.slot}: ${env.status}\n`);
      for (const reason of env.reasons) process.stdout.write(`  - ${reason}\n`);
    }
    process.stdout.write(`alerts: ${report.firingAlerts.length ? report.firingAlerts.join(', ') : 'none'}\n`);
    for (const delta of report.deltas)
      process.stdout.write(
        `delta ${delta.setting}: ${delta.current} -> ${delta.proposed} (${delta.reason})\n`,
      );
    for (const note of report.notes) process.stdout.write(`note: ${note}\n`);
    process.stdout.write(`report: ${paths.json}\nmarkdown: ${paths.markdown}\nlog: ${paths.log}\n`);
  }
  enforceDrillAttention(report, inputs['fail-on-attention']);
  return 0;
}
