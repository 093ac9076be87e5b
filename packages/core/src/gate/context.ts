import { randomUUID } from 'node:crypto';
import { reportIdentity, workspacePath } from '../report/context.js';
import type { ReportIdentity } from '../report/schema.js';
import { DEFAULT_REPORT_PATH } from '../specs/report-path.js';
import { idempotencyKey } from '../webhooks/idempotency.js';
import type { CommonData, WebhookType } from '../webhooks/payload.js';

/** What every webhook step of a gate works with: who is released, where the report is, which keys to send. */
export interface GateContext {
  identity: ReportIdentity;
  /** The data every event starts with. */
  common: CommonData;
  /** Where the step merges its section; undefined writes no report (the CLI without --report-path). */
  reportPath: string | undefined;
  /**
   * The Idempotency-Key for an event type: the `idempotency-key` input when given, else a hash of the run
   * and the event (see `idempotencyKey`), the same for every retry of one request.
   */
  keyFor(type: WebhookType): string;
}

export interface GateContextOptions {
  drill: boolean;
  /** The `idempotency-key` input, used as is for every event. */
  idempotencyKey?: string;
  reportPath?: string;
  /**
   * Stands in for the run id in the key recipe when there is no run (the CLI without --run-id): one fresh
   * id per invocation, so one-off requests never collide while each event type still gets its own key.
   */
  oneOffRunId?: string;
}

export function gateContext(identity: ReportIdentity, options: GateContextOptions): GateContext {
  return {
    identity,
    common: {
      environment: identity.environment,
      service: identity.service,
      ref: identity.ref,
      sha: identity.sha,
      version: identity.version,
      runUrl: identity.run.url,
      drill: options.drill,
    },
    reportPath: options.reportPath,
    keyFor: (type) =>
      options.idempotencyKey ??
      idempotencyKey({
        repository: identity.run.repository,
        runId: identity.run.id ?? options.oneOffRunId ?? null,
        runAttempt: identity.run.attempt,
        environment: identity.environment,
        service: identity.service,
        type,
        sha: identity.sha,
      }),
  };
}

/** A fresh stand-in run id (see `GateContextOptions.oneOffRunId`). */
export function oneOffRunId(): string {
  return `one-off-${randomUUID()}`;
}

/** The inputs a gate context is made of (the shared webhook inputs). */
export interface GateContextInputs {
  environment: string;
  service?: string;
  ref?: string;
  sha?: string;
  version?: string;
  drill: boolean;
  'idempotency-key'?: string;
  'report-path'?: string;
}

/**
 * The context of a step on a runner: identity and run from the runner's environment, the report in the
 * workspace (DEFAULT_REPORT_PATH unless `report-path` says otherwise).
 */
export function runnerGateContext(
  inputs: GateContextInputs,
  env: NodeJS.ProcessEnv = process.env,
): GateContext {
  return gateContext(reportIdentity(inputs, env), {
    drill: inputs.drill,
    idempotencyKey: inputs['idempotency-key'],
    reportPath: workspacePath(inputs['report-path'] ?? DEFAULT_REPORT_PATH, env),
  });
}
