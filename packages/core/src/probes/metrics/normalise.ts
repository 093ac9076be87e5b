import { ConfigurationError } from '../../errors.js';
import { redactUrl } from '../../redact.js';
import { defaultProbeName, type ProbeFileEntry, type PrometheusProbe } from '../schema.js';
import { ALWAYS_SECRET_HEADERS, classifyUrl } from '../urls.js';
import type { MetricEntryFields } from './entry.js';
import { metricEnvRefs } from './template.js';

/*
 * Turns a `type: prometheus` probes file entry into a probe (every default applied), and refuses the
 * metric fields on any other probe. No zod here: load.ts imports this module on every run.
 */

/** The fields only a prometheus probe takes (entry.ts holds their schemas). */
export const METRIC_ONLY_FIELDS = [
  'query',
  'min',
  'max',
  'baseline',
  'initialDelay',
  'interval',
  'count',
  'failureLimit',
  'consecutiveErrorLimit',
  'inconclusiveLimit',
  'noData',
  'bearerToken',
] as const;

/** Fields of other probe types, and why a prometheus probe has no use for them. */
const NOT_FOR_METRICS: Record<string, string> = {
  command: "a prometheus probe queries 'url'",
  args: "a prometheus probe queries 'url'",
  method: 'queries are always POSTed to <url>/api/v1/query',
  body: "the request body is the 'query'",
  expectedStatus: "a prometheus probe judges the query's value with min, max or baseline",
  assertions: "a prometheus probe judges the query's value with min, max or baseline",
  latencyBudget: 'judge latency with a query instead, e.g. histogram_quantile(0.99, ...) with max',
  followRedirects: 'queries never follow redirects',
  capture: 'a prometheus probe records its verdict with resultKey',
  script: 'script applies to ws probes',
  versionFrom: 'a prometheus probe does not check versions; use {{ version }} in its query',
  checkVersion: 'a prometheus probe does not check versions; use {{ version }} in its query',
};

const DEFAULTS = {
  initialDelayMs: 0,
  intervalMs: 30_000,
  count: 1,
  failureLimit: 0,
  // As Argo Rollouts.
  consecutiveErrorLimit: 4,
  inconclusiveLimit: 0,
  noData: 'fail',
} as const;

type MetricEntry = ProbeFileEntry & MetricEntryFields & { watch?: unknown };

/** Throws naming the first metric-only field on an http, ws, tcp or command probe; returns the entry. */
export function refuseMetricFields<E extends object>(entry: E, where: string): E {
  const used = METRIC_ONLY_FIELDS.find((field) => (entry as Record<string, unknown>)[field] !== undefined);
  if (used) {
    throw new ConfigurationError(
      `${where}: '${used}' applies to prometheus probes only; add type: prometheus (and url: the Prometheus API's base URL) or remove '${used}'`,
    );
  }
  return entry;
}

/** A `type: prometheus` entry as a probe; throws a ConfigurationError naming `where`, the field and the fix. */
export function normaliseMetricEntry(raw: ProbeFileEntry, where: string): PrometheusProbe {
  const entry = raw as MetricEntry;
  const fail = (message: string): never => {
    throw new ConfigurationError(`${where}: ${message}`);
  };
  if (entry.step) {
    fail(
      `a prometheus probe cannot be a step of a scenario (it has its own window); list it under probes: and record its verdict with resultKey`,
    );
  }
  if (entry.watch !== undefined)
    fail('a prometheus probe has its own window: use interval and count, not watch');
  for (const [field, why] of Object.entries(NOT_FOR_METRICS)) {
    if ((entry as Record<string, unknown>)[field] !== undefined)
      fail(`'${field}' does not apply to a prometheus probe (${why})`);
  }
  if (!entry.url || !entry.query) {
    const missing = [!entry.url ? "'url'" : '', !entry.query ? "'query'" : ''].filter(Boolean).join(' and ');
    fail(
      `a prometheus probe needs 'url' and 'query' (missing ${missing}), e.g. url: https://prometheus.example.com and query: sum(rate(http_requests_total{code=~"5.."}[2m])) / sum(rate(http_requests_total[2m]))`,
    );
  }
  const url = entry.url!;
  if (/\{\{[^{}]*\}\}/.test(url)) {
    fail(
      "templates are not filled in a prometheus probe's url; put a tenant or credentials in headers or bearerToken, e.g. headers: { X-Scope-OrgID: '{{ environment }}' }",
    );
  }
  const classified = classifyUrl(url);
  if (typeof classified === 'string') fail(classified);
  if (typeof classified !== 'string' && classified.type !== 'http') {
    fail(
      `'${redactUrl(url)}' is not an http(s):// URL; a prometheus probe's url is the API's base URL, e.g. https://prometheus.example.com`,
    );
  }
  if (entry.min === undefined && entry.max === undefined && !entry.baseline) {
    fail(
      "a prometheus probe needs at least one of 'min', 'max' or 'baseline' to judge the value by, e.g. max: 0.01",
    );
  }
  if (entry.min !== undefined && entry.max !== undefined && entry.min > entry.max) {
    fail(`min ${entry.min} is above max ${entry.max}, so no value could pass; swap them`);
  }
  const headers = entry.headers ?? {};
  if (entry.bearerToken && Object.keys(headers).some((name) => name.toLowerCase() === 'authorization')) {
    fail('give either bearerToken or an Authorization header, not both');
  }
  // Template syntax is checked now; the values are filled (and env variables looked up) when it runs.
  const templated: string[] = [];
  const check = (text: string, field: string) => {
    let names: string[] = [];
    try {
      names = metricEnvRefs(text, field);
    } catch (error) {
      fail((error as Error).message);
    }
    for (const name of names) {
      if (/^(ACTIONS_|INPUT_|RUNNER_)/i.test(name)) {
        fail(
          `${field}: {{ env.${name} }}: runner variables (ACTIONS_*, INPUT_*, RUNNER_*) cannot be sent to a probe; pass what the probe needs with env: under its own name`,
        );
      }
      templated.push(field);
    }
  };
  check(entry.query!, 'query');
  for (const [name, value] of Object.entries(headers)) {
    check(value, `header '${name}'`);
  }
  if (entry.bearerToken) check(entry.bearerToken, 'bearerToken');
  // A header filled from {{ env.NAME }} carries a secret, as in http probes.
  const envHeaders = Object.keys(headers).filter((name) => templated.includes(`header '${name}'`));
  const secretHeaders = [
    ...new Set(
      [...ALWAYS_SECRET_HEADERS, ...(entry.secretHeaders ?? []), ...envHeaders].map((h) => h.toLowerCase()),
    ),
  ];
  const probe: PrometheusProbe = {
    type: 'prometheus',
    name: entry.name ?? defaultProbeName({ url }),
    target: redactUrl(new URL(url).toString()),
    dryRun: entry.dryRun ?? false,
    assertions: [],
    ...(entry.timeout !== undefined ? { timeoutMs: entry.timeout } : {}),
    ...(entry.resultKey ? { scenario: { assertions: [], captures: [], resultKey: entry.resultKey } } : {}),
    url,
    query: entry.query!,
    headers: { ...headers },
    secretHeaders,
    ...(entry.bearerToken ? { bearerToken: entry.bearerToken } : {}),
    ...(entry.min !== undefined ? { min: entry.min } : {}),
    ...(entry.max !== undefined ? { max: entry.max } : {}),
    ...(entry.baseline ? { baseline: entry.baseline } : {}),
    initialDelayMs: entry.initialDelay ?? DEFAULTS.initialDelayMs,
    intervalMs: entry.interval ?? DEFAULTS.intervalMs,
    count: entry.count ?? DEFAULTS.count,
    failureLimit: entry.failureLimit ?? DEFAULTS.failureLimit,
    consecutiveErrorLimit: entry.consecutiveErrorLimit ?? DEFAULTS.consecutiveErrorLimit,
    inconclusiveLimit: entry.inconclusiveLimit ?? DEFAULTS.inconclusiveLimit,
    noData: entry.noData ?? DEFAULTS.noData,
  };
  return probe;
}
