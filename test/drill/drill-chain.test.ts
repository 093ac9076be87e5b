import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReceiver } from '../../packages/core/src/receiver/server.js';
import { runBundle } from '../harness/action.js';

/**
 * A real drill, end to end through the bundles: trigger-rollback (drill) and rollback-verify for staging
 * and production against the reference receiver, then drill-evaluate on the two reports and the
 * receiver's own event log, then readiness-checklist on the drill delta report (its drill rule; the
 * other default evidence belongs to the evidence action's tests).
 */
test('a drill through the real bundles and the reference receiver evaluates to drill_passed, which the readiness drill rule accepts', async () => {
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  const dir = await mkdtemp(join(tmpdir(), 'ra-drill-chain-'));
  const eventLog = join(dir, 'receiver', 'events.jsonl');
  const receiver = await startReceiver({ secret, eventLog, completion: { afterMs: 100 } });
  const service = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"status":"UP"}');
  });
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
  const healthz = `http://127.0.0.1:${(service.address() as AddressInfo).port}/healthz`;
  try {
    const reports: Record<string, string> = {};
    for (const environment of ['staging', 'production']) {
      const workspace = await mkdtemp(join(tmpdir(), `ra-drill-${environment}-`));
      const common = {
        environment,
        service: 'shop',
        'signing-secret': secret,
        'rollback-ref': 'v1.3.9',
        drill: 'true',
      };
      const rollback = await runBundle('trigger-rollback', {
        workspace,
        inputs: {
          ...common,
          'webhook-url': `${receiver.url}/rollback`,
          reason: 'scheduled rollback drill',
          wait: 'true',
          'poll-interval': '50ms',
          'github-token': '',
        },
      });
      expect({ environment, code: rollback.code, state: rollback.outputs['rollback-state'] }).toEqual({
        environment,
        code: 0,
        state: 'succeeded',
      });
      const verify = await runBundle('rollback-verify', {
        workspace,
        inputs: {
          ...common,
          urls: healthz,
          'webhook-url': `${receiver.url}/rollback/verify`,
          'metrics-url': `${receiver.url}/internal/release-gate/callbacks`,
          'rollback-state': rollback.outputs['rollback-state']!,
        },
      });
      expect({ environment, state: verify.outputs['rollback-callback-state'] }).toEqual({
        environment,
        state: 'verified',
      });
      reports[environment] = join(workspace, 'release-gate/report.json');
    }

    const evaluation = await runBundle('drill-evaluate', {
      workspace: dir,
      inputs: {
        staging: reports.staging!,
        production: reports.production!,
        events: eventLog,
        owner: 'drill-bot',
      },
    });
    expect(evaluation.code).toBe(0);
    expect(evaluation.outputs['staging-status']).toBe('drill_passed');
    expect(evaluation.outputs['production-status']).toBe('drill_passed');
    const report = JSON.parse(await readFile(evaluation.outputs['report-path']!, 'utf8'));
    // The receiver's own log: one callback per environment, the same counts its metric shows.
    expect(report.events.callbackEvents).toBe(2);
    for (const env of report.events.environments) {
      expect(receiver.metrics()).toContain(
        `release_gate_rollback_callback_events_total{environment="${env.environment}",state="verified"} ${env.total}`,
      );
    }
    expect(JSON.parse(evaluation.outputs.alerts!)).toEqual([]);

    const readiness = await runBundle('readiness-checklist', {
      workspace: dir,
      inputs: {
        'target-ref': 'refs/heads/main',
        'release-owner': 'alice',
        'rollback-owner': 'bob',
        'rollback-ref': 'v1.3.9',
        report: reports.staging!,
      },
    });
    const record = JSON.parse(await readFile(readiness.outputs['record-path']!, 'utf8'));
    const drill = record.rules.find((rule: { id: string }) => rule.id === 'drillDeltaReport');
    expect(drill.status).toBe('passed');
    expect(drill.evidence[0].source).toBe('build-artifacts/release-gate-drill-delta-report.json');
    expect(record.rules.find((rule: { id: string }) => rule.id === 'targetIsMain').status).toBe('passed');
  } finally {
    await receiver.close();
    await new Promise<void>((resolve) => service.close(() => resolve()));
  }
});
