import { resolve } from 'node:path';
import { loadCalibration, runDrillEvaluation, writeDrillOutputs } from '@release-actions/core/drill/index';
import { errorMessage } from '@release-actions/core/errors';
import { nowFlag, parseFlags, UsageError } from '../args.js';
import { USAGE_EXIT } from '../exit-codes.js';

const USAGE = `release-gate drill-evaluate [flags]

Evaluates a rollback drill: per environment drill_passed / attention_required / missing, the three
rollback-callback alert conditions over the receiver's event log, and calibration deltas. Writes
release-gate-drill-delta-report.{json,md} and appends one row to release-gate-drill-log.md.

Flags (mirror the action inputs):
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
  --json                    print the report JSON on stdout instead of the summary

Exit codes: 0 evaluated, 1 attention needed with --fail-on-attention (or the evaluation failed), 2 bad usage.`;

export async function run(argv: string[]): Promise<number> {
  let flags: ReturnType<typeof parse>;
  try {
    flags = parse(argv);
  } catch (error) {
    process.stderr.write(`release-gate drill-evaluate: ${errorMessage(error)}\n`);
    return USAGE_EXIT;
  }
  if (flags.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const now = nowFlag(flags.now);
    const path = (value: string | undefined) => (value ? resolve(value) : undefined);
    const calibration = await loadCalibration(flags.calibration, (file) => resolve(file)).catch((error) => {
      throw new UsageError(`--calibration: ${errorMessage(error)}`);
    });
    const report = await runDrillEvaluation({
      stagingPath: path(flags.staging),
      productionPath: path(flags.production),
      eventsPath: path(flags.events),
      calibration,
      owner: flags.owner,
      deltaApplied: flags['delta-applied'] ?? 'no',
      now,
    });
    const paths = await writeDrillOutputs(
      report,
      resolve(flags['out-dir'] ?? 'build-artifacts'),
      path(flags['previous-log']),
    );
    if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
      for (const env of [report.staging, report.production]) {
        process.stdout.write(`${env.slot}: ${env.status}\n`);
        for (const reason of env.reasons) process.stdout.write(`  - ${reason}\n`);
      }
      process.stdout.write(
        `alerts: ${report.firingAlerts.length ? report.firingAlerts.join(', ') : 'none'}\n`,
      );
      for (const delta of report.deltas)
        process.stdout.write(
          `delta ${delta.setting}: ${delta.current} -> ${delta.proposed} (${delta.reason})\n`,
        );
      for (const note of report.notes) process.stdout.write(`note: ${note}\n`);
      process.stdout.write(`report: ${paths.json}\nmarkdown: ${paths.markdown}\nlog: ${paths.log}\n`);
    }
    const unhealthy = [report.staging, report.production].some((env) => env.status !== 'drill_passed');
    return unhealthy && flags['fail-on-attention'] ? 1 : 0;
  } catch (error) {
    process.stderr.write(`release-gate drill-evaluate: ${errorMessage(error)}\n`);
    if (error instanceof UsageError) return USAGE_EXIT;
    return 1;
  }
}

function parse(argv: string[]) {
  return parseFlags(
    argv,
    {
      staging: { type: 'string' },
      production: { type: 'string' },
      events: { type: 'string' },
      calibration: { type: 'string' },
      owner: { type: 'string' },
      'delta-applied': { type: 'string' },
      'previous-log': { type: 'string' },
      'out-dir': { type: 'string' },
      now: { type: 'string' },
      'fail-on-attention': { type: 'boolean' },
      json: { type: 'boolean' },
    },
    USAGE,
  ).values;
}
