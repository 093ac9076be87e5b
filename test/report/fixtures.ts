import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ReleaseGateReport } from '@release-actions/core';

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 22, 12, 0, 0) + seconds * 1000).toISOString();

const probe = (name: string, verdict: 'passed' | 'failed') => ({
  name,
  type: 'http' as const,
  target: `https://shop.example.com/${name}`,
  verdict,
  dryRun: false,
  attempts: verdict === 'passed' ? 1 : 3,
  statusCodes: verdict === 'passed' ? [200] : [503, 503, 503],
  latency: { minMs: 10, p50Ms: 12, p95Ms: 20, maxMs: 25 },
  reason: verdict === 'passed' ? 'status 200' : 'expected 200-299, got 503 after 3 attempts',
  failures: [],
  warnings: [],
});

const smoke = (result: 'passed' | 'failed', start: number) => ({
  result,
  startedAt: at(start),
  finishedAt: at(start + 4),
  durationMs: 4000,
  passedCount: result === 'passed' ? 2 : 1,
  failedCount: result === 'passed' ? 0 : 1,
  probes: [probe('healthz', 'passed'), probe('checkout', result)],
  captured: {},
});

/** A promoted gate: deploy succeeded, smoke passed. */
export function promotedReport(): ReleaseGateReport {
  return {
    schemaVersion: 1,
    environment: 'staging',
    service: 'shop',
    ref: 'refs/heads/main',
    sha: 'b'.repeat(40),
    version: '1.4.0',
    run: {
      repository: 'acme/shop',
      id: '1001',
      attempt: 1,
      url: 'https://github.com/acme/shop/actions/runs/1001/attempts/1',
      actor: 'octocat',
      workflow: 'release',
    },
    startedAt: at(0),
    updatedAt: at(10),
    deploy: {
      state: 'succeeded',
      startedAt: at(0),
      finishedAt: at(5),
      durationMs: 5000,
      deploymentId: 77,
      delivery: null,
    },
    smoke: smoke('passed', 6),
  };
}

/** A blocked gate: smoke failed, rolled back, rollback verified, metrics callback delivered. */
export function rolledBackReport(): ReleaseGateReport {
  const report = promotedReport();
  return {
    ...report,
    environment: 'production',
    smoke: smoke('failed', 6),
    rollback: {
      state: 'succeeded',
      rollbackRef: 'c'.repeat(40),
      reason: 'smoke failed: checkout',
      drill: false,
      startedAt: at(11),
      finishedAt: at(14),
      durationMs: 3000,
      delivery: null,
    },
    rollbackCallback: {
      state: 'verified',
      startedAt: at(15),
      finishedAt: at(19),
      durationMs: 4000,
      smoke: smoke('passed', 15),
      delivery: null,
    },
    metricsCallback: {
      state: 'accepted',
      startedAt: at(20),
      finishedAt: at(20.2),
      durationMs: 200,
      delivery: null,
    },
  };
}

export async function writeReport(
  workspace: string,
  report: ReleaseGateReport,
  path = 'release-gate/report.json',
) {
  const full = join(workspace, path);
  await mkdir(dirname(full), { recursive: true });
  await writeFile(full, JSON.stringify(report, null, 2));
  return full;
}
