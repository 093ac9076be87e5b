import { resolve } from 'node:path';
import { ConfigurationError, finalizeGate, formatDuration, gateSummaryMarkdown } from '@release-actions/core';
import { VERSION } from '@release-actions/core/version';
import { parseFlags } from '../args.js';
import { USAGE_EXIT } from '../exit-codes.js';

const USAGE = `release-gate report [flags]

Finalises a release gate, as the report action does: decides the verdict (promote or blocked, with
reasons), writes the evidence bundle beside the report (manifest.json with sha256, summary.json,
summary.md, the release log), and prints where. It does not upload (the action does).

Flags (mirroring the action's inputs):
  --report-path <file>    merged report (default release-gate/report.json)
  --evidence <pattern>    extra evidence path or glob, repeatable (copied into evidence/ and digested)
  --previous-log <file>   previous release-log.tsv to extend
  --owner <name>          release owner in the log (default: the run's actor, or $USER)
  --workspace <dir>       root for evidence patterns (default: current folder)
  --allow-missing-smoke   a report without smoke may promote (require-smoke: false)
  --allow-blocked         exit 0 even when blocked (the action's fail-on-blocked: false)
  --json                  print summary.json instead of text

Exit codes: 0 promote, 1 blocked, 2 bad usage or an unreadable report (file and field named).`;

export async function run(argv: string[]): Promise<number> {
  try {
    const { values } = parseFlags(
      argv,
      {
        'report-path': { type: 'string', default: 'release-gate/report.json' },
        evidence: { type: 'string', multiple: true },
        'previous-log': { type: 'string' },
        owner: { type: 'string' },
        workspace: { type: 'string' },
        'allow-missing-smoke': { type: 'boolean' },
        'allow-blocked': { type: 'boolean' },
        json: { type: 'boolean' },
      },
      USAGE,
    );
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const workspace = resolve(values.workspace ?? process.cwd());
    const result = await finalizeGate({
      reportPath: resolve(workspace, values['report-path'] as string),
      workspace,
      evidence: (values.evidence as string[] | undefined) ?? [],
      previousLog: values['previous-log'] ? resolve(workspace, values['previous-log'] as string) : undefined,
      owner: (values.owner as string | undefined) ?? process.env.USER,
      requireSmoke: !values['allow-missing-smoke'],
      generatedBy: `release-actions/${VERSION}`,
      summaryMarkdown: (report, logRows) => gateSummaryMarkdown({ report, logRows }),
    });
    const { verdict, summary } = result;
    if (values.json) {
      process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    } else {
      const lines = [
        `verdict: ${verdict.value} (${summary.service} ${summary.version ?? ''} -> ${summary.environment}, ${formatDuration(summary.durationMs)})`,
        ...verdict.reasons.map((reason) => `  - ${reason}`),
        `evidence bundle: ${result.bundleDir} (${result.files.length} files; check with: release-gate verify-evidence ${result.bundleDir})`,
        `gate summary:    ${result.bundleDir}/summary.md`,
        `release log:     ${result.bundleDir}/release-log.tsv (${result.logRows.length} rows)`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return verdict.value === 'promote' || values['allow-blocked'] ? 0 : 1;
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`release-gate report: ${error.message}\n`);
      return USAGE_EXIT;
    }
    throw error;
  }
}
