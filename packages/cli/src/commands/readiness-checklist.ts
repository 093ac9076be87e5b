import { resolve } from 'node:path';
import { durationSchema } from '@release-actions/core/duration';
import { errorMessage } from '@release-actions/core/errors';
import {
  decisionMarkdown,
  evaluateReadiness,
  loadChecklist,
  writeDecisionRecord,
} from '@release-actions/core/readiness/index';
import { nowFlag, parseFlags, UsageError } from '../args.js';
import { USAGE_EXIT } from '../exit-codes.js';

const USAGE = `release-gate readiness [flags]

The go/no-go gate: built-in rules (target is the main branch, owners named, rollback ref set, latest
smoke passed, last drill fresh and passed) plus the evidence your checklist requires. Writes
release-gate-readiness-decision.{json,md}. Exit 0 on GO, 1 on NO-GO, 2 on bad usage.

Flags (mirror the action inputs):
  --checklist <file>            checklist (YAML or JSON)
  --target-ref <ref>            ref about to be promoted (e.g. refs/heads/main, v1.5.0)
  --release-owner <name>        release owner
  --rollback-owner <name>       rollback owner
  --rollback-ref <ref>          ref a rollback would deploy
  --main-branch <name>          default: main
  --release-tag-pattern <glob>  tags allowed as target, e.g. 'v*'
  --report <path>               latest release-gate report (default: release-gate/report.json)
  --report-max-age <duration>   default: 7d
  --drill-report <path>         drill delta report (default: build-artifacts/release-gate-drill-delta-report.json)
  --artifacts-dir <dir>         folder holding downloaded artifacts (default: current directory)
  --out-dir <dir>               where the decision record goes (default: build-artifacts)
  --now <iso>                   decision time (default: now)
  --json                        print the decision record JSON instead of markdown`;

export async function run(argv: string[]): Promise<number> {
  let flags: ReturnType<typeof parse>;
  try {
    flags = parse(argv);
  } catch (error) {
    process.stderr.write(`release-gate readiness: ${errorMessage(error)}\n`);
    return USAGE_EXIT;
  }
  if (flags.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const now = nowFlag(flags.now);
    const maxAge = durationSchema.safeParse(flags['report-max-age'] ?? '7d');
    if (!maxAge.success) throw new UsageError(`--report-max-age: ${maxAge.error.issues[0]?.message}`);
    const checklist = flags.checklist
      ? await loadChecklist(resolve(flags.checklist)).catch((error) => {
          throw new UsageError(errorMessage(error));
        })
      : undefined;
    const workspace = process.cwd();
    const record = await evaluateReadiness({
      checklist,
      checklistPath: flags.checklist,
      facts: {
        targetRef: flags['target-ref'],
        releaseOwner: flags['release-owner'],
        rollbackOwner: flags['rollback-owner'],
        rollbackRef: flags['rollback-ref'],
        mainBranch: flags['main-branch'],
        releaseTagPattern: flags['release-tag-pattern'],
      },
      reportPath: flags.report ?? 'release-gate/report.json',
      reportMaxAgeMs: maxAge.data,
      evidencePaths: { drillDeltaReport: flags['drill-report'] },
      workspace,
      artifactsDir: flags['artifacts-dir'] ? resolve(flags['artifacts-dir']) : workspace,
      now,
    });
    const paths = await writeDecisionRecord(record, resolve(flags['out-dir'] ?? 'build-artifacts'));
    process.stdout.write(
      flags.json
        ? `${JSON.stringify(record, null, 2)}\n`
        : `${decisionMarkdown(record)}\nrecord: ${paths.json}\n`,
    );
    return record.decision === 'GO' ? 0 : 1;
  } catch (error) {
    process.stderr.write(`release-gate readiness: ${errorMessage(error)}\n`);
    return error instanceof UsageError ? USAGE_EXIT : 1;
  }
}

function parse(argv: string[]) {
  return parseFlags(
    argv,
    {
      checklist: { type: 'string' },
      'target-ref': { type: 'string' },
      'release-owner': { type: 'string' },
      'rollback-owner': { type: 'string' },
      'rollback-ref': { type: 'string' },
      'main-branch': { type: 'string' },
      'release-tag-pattern': { type: 'string' },
      report: { type: 'string' },
      'report-max-age': { type: 'string' },
      'drill-report': { type: 'string' },
      'artifacts-dir': { type: 'string' },
      'out-dir': { type: 'string' },
      now: { type: 'string' },
      json: { type: 'boolean' },
    },
    USAGE,
  ).values;
}
