import {
  decisionMarkdown,
  enforceReadiness,
  parseInputs,
  READINESS_CHECKLIST_GITHUB_ONLY,
  readinessChecklist,
  readinessChecklistSpec,
} from '@release-actions/core';
import { flagSource } from '../args.js';
import { refuseGitHubOnly } from '../github-only.js';

const USAGE = `release-gate readiness-checklist [flags]   (also: release-gate readiness)

The go/no-go gate: built-in rules (target is the main branch, owners named, rollback ref set, latest
smoke passed, last drill fresh and passed) plus the evidence your checklist requires. Writes
release-gate-readiness-decision.{json,md}. Exit 0 on GO, 1 on NO-GO, 2 on bad usage or an unreadable file.

Flags (the action's inputs):
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
CLI only:
  --json                        print the decision record JSON instead of markdown
The inputs that act on GitHub (${READINESS_CHECKLIST_GITHUB_ONLY.join(', ')}) are the action's only.`;

export async function run(argv: string[]): Promise<number> {
  const flags = flagSource(argv, readinessChecklistSpec.inputs, USAGE, process.env, {
    json: { type: 'boolean' },
  });
  if (flags.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  refuseGitHubOnly(flags.values, READINESS_CHECKLIST_GITHUB_ONLY, 'readiness-checklist');
  const inputs = parseInputs(readinessChecklistSpec, flags.source);
  const { record, paths } = await readinessChecklist({
    workspace: process.cwd(),
    checklist: inputs.checklist,
    facts: {
      targetRef: inputs['target-ref'],
      releaseOwner: inputs['release-owner'],
      rollbackOwner: inputs['rollback-owner'],
      rollbackRef: inputs['rollback-ref'],
      mainBranch: inputs['main-branch'],
      releaseTagPattern: inputs['release-tag-pattern'],
    },
    report: inputs.report,
    reportMaxAgeMs: inputs['report-max-age'],
    drillReport: inputs['drill-report'],
    artifactsDir: inputs['artifacts-dir'],
    outDir: inputs['out-dir'],
    now: inputs.now,
  });
  process.stdout.write(
    flags.values.json
      ? `${JSON.stringify(record, null, 2)}\n`
      : `${decisionMarkdown(record)}\nrecord: ${paths.json}\n`,
  );
  enforceReadiness(record);
  return 0;
}
