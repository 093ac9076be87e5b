import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  nextDelay,
  parseRetryAfter,
  sleep
} from "./chunk-CCK4FFWN.js";
import {
  silentLogger
} from "./chunk-DNYRF2ZZ.js";
import {
  signatureHeaders
} from "./chunk-HHRHPQOT.js";
import {
  formatDuration
} from "./chunk-FEJLSRR4.js";
import {
  errorMessage
} from "./chunk-ZUWSAP7Z.js";
import {
  httpRequest
} from "./chunk-HYXZD6JN.js";
import {
  REDACTED,
  Redactor,
  runSecrets
} from "./chunk-6MQO5ODA.js";
import {
  USER_AGENT
} from "./chunk-WQ3LWH7R.js";
import {
  HttpFailure
} from "./chunk-7POJXVZZ.js";

// packages/core/src/webhooks/client.ts
var TERMINAL = /* @__PURE__ */ new Set(["succeeded", "failed"]);
function maskedTarget(raw) {
  try {
    const url = new URL(raw);
    const shown = url.pathname === "/" && !url.search ? url.origin : `${url.origin}/${REDACTED}`;
    const parts = new Redactor();
    parts.add(raw, "public-url");
    return parts.redact(shown);
  } catch {
    return REDACTED;
  }
}
function locationUrl(location, base) {
  try {
    return new URL(location, base).toString();
  } catch {
    return location;
  }
}
function prepareRequest(options, now = Date.now()) {
  const body = JSON.stringify(options.event);
  const headers = {
    "content-type": "application/json",
    "user-agent": USER_AGENT,
    "idempotency-key": options.idempotencyKey,
    "webhook-id": options.idempotencyKey
  };
  if (options.bearerToken) headers.authorization = `Bearer ${options.bearerToken}`;
  if (options.signingSecret) {
    Object.assign(headers, signatureHeaders(options.signingSecret, options.idempotencyKey, body, now));
  }
  return { method: "POST", url: options.url, headers, body, signed: Boolean(options.signingSecret) };
}
function describeRequest(request) {
  const lines = [`${request.method} ${maskedTarget(request.url)}`];
  for (const [name, value] of Object.entries(request.headers)) {
    lines.push(`${name}: ${name === "authorization" ? `Bearer ${REDACTED}` : value}`);
  }
  lines.push("", request.body);
  return lines.join("\n");
}
function bodyExcerpt(body, redactor, maxLines = 5, maxChars = 400) {
  const text = redactor.redact(body.toString("utf8")).trim();
  if (!text) return "(empty body)";
  const lines = text.split(/\r?\n/).slice(0, maxLines);
  const joined = lines.join(" | ");
  return joined.length > maxChars ? `${joined.slice(0, maxChars)}\u2026` : joined;
}
function parseJson(body) {
  try {
    const value = JSON.parse(body.toString("utf8"));
    return value && typeof value === "object" && !Array.isArray(value) ? value : void 0;
  } catch {
    return void 0;
  }
}
async function sendWebhook(options) {
  const logger = options.logger ?? silentLogger;
  const label = options.label ?? `${options.event.type} webhook`;
  const redactor = new Redactor();
  const own = [options.idempotencyKey];
  const secret = (value, kind) => {
    redactor.add(value, kind, own);
    runSecrets.add(value, kind, own);
  };
  secret(options.url, "url");
  secret(options.bearerToken, "token");
  secret(options.signingSecret, "signing-secret");
  for (const extra of options.extraSecrets ?? []) secret(extra, "auto");
  const shown = (url) => redactor.redact(maskedTarget(url));
  const started = performance.now();
  const deadlineAt = Date.now() + options.deadlineMs;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const statusCodes = [];
  const target = shown(options.url);
  const delivery = (attempts2, error) => ({
    type: options.event.type,
    target,
    deliveryId: options.idempotencyKey,
    attempts: attempts2,
    statusCodes: [...statusCodes],
    durationMs: Math.round(performance.now() - started),
    dryRun: Boolean(options.dryRun),
    signed: Boolean(options.signingSecret),
    ...error ? { error } : {}
  });
  if (options.dryRun) {
    const text = describeRequest(prepareRequest(options));
    logger.info(`dry-run: ${label} not sent; the request would be:
${text}`);
    return {
      state: "accepted",
      deliveryId: options.idempotencyKey,
      delivery: delivery(0),
      message: `dry-run: ${label} not sent`,
      dryRunText: text
    };
  }
  const fail = (attempts2, message, status) => {
    const clean = redactor.redact(message);
    return {
      state: "failed",
      deliveryId: options.idempotencyKey,
      delivery: delivery(attempts2, clean),
      status,
      message: `${label} failed: ${clean}`
    };
  };
  let response;
  let attempt = 0;
  let lastProblem = "";
  for (attempt = 1; attempt <= maxAttempts; attempt++) {
    const remaining = deadlineAt - Date.now();
    if (remaining <= 0) break;
    const request = prepareRequest(options);
    const timeoutMs = Math.min(options.timeoutMs, remaining);
    let retryAfterMs;
    try {
      const answer = await httpRequest({
        url: request.url,
        method: request.method,
        headers: request.headers,
        body: request.body,
        timeoutMs,
        signal: options.signal,
        bodyLimit: 64 * 1024
      });
      statusCodes.push(answer.status);
      if (answer.status >= 200 && answer.status < 300) {
        response = answer;
        break;
      }
      if (answer.status >= 300 && answer.status < 400) {
        return fail(
          attempt,
          `HTTP ${answer.status}: the webhook answered with a redirect, which webhooks never follow; use the final URL${answer.headers.location ? ` (Location: ${shown(locationUrl(answer.headers.location, options.url))})` : ""}`,
          answer.status
        );
      }
      if (answer.status === 409) {
        return fail(
          attempt,
          `HTTP 409: the receiver already holds a different event under Idempotency-Key ${options.idempotencyKey} (a key reused for another type or body; not retried): ${bodyExcerpt(answer.body, redactor)}`,
          answer.status
        );
      }
      const retryable = answer.status >= 500 || answer.status === 429 || answer.status === 408;
      if (!retryable) {
        return fail(
          attempt,
          `HTTP ${answer.status} (not retried: a 4xx means the request itself is wrong): ${bodyExcerpt(answer.body, redactor)}`,
          answer.status
        );
      }
      retryAfterMs = parseRetryAfter(answer.headers["retry-after"]);
      lastProblem = `HTTP ${answer.status}${retryAfterMs !== void 0 ? ` (Retry-After ${formatDuration(retryAfterMs)})` : ""}: ${bodyExcerpt(answer.body, redactor, 1, 160)}`;
    } catch (error) {
      if (error instanceof HttpFailure && error.kind === "aborted") {
        return fail(attempt, "cancelled");
      }
      lastProblem = error instanceof HttpFailure ? error.message : errorMessage(error);
      if (error instanceof HttpFailure && error.kind === "timeout" && timeoutMs < options.timeoutMs) {
        lastProblem += " (the last attempt was cut short by the deadline)";
      }
    }
    if (attempt >= maxAttempts) break;
    const delay = nextDelay({ attempt, retryAfterMs, deadlineAt, baseMs: options.retryBaseMs ?? 500 });
    if (delay === void 0) {
      logger.warning(
        `${label}: attempt ${attempt} failed (${redactor.redact(lastProblem)}); no time left before the deadline for another attempt`
      );
      break;
    }
    logger.info(
      `${label}: attempt ${attempt} failed (${redactor.redact(lastProblem)}); retrying in ${formatDuration(delay)}`
    );
    await sleep(delay, options.signal);
    if (options.signal?.aborted) return fail(attempt, "cancelled");
  }
  if (!response) {
    const attempts2 = Math.min(attempt, maxAttempts);
    return fail(
      attempts2,
      `${lastProblem || "no attempt could be made before the deadline"} (${attempts2} attempt${attempts2 === 1 ? "" : "s"} in ${formatDuration(performance.now() - started)}; timeout ${formatDuration(options.timeoutMs)} per attempt, deadline ${formatDuration(options.deadlineMs)})`,
      statusCodes.at(-1)
    );
  }
  const json = parseJson(response.body);
  const location = response.headers.location ?? (typeof json?.statusUrl === "string" ? json.statusUrl : "");
  const immediateState = typeof json?.state === "string" ? json.state : void 0;
  const attempts = attempt;
  const base = {
    deliveryId: options.idempotencyKey,
    status: response.status
  };
  if (immediateState && TERMINAL.has(immediateState)) {
    const state = immediateState;
    return {
      ...base,
      state,
      delivery: delivery(attempts, state === "failed" ? "the webhook reported state failed" : void 0),
      polledState: redactor.redact(immediateState),
      message: redactor.redact(`${label} answered HTTP ${response.status} with state ${immediateState}`)
    };
  }
  if (!options.wait) {
    return {
      ...base,
      state: "accepted",
      delivery: delivery(attempts),
      statusUrl: location ? shown(locationUrl(location, options.url)) : void 0,
      message: `${label} accepted (HTTP ${response.status}, ${attempts} attempt${attempts === 1 ? "" : "s"})`
    };
  }
  if (!location) {
    logger.warning(
      `${label}: wait is set but the webhook gave no status URL (Location header or statusUrl in its JSON answer); treating HTTP ${response.status} as accepted`
    );
    return {
      ...base,
      state: "accepted",
      delivery: delivery(attempts),
      message: `${label} accepted (HTTP ${response.status}); no status URL to wait on`
    };
  }
  let statusUrl;
  try {
    statusUrl = new URL(location, options.url).toString();
  } catch {
    return fail(attempts, `the status URL the webhook answered with is not a URL`, response.status);
  }
  secret(statusUrl, "url");
  const polled = await pollStatus({
    statusUrl,
    sameOrigin: new URL(statusUrl).origin === new URL(options.url).origin,
    bearerToken: options.bearerToken,
    timeoutMs: options.timeoutMs,
    deadlineAt,
    intervalMs: options.pollIntervalMs ?? 2e3,
    logger,
    label,
    redactor,
    signal: options.signal
  });
  const shownStatusUrl = shown(statusUrl);
  if (polled.state === "succeeded" || polled.state === "failed") {
    return {
      ...base,
      state: polled.state,
      delivery: delivery(attempts, polled.state === "failed" ? polled.message : void 0),
      statusUrl: shownStatusUrl,
      polledState: polled.state,
      message: `${label}: ${polled.message}`
    };
  }
  return {
    ...base,
    state: "failed",
    delivery: delivery(attempts, polled.message),
    statusUrl: shownStatusUrl,
    polledState: polled.lastState === void 0 ? void 0 : redactor.redact(polled.lastState),
    message: `${label} failed: ${polled.message}`
  };
}
async function pollStatus(options) {
  const headers = { accept: "application/json", "user-agent": USER_AGENT };
  if (options.bearerToken && options.sameOrigin) headers.authorization = `Bearer ${options.bearerToken}`;
  let lastState;
  let lastProblem = "";
  let polls = 0;
  while (true) {
    const remaining = options.deadlineAt - Date.now();
    if (remaining <= 0) break;
    polls += 1;
    try {
      const answer = await httpRequest({
        url: options.statusUrl,
        headers,
        timeoutMs: Math.min(options.timeoutMs, remaining),
        signal: options.signal,
        bodyLimit: 64 * 1024
      });
      if (answer.status >= 200 && answer.status < 300) {
        const state = parseJson(answer.body)?.state;
        if (typeof state === "string") {
          if (state !== lastState)
            options.logger.info(options.redactor.redact(`${options.label}: status is ${state}`));
          lastState = state;
          if (state === "succeeded") return { state, message: `succeeded (after ${polls} status polls)` };
          if (state === "failed") return { state, message: `the status URL reported state failed` };
        } else {
          lastProblem = 'the status answer has no string "state" field';
        }
      } else if (answer.status >= 400 && answer.status < 500 && answer.status !== 429 && answer.status !== 408) {
        return {
          state: "failed",
          lastState,
          message: `the status URL answered HTTP ${answer.status}: ${bodyExcerpt(answer.body, options.redactor)}`
        };
      } else {
        lastProblem = `status URL answered HTTP ${answer.status}`;
      }
    } catch (error) {
      if (error instanceof HttpFailure && error.kind === "aborted") {
        return { state: "unfinished", lastState, message: "cancelled while waiting for completion" };
      }
      lastProblem = `status URL: ${errorMessage(error)}`;
    }
    const wait = Math.min(options.intervalMs, options.deadlineAt - Date.now());
    if (wait <= 0) break;
    await sleep(wait, options.signal);
    if (options.signal?.aborted)
      return { state: "unfinished", lastState, message: "cancelled while waiting for completion" };
  }
  return {
    state: "unfinished",
    lastState,
    message: options.redactor.redact(
      `not finished by the deadline (last state: ${lastState ?? "unknown"}${lastProblem ? `; ${lastProblem}` : ""})`
    )
  };
}

export {
  maskedTarget,
  sendWebhook
};
