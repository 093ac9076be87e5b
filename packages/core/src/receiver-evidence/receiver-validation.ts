import { randomBytes } from 'node:crypto';
import { ConfigurationError, errorMessage } from '../errors.js';
import { type Logger, silentLogger } from '../logger.js';
import { Redactor } from '../redact.js';
import { sleep } from '../retry.js';
import { callbackEvent, newMessageId, round, type SendResult, sendEvent } from './delivery.js';
import { readCallbackCounter } from './metrics.js';
import { evidenceReportHeader, shownReceiverUrls } from './report-header.js';
import { type ReceiverValidationReport, type ValidationCheck, validationCheckNames } from './schemas.js';

export interface ReceiverValidationOptions {
  /** The receiver's callback endpoint, e.g. `http://127.0.0.1:8080/internal/release-gate/callbacks`. */
  receiverUrl: string;
  signingSecret: string;
  /** The receiver's Prometheus endpoint; without it the counting checks are skipped. */
  metricsUrl?: string;
  bearerToken?: string;
  /** `data.environment` of the validation events (and the counter label read). */
  environment?: string;
  /** The receiver's timestamp tolerance; the stale event is sent this much plus 5 minutes in the past. */
  toleranceMs?: number;
  /** Per call. */
  timeoutMs?: number;
  /** How long the accepted event may take to show in the metrics. */
  metricsWaitMs?: number;
  logger?: Logger;
  now?: () => Date;
}

const DESCRIPTIONS: Record<(typeof validationCheckNames)[number], string> = {
  'signed-event-accepted': 'a correctly signed event is accepted',
  'forged-signature-rejected': 'an event signed with another secret is rejected',
  'missing-signature-rejected': 'an event without webhook-signature is rejected',
  'stale-timestamp-rejected': 'a correctly signed event with a timestamp outside the tolerance is rejected',
  'malformed-body-rejected': 'a correctly signed body that is not valid JSON is rejected',
  'replay-not-counted-twice': 'the same webhook-id / Idempotency-Key sent again is counted once',
  'rejected-events-not-counted': 'rejected events do not move the callback counter',
};

const is2xx = (status: number | null) => status !== null && status >= 200 && status <= 299;
const is4xx = (status: number | null) => status !== null && status >= 400 && status <= 499;
const shown = (result: SendResult) =>
  result.status === null ? `no answer (${result.note})` : `${result.status}`;

/**
 * Proves a callback receiver's contract with real calls: one signed event accepted, forged / unsigned /
 * stale / malformed events each rejected with 4xx, and (through its metrics) a replay counted once.
 * Never throws for a misbehaving receiver: every outcome is a check in the report.
 */
export async function runReceiverValidation(
  options: ReceiverValidationOptions,
): Promise<ReceiverValidationReport> {
  if (!options.signingSecret) throw new ConfigurationError('receiver validation needs the signing secret');
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const environment = options.environment ?? 'receiver-validation';
  const toleranceMs = options.toleranceMs ?? 300_000;
  const timeoutMs = options.timeoutMs ?? 5000;
  const metricsWaitMs = options.metricsWaitMs ?? 2000;
  const redactor = new Redactor();
  redactor.add(options.signingSecret);
  redactor.add(options.bearerToken);
  redactor.add(options.receiverUrl);
  redactor.add(options.metricsUrl);
  const started = performance.now();
  const checks: ValidationCheck[] = [];
  const latencies: number[] = [];
  const seconds = () => Math.floor(now().getTime() / 1000);
  const send = async (
    id: string,
    body: string,
    timestampSeconds: number,
    signWith: string | undefined,
  ): Promise<SendResult> => {
    const result = await sendEvent(
      {
        url: options.receiverUrl,
        body,
        id,
        timestampSeconds,
        signWith,
        bearerToken: options.bearerToken,
        timeoutMs,
      },
      redactor,
    );
    latencies.push(result.latencyMs);
    return result;
  };
  const record = (
    name: ValidationCheck['name'],
    passed: boolean | 'skipped',
    expected: string,
    observed: string,
    result: SendResult | null,
    detail?: string,
  ) => {
    const check: ValidationCheck = {
      name,
      description: DESCRIPTIONS[name],
      status: passed === 'skipped' ? 'skipped' : passed ? 'passed' : 'failed',
      expected,
      observed,
      httpStatus: result?.status ?? null,
      latencyMs: result?.latencyMs ?? null,
    };
    const note =
      detail ??
      (result && !passed
        ? result.status === null
          ? result.note
          : `the receiver answered: ${result.note}`
        : undefined);
    if (note) check.detail = redactor.redact(note);
    checks.push(check);
    logger.info(`${check.status.padEnd(7)} ${name}: expected ${expected}, observed ${observed}`);
  };

  let counter: (() => Promise<number>) | undefined;
  let baseline: number | undefined;
  let metricsProblem: string | undefined;
  if (options.metricsUrl) {
    const metricsUrl = options.metricsUrl;
    counter = () =>
      readCallbackCounter(metricsUrl, environment, {
        timeoutMs,
        headers: options.bearerToken ? { authorization: `Bearer ${options.bearerToken}` } : undefined,
      });
    try {
      baseline = await counter();
    } catch (error) {
      metricsProblem = `metrics could not be read: ${errorMessage(error)}`;
    }
  }

  // 1. The signed event, then 2. its replay (same id and body, fresh timestamp and signature, as a retry).
  const acceptedId = newMessageId('msg_validation');
  const acceptedBody = callbackEvent(environment, 'receiver-validation', now());
  const accepted = await send(acceptedId, acceptedBody, seconds(), options.signingSecret);
  record('signed-event-accepted', is2xx(accepted.status), '2xx', shown(accepted), accepted);

  let afterAccepted: number | undefined;
  if (counter && baseline !== undefined && is2xx(accepted.status)) {
    const until = performance.now() + metricsWaitMs;
    try {
      do {
        afterAccepted = await counter();
        if (afterAccepted > baseline) break;
        await sleep(50);
      } while (performance.now() < until);
    } catch (error) {
      metricsProblem = `metrics could not be read: ${errorMessage(error)}`;
      afterAccepted = undefined;
    }
  }

  const replay = await send(acceptedId, acceptedBody, seconds(), options.signingSecret);
  const replayAnswered = is2xx(replay.status) || replay.status === 409;
  if (!counter) {
    record(
      'replay-not-counted-twice',
      'skipped',
      'counter +1 over both calls',
      `answered ${shown(replay)}`,
      replay,
      'no metrics URL given: give receiver-metrics-url to prove the replay is counted once',
    );
  } else if (afterAccepted === undefined || baseline === undefined) {
    record(
      'replay-not-counted-twice',
      false,
      'counter +1 over both calls',
      `answered ${shown(replay)}`,
      replay,
      metricsProblem ?? 'the accepted event was rejected, so there is nothing to replay against',
    );
  } else {
    let afterReplay: number | undefined;
    try {
      afterReplay = await counter();
    } catch (error) {
      metricsProblem = `metrics could not be read: ${errorMessage(error)}`;
    }
    const delta = afterReplay === undefined ? undefined : afterReplay - baseline;
    record(
      'replay-not-counted-twice',
      replayAnswered && delta === 1,
      'replay answered 2xx or 409, counter +1 over both calls',
      `replay answered ${shown(replay)}, counter ${delta === undefined ? 'unreadable' : `+${delta}`}`,
      replay,
      delta === undefined
        ? metricsProblem
        : delta !== 1
          ? `the counter moved by ${delta} for one event sent twice`
          : undefined,
    );
  }

  // 3-6. Each a fresh id, so only the property under test can be the reason for a rejection.
  const rejected = async (
    name: ValidationCheck['name'],
    body: string,
    timestampSeconds: number,
    signWith: string | undefined,
  ) => {
    const result = await send(newMessageId('msg_validation'), body, timestampSeconds, signWith);
    record(name, is4xx(result.status), '4xx', shown(result), result);
  };
  const forgedSecret = `whsec_${randomBytes(24).toString('base64')}`;
  await rejected(
    'forged-signature-rejected',
    callbackEvent(environment, 'receiver-validation', now()),
    seconds(),
    forgedSecret,
  );
  await rejected(
    'missing-signature-rejected',
    callbackEvent(environment, 'receiver-validation', now()),
    seconds(),
    undefined,
  );
  const staleSeconds = seconds() - Math.ceil((toleranceMs + 300_000) / 1000);
  await rejected(
    'stale-timestamp-rejected',
    callbackEvent(environment, 'receiver-validation', new Date(staleSeconds * 1000)),
    staleSeconds,
    options.signingSecret,
  );
  await rejected(
    'malformed-body-rejected',
    '{"type":"release_gate.callback","data":{"environment":',
    seconds(),
    options.signingSecret,
  );

  // 7. Nothing rejected may have been counted.
  const counterUnreadable = (detail: string) =>
    record(
      'rejected-events-not-counted',
      false,
      'counter unchanged by rejected events',
      'unreadable',
      null,
      detail,
    );
  if (!counter) {
    record(
      'rejected-events-not-counted',
      'skipped',
      'counter unchanged by rejected events',
      'not measured',
      null,
      'no metrics URL given',
    );
  } else if (afterAccepted === undefined || baseline === undefined) {
    counterUnreadable(
      metricsProblem ?? 'the accepted event was rejected, so the counter has no reference point',
    );
  } else {
    try {
      const final = await counter();
      const delta = final - baseline;
      record(
        'rejected-events-not-counted',
        delta === 1,
        'counter +1 in total (the accepted event only)',
        `counter +${delta}`,
        null,
        delta !== 1 ? `the counter moved by ${delta}; only the accepted event should count` : undefined,
      );
    } catch (error) {
      counterUnreadable(`metrics could not be read: ${errorMessage(error)}`);
    }
  }

  checks.sort((a, b) => validationCheckNames.indexOf(a.name) - validationCheckNames.indexOf(b.name));
  const named = (status: ValidationCheck['status']) =>
    checks.filter((c) => c.status === status).map((c) => c.name);
  const failedChecks = named('failed');
  const skippedChecks = named('skipped');
  // Skipped counting checks leave the idempotency contract unproved: partial, never passed.
  const status = failedChecks.length ? 'failed' : skippedChecks.length ? 'partial' : 'passed';
  return {
    ...evidenceReportHeader('receiver-validation', status, started, now()),
    receiver: shownReceiverUrls(options),
    environment,
    toleranceMs,
    checks,
    summary: {
      passed: checks.filter((c) => c.status === 'passed').length,
      failed: failedChecks.length,
      skipped: skippedChecks.length,
      failedChecks,
      skippedChecks,
    },
    latency: latencies.length
      ? {
          minMs: Math.min(...latencies),
          meanMs: round(latencies.reduce((a, b) => a + b, 0) / latencies.length),
          maxMs: Math.max(...latencies),
        }
      : null,
  };
}
