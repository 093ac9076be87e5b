import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import {
  deploy as deployStep,
  deployWebhookSpec,
  formatDuration,
  type GateContext,
  type GateHost,
  gateContext,
  mergeReportSection,
  normaliseProbe,
  parseInputs,
  type ReportIdentity,
  type RunningReceiver,
  rollbackVerifySpec,
  runSmoke,
  type SmokeSection,
  silentLogger,
  startReceiver,
  triggerRollback,
  triggerRollbackSpec,
  valueSource,
  verifyRollback,
} from '@release-actions/core';
import { cliRunCommand, renderSmokeText } from '../../commands/smoke.js';
import type { DemoContext, DemoStage } from '../types.js';

/**
 * The deploy / rollback half of the demo, through the reference receiver with signed, idempotent
 * webhooks: deploy the broken 2.4.0 (before smoke), roll back to 2.3.1 and verify it (after smoke), then
 * a second gate deploys 2.5.0, which passes. The sample service serves `/release/actuator/health` for
 * whichever version the receiver last deployed or rolled back to. Each step is the actions' own use case
 * (deploy, triggerRollback, verifyRollback) with the inputs a workflow would give.
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

/** The gate context of one release: the demo's run id stands in for a workflow run in the keys. */
function demoContext(
  state: GateState,
  version: string,
  options: { environment?: string; drill?: boolean; reportPath: string },
): GateContext {
  return gateContext(identity(version, options.environment), {
    drill: options.drill ?? false,
    reportPath: options.reportPath,
    oneOffRunId: state.runId,
  });
}

/** The inputs a workflow would give a step: identity, the receiver's signing secret, short demo bounds. */
function stepInputs(state: GateState, context: GateContext, inputs: Record<string, string>) {
  const { identity } = context;
  return valueSource({
    environment: identity.environment,
    service: identity.service,
    ref: identity.ref ?? '',
    sha: identity.sha ?? '',
    version: identity.version ?? '',
    drill: String(context.common.drill),
    'signing-secret': state.secret,
    'report-path': context.reportPath,
    ...inputs,
  });
}

/** The steps log nothing but warnings into the demo's output. */
function demoHost(context: DemoContext): GateHost {
  return { logger: { ...silentLogger, warning: (message) => context.log(`warning: ${message}`) } };
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
  context.wrote(
    eventLog,
    "the gate receiver's event log: every deploy, rollback and callback event (JSON Lines)",
  );
  context.log(
    `reference receiver on ${state.receiver.url} (signed events, event log ${relative(process.cwd(), eventLog)})`,
  );
  return state;
}

async function deploy(context: DemoContext, state: GateState, version: string, reportPath: string) {
  const gate = demoContext(state, version, { reportPath });
  const inputs = parseInputs(
    deployWebhookSpec,
    stepInputs(state, gate, {
      'webhook-url': `${state.receiver.url}/deploy`,
      wait: 'true',
      'poll-interval': '100ms',
      timeout: '2s',
      deadline: '10s',
    }),
  );
  const { outcome } = await deployStep(inputs, gate, demoHost(context));
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
  const gate = demoContext(state, BROKEN, options);
  const host = demoHost(context);
  const rollback = await triggerRollback(
    parseInputs(
      triggerRollbackSpec,
      stepInputs(state, gate, {
        'webhook-url': `${state.receiver.url}/rollback`,
        'rollback-ref': PREVIOUS,
        reason,
        wait: 'true',
        'poll-interval': '100ms',
        timeout: '2s',
        deadline: '10s',
      }),
    ),
    gate,
    host,
  );
  const prefix = options.drill ? `${options.environment} drill: ` : '';
  // A drill that "succeeded" while the service keeps its version reads as a contradiction unless said.
  const effect = options.drill
    ? `a drill rehearses: the receiver answered as for a real rollback but did not act, so the service still runs ${state.current}`
    : `the service now runs ${state.current}`;
  context.log(`${prefix}rollback to ${PREVIOUS}: ${rollback.state} (${reason}); ${effect}`);

  const verified = await verifyRollback(
    parseInputs(
      rollbackVerifySpec,
      stepInputs(state, gate, {
        urls: [context.service.healthyUrl, `${context.service.base}/release/actuator/health`].join('\n'),
        timeout: '2s',
        deadline: '10s',
        'max-attempts': '2',
        'webhook-url': `${state.receiver.url}/rollback/verify`,
        'metrics-url': `${state.receiver.url}/internal/release-gate/callbacks`,
        'webhook-timeout': '2s',
        'webhook-deadline': '10s',
      }),
    ),
    gate,
    { ...host, runCommand: cliRunCommand },
  );
  for (const line of renderSmokeText(verified.smoke).split('\n')) context.log(`${prefix}re-smoke: ${line}`);
  const callbackState = verified.state;
  const callback = verified.metrics!;
  context.log(
    `${prefix}rollback verified in ${formatDuration(verified.durationMs)}: ${callbackState}; callback event ${callback.state}`,
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
