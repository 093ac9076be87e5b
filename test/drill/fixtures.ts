import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The evaluation time every drill test injects (`now`), so windows are deterministic. */
export const NOW = new Date('2026-01-15T12:00:00.000Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export type CallbackState = 'verified' | 'failed' | 'skipped_missing_webhook';

/** One rollback-callback event of a scenario: which environment, its state, and how long before `now`. */
export interface CallbackEventSpec {
  environment: string;
  state: CallbackState;
  ageMs: number;
  durationMs?: number;
}

export interface DrillReportOptions {
  deployState?: 'accepted' | 'succeeded' | 'failed' | 'skipped_missing_webhook';
  rollbackState?: 'accepted' | 'succeeded' | 'failed' | 'skipped_missing_webhook';
  verifyState?: 'verified' | 'failed' | 'skipped_missing_webhook';
  metricsState?: 'accepted' | 'succeeded' | 'failed' | 'skipped_missing_webhook';
  deployMs?: number;
  smokeMs?: number;
  rollbackMs?: number;
  verifyMs?: number;
  /** Sections to leave out. */
  omit?: Array<'deploy' | 'smoke' | 'rollback' | 'rollbackCallback' | 'metricsCallback'>;
  updatedAt?: string;
  smokeResult?: 'passed' | 'failed';
  captured?: Record<string, string | number | boolean | null>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A valid release-gate report (schemaVersion 1) of a drill run, as the gate actions write it. */
export function drillReport(
  environment: string,
  options: DrillReportOptions = {},
  now = NOW,
): Record<string, unknown> {
  const started = now.getTime() - 2 * HOUR;
  const section = (durationMs: number) => ({
    startedAt: iso(started),
    finishedAt: iso(started + durationMs),
    durationMs,
  });
  const delivery = (type: string) => ({
    type,
    target: 'https://deploy.example.com/hook',
    deliveryId: `msg_${type}`,
    attempts: 1,
    statusCodes: [200],
    durationMs: 40,
    dryRun: false,
    signed: true,
  });
  const smoke = {
    result: options.smokeResult ?? 'passed',
    ...section(options.smokeMs ?? 30_000),
    passedCount: options.smokeResult === 'failed' ? 1 : 2,
    failedCount: options.smokeResult === 'failed' ? 1 : 0,
    probes: [],
    captured: options.captured ?? {},
  };
  const report: Record<string, unknown> = {
    schemaVersion: 1,
    environment,
    service: 'shop',
    ref: 'refs/heads/main',
    sha: 'a'.repeat(40),
    version: '1.4.0',
    run: {
      repository: 'acme/shop',
      id: '42',
      attempt: 1,
      url: 'https://github.com/acme/shop/actions/runs/42',
      actor: 'octocat',
      workflow: 'drill',
    },
    startedAt: iso(started),
    updatedAt: options.updatedAt ?? iso(started + HOUR),
    deploy: {
      state: options.deployState ?? 'succeeded',
      ...section(options.deployMs ?? 120_000),
      deploymentId: null,
      delivery: delivery('deploy.requested'),
    },
    smoke,
    rollback: {
      state: options.rollbackState ?? 'succeeded',
      rollbackRef: 'v1.3.9',
      reason: 'rollback drill',
      drill: true,
      ...section(options.rollbackMs ?? 90_000),
      delivery: delivery('rollback.requested'),
    },
    rollbackCallback: {
      state: options.verifyState ?? 'verified',
      ...section(options.verifyMs ?? 60_000),
      smoke: null,
      delivery: delivery('rollback.verify'),
    },
    metricsCallback: {
      state: options.metricsState ?? 'succeeded',
      ...section(50),
      delivery: delivery('release_gate.callback'),
    },
  };
  for (const name of options.omit ?? []) delete report[name];
  return report;
}

/**
 * The receiver's event log for a scenario: one `{ receivedAt, type, webhookId, data }` line per callback
 * event, plus a deploy and a rollback event around each (which the evaluation must ignore), oldest first.
 */
export function eventLog(events: CallbackEventSpec[], now = NOW): string {
  const sorted = [...events].sort((a, b) => b.ageMs - a.ageMs);
  const lines: string[] = [];
  sorted.forEach((event, index) => {
    const at = now.getTime() - event.ageMs;
    const common = {
      environment: event.environment,
      service: 'shop',
      ref: 'refs/heads/main',
      sha: 'a'.repeat(40),
      version: '1.4.0',
      runUrl: null,
      drill: true,
    };
    lines.push(
      JSON.stringify({
        receivedAt: iso(at - 60_000),
        type: 'rollback.requested',
        webhookId: `msg_r${index}`,
        data: { ...common, rollbackRef: 'v1.3.9', reason: 'drill' },
      }),
      JSON.stringify({
        receivedAt: iso(at),
        type: 'release_gate.callback',
        webhookId: `msg_c${index}`,
        data: {
          ...common,
          rollbackCallbackState: event.state,
          rollbackState: 'succeeded',
          durationMs: event.durationMs ?? 120_000,
        },
      }),
    );
  });
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** Healthy recent callbacks for both environments (3 a day, enough volume for the rate): nothing fires. */
export function healthyEvents(): CallbackEventSpec[] {
  return [
    { environment: 'staging', state: 'verified', ageMs: 2 * HOUR },
    { environment: 'staging', state: 'verified', ageMs: 5 * HOUR },
    { environment: 'staging', state: 'verified', ageMs: 20 * HOUR },
    { environment: 'staging', state: 'verified', ageMs: 3 * DAY },
    { environment: 'production', state: 'verified', ageMs: 90 * 60_000 },
    { environment: 'production', state: 'verified', ageMs: 4 * HOUR },
    { environment: 'production', state: 'verified', ageMs: 10 * HOUR },
    { environment: 'production', state: 'verified', ageMs: 4 * DAY },
  ];
}

/** A fresh workspace with the given files (objects are written as JSON). */
export async function workspaceWith(files: Record<string, string | object>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ra-drill-ws-'));
  const { mkdir } = await import('node:fs/promises');
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}
