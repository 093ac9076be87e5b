import { open, stat } from 'node:fs/promises';
import { ConfigurationError, errorMessage } from '../errors.js';
import { type Logger, silentLogger } from '../logger.js';
import { Redactor } from '../redact.js';
import { sleep } from '../retry.js';
import { callbackEvent, newMessageId, round, sendEvent } from './delivery.js';
import { readCallbackCounter } from './metrics.js';
import { evidenceReportHeader, shownReceiverUrls } from './report-header.js';
import type { DrillEnvironmentResult, ReceiverDrillReport } from './schemas.js';

export interface ReceiverDrillOptions {
  /** The receiver's callback endpoint. */
  receiverUrl: string;
  environments: string[];
  signingSecret?: string;
  bearerToken?: string;
  /** Confirm arrival through the callback counter on this Prometheus endpoint... */
  metricsUrl?: string;
  /** ...and/or through the receiver's JSON-lines event log (`{ receivedAt, type, webhookId, data }`). */
  eventLog?: string;
  service?: string;
  /** Per environment: from sending until the arrival must be confirmed. */
  deadlineMs?: number;
  timeoutMs?: number;
  pollMs?: number;
  logger?: Logger;
  now?: () => Date;
}

/**
 * The callback path end to end: one `release_gate.callback` drill event per environment, then wait until
 * the receiver's metrics counter for that environment moved and/or its event log holds the event id.
 * Every confirmation source given must confirm before the deadline.
 */
export async function runReceiverDrill(options: ReceiverDrillOptions): Promise<ReceiverDrillReport> {
  if (!options.metricsUrl && !options.eventLog)
    throw new ConfigurationError(
      'the receiver drill needs a way to confirm arrival: give receiver-metrics-url (the receiver /metrics) or event-log (its JSON-lines event log)',
    );
  if (!options.environments.length)
    throw new ConfigurationError('the receiver drill needs at least one environment');
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const deadlineMs = options.deadlineMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 5000;
  const pollMs = options.pollMs ?? 100;
  const redactor = new Redactor();
  redactor.add(options.signingSecret);
  redactor.add(options.bearerToken);
  redactor.add(options.receiverUrl);
  redactor.add(options.metricsUrl);
  const metricsHeaders = options.bearerToken ? { authorization: `Bearer ${options.bearerToken}` } : undefined;
  const started = performance.now();
  const results: DrillEnvironmentResult[] = [];

  for (const environment of options.environments) {
    const webhookId = newMessageId('msg_drill');
    const result: DrillEnvironmentResult = {
      environment,
      webhookId,
      outcome: 'not_confirmed',
      httpStatus: null,
      responseLatencyMs: null,
      deliveryLatencyMs: null,
      confirmedBy: [],
    };
    results.push(result);
    let baseline: number | undefined;
    let logOffset = 0;
    try {
      if (options.metricsUrl)
        baseline = await readCallbackCounter(options.metricsUrl, environment, {
          timeoutMs,
          headers: metricsHeaders,
        });
    } catch (error) {
      result.outcome = 'unreachable';
      result.detail = redactor.redact(`metrics could not be read before sending: ${errorMessage(error)}`);
      logger.error(`${environment}: ${result.detail}`);
      continue;
    }
    if (options.eventLog) logOffset = await fileSize(options.eventLog);

    const sentAt = performance.now();
    const sent = await sendEvent(
      {
        url: options.receiverUrl,
        body: callbackEvent(environment, options.service ?? 'receiver-drill', now()),
        id: webhookId,
        timestampSeconds: Math.floor(now().getTime() / 1000),
        signWith: options.signingSecret,
        bearerToken: options.bearerToken,
        timeoutMs,
      },
      redactor,
    );
    result.httpStatus = sent.status;
    result.responseLatencyMs = sent.latencyMs;
    if (sent.status === null) {
      result.outcome = 'unreachable';
      result.detail = sent.note;
      logger.error(`${environment}: the receiver did not answer: ${sent.note}`);
      continue;
    }
    if (sent.status < 200 || sent.status > 299) {
      result.outcome = 'rejected';
      result.detail = `the receiver answered ${sent.status}: ${sent.note}`;
      logger.error(`${environment}: ${result.detail}`);
      continue;
    }

    const until = sentAt + deadlineMs;
    const pending = new Set<'metrics' | 'event-log'>();
    if (options.metricsUrl) pending.add('metrics');
    if (options.eventLog) pending.add('event-log');
    let lastProblem: string | undefined;
    for (;;) {
      if (pending.has('metrics') && options.metricsUrl && baseline !== undefined) {
        try {
          const value = await readCallbackCounter(options.metricsUrl, environment, {
            timeoutMs: Math.max(1, Math.min(timeoutMs, until - performance.now())),
            headers: metricsHeaders,
          });
          if (value > baseline) {
            pending.delete('metrics');
            result.confirmedBy.push('metrics');
          }
        } catch (error) {
          lastProblem = `metrics could not be read: ${errorMessage(error)}`;
        }
      }
      if (pending.has('event-log') && options.eventLog) {
        const found = await logHolds(options.eventLog, logOffset, webhookId);
        logOffset = found.offset;
        if (found.found) {
          pending.delete('event-log');
          result.confirmedBy.push('event-log');
        }
      }
      if (pending.size === 0) {
        result.outcome = 'delivered';
        result.deliveryLatencyMs = round(performance.now() - sentAt);
        break;
      }
      if (performance.now() + pollMs > until) {
        result.detail = redactor.redact(
          `not confirmed by ${[...pending].join(' and ')} within ${deadlineMs}ms${lastProblem ? ` (${lastProblem})` : ''}`,
        );
        break;
      }
      await sleep(pollMs);
    }
    const line = `${environment}: ${result.outcome}${result.deliveryLatencyMs !== null ? ` in ${result.deliveryLatencyMs}ms` : ''}`;
    if (result.outcome === 'delivered') logger.info(line);
    else logger.error(`${line}: ${result.detail}`);
  }

  const failedEnvironments = results.filter((r) => r.outcome !== 'delivered').map((r) => r.environment);
  return {
    ...evidenceReportHeader(
      'receiver-drill',
      failedEnvironments.length ? 'failed' : 'passed',
      started,
      now(),
    ),
    receiver: { ...shownReceiverUrls(options), eventLog: options.eventLog ?? null },
    deadlineMs,
    environments: results,
    summary: {
      delivered: results.length - failedEnvironments.length,
      failed: failedEnvironments.length,
      failedEnvironments,
    },
  };
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

/**
 * Reads the event log from `offset` (only what was appended since the drill began) and looks for a line
 * whose `webhookId` is the drill event's. Returns the offset after the last complete line read, so a line
 * still being written is read whole next time.
 */
async function logHolds(
  path: string,
  offset: number,
  webhookId: string,
): Promise<{ found: boolean; offset: number }> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    const size = (await handle.stat()).size;
    if (size < offset) offset = 0; // rotated or truncated
    let found = false;
    const chunk = Buffer.alloc(64 * 1024);
    let pending = Buffer.alloc(0);
    let position = offset;
    while (position < size) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      pending = Buffer.concat([pending, chunk.subarray(0, bytesRead)]);
      for (let newline = pending.indexOf(10); newline !== -1; newline = pending.indexOf(10)) {
        const line = pending.subarray(0, newline).toString('utf8');
        pending = pending.subarray(newline + 1);
        offset += newline + 1;
        if (!line.includes(webhookId)) continue;
        try {
          if ((JSON.parse(line) as { webhookId?: unknown }).webhookId === webhookId) found = true;
        } catch {
          // a line that is not JSON cannot be our event
        }
      }
    }
    return { found, offset };
  } catch {
    return { found: false, offset };
  } finally {
    await handle?.close();
  }
}
