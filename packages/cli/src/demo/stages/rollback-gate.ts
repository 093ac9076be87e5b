import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { formatDuration, timeSpan } from '@release-actions/core/duration';
import { normaliseProbe, runSmoke } from '@release-actions/core/probes/index';
import { type RunningReceiver, startReceiver } from '@release-actions/core/receiver/index';
import { mergeReportSection } from '@release-actions/core/report/file';
import type { ReportIdentity } from '@release-actions/core/report/schema';
import type { SmokeSection } from '@release-actions/core/report/smoke-section';
import {
  buildEvent,
  type CommonData,
  idempotencyKey,
  sendWebhook,
  type WebhookType,
} from '@release-actions/core/webhooks/index';
import { renderSmokeText } from '../../commands/smoke.js';
import type { DemoContext, DemoStage } from '../types.js';

/**
 * The deploy / rollback half of the demo, through the reference receiver with signed, idempotent
 * webhooks: deploy the broken 2.4.0 (before smoke), roll back to 2.3.1 and verify it (after smoke), then
 * a second gate deploys 2.5.0, which passes. The sample service serves `/release/actuator/health` for
 * whichever version the receiver last deployed or rolled back to.
 */
export interface GateState {
  receiver: RunningReceiver;
  /** The receiver's JSON-lines event log: the history drill-evaluate reads. */
  eventLog: string;
  secret: string;
  runId: string;
  /** The version the sample service runs now. */
  current: string;
}

const BROKEN = '2.4.0';
const PREVIOUS = '2.3.1';
const GOOD = '2.5.0';
const SHAS: Record<string, string> = {
  [PREVIOUS]: '3'.repeat(40),
  [BROKEN]: '4'.repeat(40),
  [GOOD]: '5'.repeat(40),
};

function identity(version: string, environment = 'demo'): ReportIdentity {
  return {
    environment,
    service: 'sample-service',
    ref: `refs/tags/v${version}`,
    sha: SHAS[version] ?? null,
    version,
    run: {
      repository: 'demo/sample-service',
      id: null,
      attempt: 1,
      url: null,
      actor: 'demo',
      workflow: 'demo',
    },
  };
}

function common(version: string, environment = 'demo', drill = false): CommonData {
  const id = identity(version, environment);
  return {
    environment: id.environment,
    service: id.service,
    ref: id.ref,
    sha: id.sha,
    version,
    runUrl: null,
    drill,
  };
}

function keyFor(state: GateState, type: WebhookType, version: string, environment = 'demo'): string {
  return idempotencyKey({
    repository: 'demo/sample-service',
    runId: state.runId,
    runAttempt: 1,
    environment,
    service: 'sample-service',
    type,
    sha: SHAS[version] ?? null,
  });
}

/** The gate's receiver and the sample service's release endpoint, started once and shared by stages. */
export async function gate(context: DemoContext): Promise<GateState> {
  const existing = context.shared.rollbackGate as GateState | undefined;
  if (existing) return existing;
  const eventLog = join(context.outDir, 'receiver', 'gate-events.jsonl');
  await rm(eventLog, { force: true });
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  const state = {} as GateState;
  state.eventLog = eventLog;
  state.secret = secret;
  state.runId = `demo-${Date.now()}`;
  state.current = PREVIOUS;
  // The receiver "performs" deploys and rollbacks: its status URL reports succeeded after 300ms, and the
  // sample service switches to that version.
  state.receiver = await startReceiver({
    secret,
    eventLog,
    completion: {
      afterMs: 300,
      outcome: (event) => {
        // Drill events are rehearsals: the receiver answers as usual but changes nothing.
        if (event.data.drill === true) return 'succeeded';
        const target = event.type === 'rollback.requested' ? event.data.rollbackRef : event.data.version;
        if (typeof target === 'string') state.current = target;
        return 'succeeded';
      },
    },
  });
  context.onCleanup(() => state.receiver.close());
  context.service.route('/release/actuator/health', (_req, res) => {
    const up = state.current !== BROKEN;
    res.writeHead(200, { 'content-type': 'application/vnd.spring-boot.actuator.v3+json' });
    res.end(
      JSON.stringify({ status: up ? 'UP' : 'DOWN', components: { db: { status: up ? 'UP' : 'DOWN' } } }),
    );
  });
  context.shared.rollbackGate = state;
  context.log(
    `reference receiver on ${state.receiver.url} (signed events, event log ${relative(process.cwd(), eventLog)})`,
  );
  return state;
}

async function deploy(context: DemoContext, state: GateState, version: string, reportPath: string) {
  const started = new Date();
  const outcome = await sendWebhook({
    url: `${state.receiver.url}/deploy`,
    event: buildEvent('deploy.requested', { ...common(version), wait: true }),
    idempotencyKey: keyFor(state, 'deploy.requested', version),
    signingSecret: state.secret,
    timeoutMs: 2000,
    deadlineMs: 10_000,
    wait: true,
    pollIntervalMs: 100,
    label: 'deploy webhook',
  });
  await mergeReportSection(reportPath, identity(version), 'deploy', {
    state: outcome.state,
    ...timeSpan(started, new Date()),
    deploymentId: null,
    delivery: outcome.delivery,
  });
  context.log(`deploy ${version}: ${outcome.state} (signed, Idempotency-Key ${outcome.deliveryId})`);
  return outcome;
}

async function smokeRelease(context: DemoContext): Promise<SmokeSection> {
  const probes = [
    normaliseProbe({ name: 'checkout healthz', url: context.service.healthyUrl }, {}, 'demo probe 1'),
    normaliseProbe(
      { name: 'release actuator', url: `${context.service.base}/release/actuator/health` },
      {},
      'demo probe 2',
    ),
  ];
  return runSmoke(probes, {
    timeoutMs: 2000,
    deadlineMs: 10_000,
    maxAttempts: 2,
    backoffBaseMs: 100,
    backoffCapMs: 200,
  });
}

export interface RollbackOptions {
  environment: string;
  /** Drill events carry `data.drill: true`: the receiver rehearses without acting. */
  drill: boolean;
  reportPath: string;
  reason: string;
}

/**
 * Rolls the broken release back to the previous one, re-smokes and verifies it, and sends the
 * release_gate.callback event; each step merges its section into `options.reportPath`.
 */
export async function rollBackAndVerify(context: DemoContext, state: GateState, options: RollbackOptions) {
  const { reason } = options;
  const rollbackStarted = new Date();
  const rollback = await sendWebhook({
    url: `${state.receiver.url}/rollback`,
    event: buildEvent('rollback.requested', {
      ...common(BROKEN, options.environment, options.drill),
      rollbackRef: PREVIOUS,
      reason,
    }),
    idempotencyKey: keyFor(state, 'rollback.requested', BROKEN, options.environment),
    signingSecret: state.secret,
    timeoutMs: 2000,
    deadlineMs: 10_000,
    wait: true,
    pollIntervalMs: 100,
    label: 'rollback webhook',
  });
  const rollbackDone = new Date();
  await mergeReportSection(options.reportPath, identity(BROKEN, options.environment), 'rollback', {
    state: rollback.state,
    rollbackRef: PREVIOUS,
    reason,
    drill: options.drill,
    startedAt: rollbackStarted.toISOString(),
    finishedAt: rollbackDone.toISOString(),
    durationMs: rollbackDone.getTime() - rollbackStarted.getTime(),
    delivery: rollback.delivery,
  });
  const prefix = options.drill ? `${options.environment} drill: ` : '';
  context.log(
    `${prefix}rollback to ${PREVIOUS}: ${rollback.state} (${reason}); the service now runs ${state.current}`,
  );

  const resmoke = await smokeRelease(context);
  for (const line of renderSmokeText(resmoke).split('\n')) context.log(`${prefix}re-smoke: ${line}`);
  const verify = await sendWebhook({
    url: `${state.receiver.url}/rollback/verify`,
    event: buildEvent('rollback.verify', {
      ...common(BROKEN, options.environment, options.drill),
      rollbackRef: PREVIOUS,
      smokeResult: resmoke.result,
    }),
    idempotencyKey: keyFor(state, 'rollback.verify', BROKEN, options.environment),
    signingSecret: state.secret,
    timeoutMs: 2000,
    deadlineMs: 10_000,
    label: 'verify webhook',
  });
  const callbackState = resmoke.result === 'passed' && verify.state !== 'failed' ? 'verified' : 'failed';
  const verified = new Date();
  await mergeReportSection(options.reportPath, identity(BROKEN, options.environment), 'rollbackCallback', {
    state: callbackState,
    startedAt: rollbackDone.toISOString(),
    finishedAt: verified.toISOString(),
    durationMs: verified.getTime() - rollbackDone.getTime(),
    smoke: resmoke,
    delivery: verify.delivery,
  });
  const durationMs = verified.getTime() - rollbackStarted.getTime();
  const callback = await sendWebhook({
    url: `${state.receiver.url}/internal/release-gate/callbacks`,
    event: buildEvent('release_gate.callback', {
      ...common(BROKEN, options.environment, options.drill),
      rollbackCallbackState: callbackState,
      rollbackState: rollback.state,
      durationMs,
    }),
    idempotencyKey: keyFor(state, 'release_gate.callback', BROKEN, options.environment),
    signingSecret: state.secret,
    timeoutMs: 2000,
    deadlineMs: 10_000,
    label: 'metrics callback',
  });
  const done = new Date();
  await mergeReportSection(options.reportPath, identity(BROKEN, options.environment), 'metricsCallback', {
    state: callback.state,
    startedAt: verified.toISOString(),
    finishedAt: done.toISOString(),
    durationMs: done.getTime() - verified.getTime(),
    delivery: callback.delivery,
  });
  context.log(
    `${prefix}rollback verified in ${formatDuration(durationMs)}: ${callbackState}; callback event ${callback.state}`,
  );
  const metric = state.receiver
    .metrics()
    .split('\n')
    .find(
      (line) =>
        line.startsWith('release_gate_rollback_callback_events_total{') &&
        line.includes(`environment="${options.environment}"`),
    );
  if (metric) context.log(`receiver /metrics: ${metric}`);
  return { rollback, callbackState, callback };
}

/** Before smoke: the broken version goes out through the deploy webhook. */
export const deployBrokenStage: DemoStage = {
  name: 'deploy',
  title: `Deploy ${BROKEN} through the signed deploy webhook and wait for the receiver to finish it`,
  async run(context) {
    const state = await gate(context);
    const outcome = await deploy(context, state, BROKEN, context.reportPath);
    return {
      asIntended: outcome.state === 'succeeded',
      summary: `deploy ${BROKEN} ${outcome.state} after ${outcome.delivery.attempts} attempt(s)`,
    };
  },
};

/** After smoke: smoke blocked the release, so roll back, verify, and tell the metrics receiver. */
export const rollbackStage: DemoStage = {
  name: 'rollback',
  title: `Smoke failed: roll back to ${PREVIOUS}, verify the rollback, send the callback event`,
  async run(context) {
    const state = await gate(context);
    const smoke = context.shared.smoke as SmokeSection | undefined;
    const failed = smoke?.probes.filter((p) => p.verdict === 'failed').map((p) => p.name) ?? [];
    const reason = failed.length ? `smoke failed: ${failed.join(', ')}` : 'smoke failed';
    const outcome = await rollBackAndVerify(context, state, {
      environment: 'demo',
      drill: false,
      reportPath: context.reportPath,
      reason,
    });
    const { rollback, callbackState, callback } = outcome;
    context.log('a rolled-back release is a blocked promotion: this gate ends blocked');
    const asIntended =
      smoke?.result === 'failed' &&
      rollback.state === 'succeeded' &&
      callbackState === 'verified' &&
      callback.state === 'accepted';
    return {
      asIntended,
      summary: `rolled back to ${PREVIOUS} (${rollback.state}), rollback ${callbackState}, callback ${callback.state}; gate blocked`,
    };
  },
};

/** A second gate: the fixed version deploys and passes smoke, so it can be promoted. */
export const goodReleaseStage: DemoStage = {
  name: 'good release',
  title: `Deploy ${GOOD}: it passes smoke, so this gate can promote`,
  async run(context) {
    const state = await gate(context);
    const gateDir = join(context.outDir, `release-gate-${GOOD}`);
    await rm(gateDir, { recursive: true, force: true });
    const reportPath = join(gateDir, 'report.json');
    const outcome = await deploy(context, state, GOOD, reportPath);
    const smoke = await smokeRelease(context);
    await mergeReportSection(reportPath, identity(GOOD), 'smoke', smoke);
    for (const line of renderSmokeText(smoke).split('\n')) context.log(line);
    context.log(`report: ${relative(process.cwd(), reportPath)}`);
    const asIntended = outcome.state === 'succeeded' && smoke.result === 'passed';
    return {
      asIntended,
      summary: `deploy ${GOOD} ${outcome.state}, smoke ${smoke.result}`,
    };
  },
};
