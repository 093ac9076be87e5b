import * as z from 'zod';
import { evidenceResultSchema } from './evidence.js';

export const DECISION_SCHEMA_VERSION = 1;
export const DECISION_KIND = 'release-gate-readiness-decision';

export const ruleResultSchema = z.object({
  id: z.string(),
  kind: z.enum(['fact', 'evidence', 'report-check']),
  description: z.string(),
  /** `off`: turned off explicitly in the checklist (`rules: { <id>: false }`). */
  status: z.enum(['passed', 'failed', 'off']),
  reason: z.string(),
  evidence: z.array(evidenceResultSchema),
});
export type RuleResult = z.infer<typeof ruleResultSchema>;

/** The decision record: every rule, its evidence, pass or fail, owners and refs. */
export const readinessDecisionSchema = z.object({
  schemaVersion: z.literal(DECISION_SCHEMA_VERSION),
  kind: z.literal(DECISION_KIND),
  decision: z.enum(['GO', 'NO-GO']),
  decidedAt: z.string(),
  targetRef: z.string().nullable(),
  mainBranch: z.string(),
  releaseTagPattern: z.string().nullable(),
  releaseOwner: z.string().nullable(),
  rollbackOwner: z.string().nullable(),
  rollbackRef: z.string().nullable(),
  checklist: z.string().nullable(),
  reportPath: z.string().nullable(),
  rules: z.array(ruleResultSchema),
  failedRules: z.array(z.object({ id: z.string(), reason: z.string() })),
  rulesOff: z.array(z.string()),
});
export type ReadinessDecision = z.infer<typeof readinessDecisionSchema>;

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** The decision record as markdown (also the step summary): failed rules first. */
export function decisionMarkdown(record: ReadinessDecision): string {
  const icon = { passed: '✅ pass', failed: '❌ FAIL', off: '⏸️ off' } as const;
  const order = { failed: 0, passed: 1, off: 2 } as const;
  const rows = [...record.rules].sort((a, b) => order[a.status] - order[b.status]);
  const lines = [
    `# Readiness: ${record.decision === 'GO' ? '✅ GO' : '⛔ NO-GO'}`,
    '',
    `Decided ${record.decidedAt} (UTC) for target \`${record.targetRef ?? '(none)'}\`.`,
    '',
    '| Fact | Value |',
    '| --- | --- |',
    `| Target ref | ${cell(record.targetRef ?? '(not given)')} |`,
    `| Main branch | ${cell(record.mainBranch)} |`,
    `| Release tag pattern | ${cell(record.releaseTagPattern ?? '(none)')} |`,
    `| Release owner | ${cell(record.releaseOwner ?? '(not named)')} |`,
    `| Rollback owner | ${cell(record.rollbackOwner ?? '(not named)')} |`,
    `| Rollback ref | ${cell(record.rollbackRef ?? '(not set)')} |`,
    `| Checklist | ${cell(record.checklist ?? '(none: built-in rules only)')} |`,
    '',
    '| Rule | Result | Reason | Evidence |',
    '| --- | --- | --- | --- |',
    ...rows.map((rule) => {
      const evidence = rule.evidence
        .map(
          (item) =>
            `${item.name}: ${item.status}${item.timestamp ? ` (${item.timestampField} ${item.timestamp})` : ''} ${item.source}`,
        )
        .join('; ');
      return `| ${cell(rule.id)} | ${icon[rule.status]} | ${cell(rule.reason)} | ${cell(evidence || '-')} |`;
    }),
    '',
  ];
  if (record.rulesOff.length)
    lines.push(
      `Rules turned off in the checklist: ${record.rulesOff.map((id) => `\`${id}\``).join(', ')}.`,
      '',
    );
  return lines.join('\n');
}
