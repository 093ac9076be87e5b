import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { gateContext, oneOffRunId, runnerGateContext } from '../src/gate/context.js';
import type { DeploymentsPort } from '../src/gate/deployments.js';
import { triggerRollback } from '../src/gate/trigger-rollback.js';
import { verifyRollback } from '../src/gate/verify-rollback.js';
import { parseInputs, valueSource } from '../src/inputs/spec.js';
import { silentLogger } from '../src/logger.js';
import { commandRunner } from '../src/process/command-runner.js';
import { type RunningReceiver, startReceiver } from '../src/receiver/server.js';
import { mergeReportSection } from '../src/report/file.js';
import type { ReportIdentity } from '../src/report/schema.js';
import { releaseGateReportSchema } from '../src/report/schema.js';
import { rollbackVerifySpec } from '../src/specs/rollback-verify.js';
import { triggerRollbackSpec } from '../src/specs/trigger-rollback.js';
import { idempotencyKey } from '../src/webhooks/idempotency.js';
import { WEBHOOK_TYPES } from '../src/webhooks/payload.js';

const SHA = 'a'.repeat(40);
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const RUNNER = { GITHUB_REPOSITORY: 'acme/shop', GITHUB_RUN_ID: '1001', GITHUB_RUN_ATTEMPT: '2' };

function identity(run: Partial<ReportIdentity['run']> = {}): ReportIdentity {
  return {
    environment: 'staging',
    service: 'shop',
    ref: null,
    sha: SHA,
    version: null,
    run: { repository: null, id: null, attempt: null, url: null, actor: null, workflow: null, ...run },
  };
}

describe('gate context: one key recipe for the actions, the CLI and the demo', () => {
  test('on a runner every event type gets the key of repository, run, attempt, environment, service, type, sha', () => {
    const context = runnerGateContext(
      { environment: 'staging', service: 'shop', sha: SHA, drill: false },
      { ...RUNNER, GITHUB_WORKSPACE: '/ws' },
    );
    expect(context.reportPath).toBe('/ws/release-gate/report.json');
    for (const type of WEBHOOK_TYPES) {
      expect(context.keyFor(type)).toBe(
        idempotencyKey({
          repository: 'acme/shop',
          runId: '1001',
          runAttempt: 2,
          environment: 'staging',
          service: 'shop',
          type,
          sha: SHA,
        }),
      );
    }
  });

  test('the same run given to gateContext (the CLI with --run-id) gives the same keys as the runner', () => {
    const runner = runnerGateContext(
      { environment: 'staging', service: 'shop', sha: SHA, drill: false },
      RUNNER,
    );
    const cli = gateContext(identity({ repository: 'acme/shop', id: '1001', attempt: 2 }), { drill: false });
    for (const type of WEBHOOK_TYPES) expect(cli.keyFor(type)).toBe(runner.keyFor(type));
  });

  test('without a run, a one-off run id stands in: each event type has its own key, a new invocation new keys', () => {
    const first = gateContext(identity(), { drill: false, oneOffRunId: oneOffRunId() });
    const again = gateContext(identity(), { drill: false, oneOffRunId: oneOffRunId() });
    const keys = WEBHOOK_TYPES.map((type) => first.keyFor(type));
    for (const key of keys) expect(key).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(new Set(keys).size).toBe(WEBHOOK_TYPES.length);
    expect(again.keyFor('rollback.verify')).not.toBe(first.keyFor('rollback.verify'));
  });

  test('idempotency-key is used as is for every event', () => {
    const context = gateContext(identity(), { drill: false, idempotencyKey: 'mine-1' });
    expect(WEBHOOK_TYPES.map((type) => context.keyFor(type))).toEqual(WEBHOOK_TYPES.map(() => 'mine-1'));
  });
});

let health: Server;
let healthUrl: string;
let receiver: RunningReceiver;
beforeAll(async () => {
  health = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/health+json' });
    res.end('{"status":"pass"}');
  });
  await new Promise<void>((resolve) => health.listen(0, '127.0.0.1', resolve));
  healthUrl = `http://127.0.0.1:${(health.address() as AddressInfo).port}/healthz`;
  receiver = await startReceiver({ secret: SECRET });
});
afterAll(async () => {
  await new Promise((resolve) => health.close(resolve));
  await receiver.close();
});

async function reportWithRollback(startedAt: Date): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'gate-steps-')), 'report.json');
  await mergeReportSection(path, identity(), 'rollback', {
    state: 'succeeded',
    rollbackRef: 'v1',
    reason: 'smoke failed',
    drill: false,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date(startedAt.getTime() + 100).toISOString(),
    durationMs: 100,
    delivery: null,
  });
  return path;
}

describe('verifyRollback', () => {
  const host = { logger: silentLogger, runCommand: commandRunner() };

  test('no verify webhook and the probes pass: skipped_missing_webhook, the metrics callback still goes out', async () => {
    const reportPath = await reportWithRollback(new Date(Date.now() - 2000));
    const context = gateContext(identity(), { drill: false, reportPath, oneOffRunId: oneOffRunId() });
    const inputs = parseInputs(
      rollbackVerifySpec,
      valueSource({
        environment: 'staging',
        urls: healthUrl,
        'metrics-url': `${receiver.url}/internal/release-gate/callbacks`,
        'signing-secret': SECRET,
        'report-path': reportPath,
      }),
    );
    const result = await verifyRollback(inputs, context, host);
    expect(result.state).toBe('skipped_missing_webhook');
    expect(result.problems).toEqual([]);
    expect(result.metrics?.state).toBe('accepted');
    const event = receiver.events.find((e) => e.webhookId === result.metrics!.deliveryId);
    expect(event?.data).toMatchObject({
      rollbackCallbackState: 'skipped_missing_webhook',
      rollbackState: 'succeeded',
    });
  });

  test('time span: the section spans the whole step; the event’s durationMs runs from the rollback’s start', async () => {
    const rollbackStarted = new Date(Date.now() - 5000);
    const reportPath = await reportWithRollback(rollbackStarted);
    const context = gateContext(identity(), { drill: false, reportPath, oneOffRunId: oneOffRunId() });
    const inputs = parseInputs(
      rollbackVerifySpec,
      valueSource({
        environment: 'staging',
        urls: healthUrl,
        'webhook-url': `${receiver.url}/rollback/verify`,
        'metrics-url': `${receiver.url}/internal/release-gate/callbacks`,
        'signing-secret': SECRET,
      }),
    );
    const before = Date.now();
    const result = await verifyRollback(inputs, context, host);
    const after = Date.now();
    expect(result.state).toBe('verified');
    expect(result.durationMs).toBeGreaterThanOrEqual(before - rollbackStarted.getTime());
    expect(result.durationMs).toBeLessThanOrEqual(after - rollbackStarted.getTime());
    const report = releaseGateReportSchema.parse(JSON.parse(await readFile(reportPath, 'utf8')));
    const section = report.rollbackCallback!;
    expect(Date.parse(section.startedAt)).toBeGreaterThanOrEqual(before);
    expect(section.finishedAt).toBe(report.metricsCallback!.finishedAt);
    expect(Date.parse(report.metricsCallback!.startedAt)).toBeGreaterThanOrEqual(
      Date.parse(section.startedAt),
    );
  });
});

describe('triggerRollback', () => {
  const inputs = (extra: Record<string, string>) =>
    parseInputs(triggerRollbackSpec, valueSource({ environment: 'staging', ...extra }));

  test('the target comes from the deployments port: rollback-of and the recorded version reach the event', async () => {
    const asked: unknown[] = [];
    const marked: number[] = [];
    const deployments = {
      resolveRollbackTarget: async (query: unknown) => {
        asked.push(query);
        return {
          rollbackRef: 'b'.repeat(40),
          rollbackVersion: 'v1',
          deploymentId: 7,
          source: 'x',
          runningDeploymentId: 9,
        };
      },
      markRolledBack: async ({ deploymentId }: { deploymentId: number }) => {
        marked.push(deploymentId);
        return { recorded: true as const };
      },
    } as unknown as DeploymentsPort;
    const context = gateContext(identity(), { drill: false, oneOffRunId: oneOffRunId() });
    const result = await triggerRollback(
      inputs({
        'webhook-url': `${receiver.url}/rollback`,
        'signing-secret': SECRET,
        'rollback-of': 'running-release',
      }),
      context,
      { logger: silentLogger, deployments },
    );
    expect(asked).toEqual([
      { environment: 'staging', currentSha: SHA, rollbackRef: undefined, rollbackOf: 'running-release' },
    ]);
    expect(result.state).toBe('accepted');
    expect(result.section).toMatchObject({
      rollbackRef: 'b'.repeat(40),
      rollbackVersion: 'v1',
      deploymentId: 9,
    });
    expect(marked).toEqual([9]);
    expect(receiver.events.find((e) => e.webhookId === result.outcome!.deliveryId)?.data.rollbackRef).toBe(
      'b'.repeat(40),
    );
  });

  test('no webhook-url: skipped_missing_webhook, nothing sent', async () => {
    const result = await triggerRollback(
      inputs({ 'rollback-ref': 'v1' }),
      gateContext(identity(), { drill: false }),
      {
        logger: silentLogger,
      },
    );
    expect(result.state).toBe('skipped_missing_webhook');
    expect(result.outcome).toBeUndefined();
    expect(result.section.rollbackRef).toBe('v1');
  });
});
