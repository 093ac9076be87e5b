import { formatDuration } from '../duration.js';
import { formatLatency, formatRate } from './load-calibration.js';
import type {
  EvidenceReport,
  LoadCalibrationReport,
  ReceiverDrillReport,
  ReceiverValidationReport,
} from './schemas.js';

const cell = (text: string | number | null) =>
  text === null ? '-' : String(text).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');

function table(header: string[], rows: Array<Array<string | number | null>>): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

const mark = (status: string) =>
  status === 'passed' || status === 'delivered' ? '✅' : status === 'skipped' ? '⏭️' : '❌';
const ms = (value: number | null) => (value === null ? null : `${value}ms`);

export function renderReceiverValidation(report: ReceiverValidationReport): string {
  const failed = report.checks.filter((c) => c.status === 'failed');
  const skipped = report.checks.filter((c) => c.status === 'skipped').map((c) => c.name);
  const headline = {
    passed: `✅ Receiver validation passed: ${report.summary.passed} checks passed`,
    partial: `⚠️ Receiver validation partial: ${report.summary.passed} checks passed, not proved: ${skipped.join(', ')}`,
    failed: `❌ Receiver validation failed: ${failed.map((c) => c.name).join(', ')}`,
  }[report.status];
  const ordered = [...failed, ...report.checks.filter((c) => c.status !== 'failed')];
  return [
    '## Receiver validation',
    '',
    `**${headline}**`,
    '',
    `Receiver \`${report.receiver.url}\`${report.receiver.metricsUrl ? `, metrics \`${report.receiver.metricsUrl}\`` : ' (no metrics URL: counting checks skipped)'}; generated ${report.generatedAt}.`,
    '',
    table(
      ['', 'check', 'expected', 'observed', 'latency', 'detail'],
      ordered.map((c) => [mark(c.status), c.name, c.expected, c.observed, ms(c.latencyMs), c.detail ?? '']),
    ),
    '',
    report.latency
      ? `Latency per call: min ${report.latency.minMs}ms, mean ${report.latency.meanMs}ms, max ${report.latency.maxMs}ms.`
      : '',
    '',
  ].join('\n');
}

export function renderReceiverDrill(report: ReceiverDrillReport): string {
  const headline =
    report.status === 'passed'
      ? `✅ Receiver drill passed: ${report.summary.delivered} of ${report.environments.length} environments confirmed`
      : `❌ Receiver drill failed: ${report.summary.failedEnvironments.join(', ')} not confirmed`;
  const sources = [
    report.receiver.metricsUrl ? 'metrics' : null,
    report.receiver.eventLog ? 'event log' : null,
  ]
    .filter(Boolean)
    .join(' and ');
  const ordered = [
    ...report.environments.filter((e) => e.outcome !== 'delivered'),
    ...report.environments.filter((e) => e.outcome === 'delivered'),
  ];
  return [
    '## Receiver drill',
    '',
    `**${headline}**`,
    '',
    `Receiver \`${report.receiver.url}\`; arrival confirmed through ${sources} within ${formatDuration(report.deadlineMs)}; generated ${report.generatedAt}.`,
    '',
    table(
      ['', 'environment', 'outcome', 'HTTP', 'answer', 'delivered in', 'confirmed by', 'detail'],
      ordered.map((e) => [
        mark(e.outcome),
        e.environment,
        e.outcome,
        e.httpStatus,
        ms(e.responseLatencyMs),
        ms(e.deliveryLatencyMs),
        e.confirmedBy.join(', '),
        e.detail ?? '',
      ]),
    ),
    '',
  ].join('\n');
}

export function renderLoadCalibration(report: LoadCalibrationReport): string {
  const failed = report.targets.filter((t) => t.status === 'failed');
  const headline =
    report.status === 'passed'
      ? `✅ Load calibration within budgets on ${report.targets.length} target${report.targets.length === 1 ? '' : 's'}`
      : `❌ Load calibration over budget: ${failed.map((t) => `${t.url} (${t.breaches.join('; ')})`).join(', ')}`;
  const s = report.settings;
  const shape = `${s.requests !== null ? `${s.requests} requests` : formatDuration(s.durationMs ?? 0)} per target${s.rate ? ` at ${s.rate}/s` : ''}, concurrency ${s.concurrency}, hard stop ${formatDuration(s.hardStopMs)}`;
  return [
    '## Load calibration',
    '',
    `**${headline}**`,
    '',
    `${shape}. Budgets: p95 ${formatLatency(report.budgets.p95Ms)}, p99 ${formatLatency(report.budgets.p99Ms)}, errors ${formatRate(report.budgets.errorRate)}; generated ${report.generatedAt}.`,
    '',
    table(
      ['', 'target', 'requests', 'req/s', 'p50', 'p95', 'p99', 'max', 'errors'],
      [...failed, ...report.targets.filter((t) => t.status !== 'failed')].map((t) => [
        mark(t.status),
        `${t.method} ${t.url}`,
        t.requests,
        t.throughput,
        ms(t.latency?.p50Ms ?? null),
        ms(t.latency?.p95Ms ?? null),
        ms(t.latency?.p99Ms ?? null),
        ms(t.latency?.maxMs ?? null),
        formatRate(t.errorRate),
      ]),
    ),
    '',
    ...(report.proposals.length
      ? [
          '### Proposed budgets',
          '',
          table(
            ['setting', 'current', 'proposed', 'why'],
            report.proposals.map((p) => [p.setting, p.current, p.proposed, p.reason]),
          ),
          '',
        ]
      : []),
  ].join('\n');
}

export function renderEvidenceReport(report: EvidenceReport): string {
  switch (report.kind) {
    case 'receiver-validation':
      return renderReceiverValidation(report);
    case 'receiver-drill':
      return renderReceiverDrill(report);
    case 'load-calibration':
      return renderLoadCalibration(report);
  }
}
