import { type CallbackEventSpec, DAY, HOUR } from '../drill/fixtures.js';

export const ALERTS = {
  present: 'ReleaseGateRollbackCallbackFailuresPresent',
  rate: 'ReleaseGateRollbackCallbackFailureRateCritical',
  missing: 'ReleaseGateRollbackCallbackDrillMissing',
} as const;

/**
 * One event history and the alerts that must fire on it, per environment. The same list feeds the
 * drill-evaluate end-to-end tests (as an event log) and the promtool agreement test (as counter series).
 * Every event sits at least 30m from each window edge (6h, 24h, 14d) and from `now`, so sampling and
 * increase()'s extrapolation cannot move it across a threshold.
 */
export interface AlertScenario {
  name: string;
  events: CallbackEventSpec[];
  firing: Record<string, string[]>;
}

const staging: CallbackEventSpec[] = [
  { environment: 'staging', state: 'verified', ageMs: 3 * HOUR },
  { environment: 'staging', state: 'verified', ageMs: 5 * DAY },
];
const prod = (state: CallbackEventSpec['state'], ageMs: number): CallbackEventSpec => ({
  environment: 'production',
  state,
  ageMs,
});

export const ALERT_SCENARIOS: AlertScenario[] = [
  {
    name: 'healthy history: nothing fires',
    events: [...staging, prod('verified', 2 * HOUR), prod('verified', 3 * DAY)],
    firing: { staging: [], production: [] },
  },
  {
    name: 'callback failure inside 6h: failures-present fires',
    events: [...staging, prod('failed', 4 * HOUR), prod('verified', 3 * DAY)],
    firing: { staging: [], production: [ALERTS.present] },
  },
  {
    name: 'callback failure outside 6h (8h ago): failures-present does not fire',
    events: [...staging, prod('failed', 8 * HOUR), prod('verified', 3 * DAY)],
    firing: { staging: [], production: [] },
  },
  {
    name: '1 of 3 failed in 24h (33%): the rate alert fires',
    events: [...staging, prod('failed', 10 * HOUR), prod('verified', 12 * HOUR), prod('verified', 20 * HOUR)],
    firing: { staging: [], production: [ALERTS.rate] },
  },
  {
    name: '1 of 5 failed in 24h (20%, not above): the rate alert does not fire',
    events: [
      ...staging,
      prod('failed', 10 * HOUR),
      prod('verified', 11 * HOUR),
      prod('verified', 12 * HOUR),
      prod('verified', 13 * HOUR),
      prod('verified', 14 * HOUR),
    ],
    firing: { staging: [], production: [] },
  },
  {
    name: '2 events only, both failed: below the minimum volume, the rate alert cannot fire',
    events: [...staging, prod('failed', 9 * HOUR), prod('failed', 10 * HOUR)],
    firing: { staging: [], production: [] },
  },
  {
    name: 'last production event 15 days ago: drill missing fires',
    events: [...staging, prod('verified', 15 * DAY)],
    firing: { staging: [], production: [ALERTS.missing] },
  },
  {
    name: 'last production event 13 days ago: drill missing does not fire',
    events: [...staging, prod('verified', 13 * DAY)],
    firing: { staging: [], production: [] },
  },
  {
    name: 'failures inside 6h at 2 of 3: both failure alerts fire',
    events: [...staging, prod('failed', 2 * HOUR), prod('failed', 3 * HOUR), prod('verified', 12 * HOUR)],
    firing: { staging: [], production: [ALERTS.present, ALERTS.rate] },
  },
];

/** Window edges the scenarios keep clear of. */
export const WINDOW_EDGES_MS = [0, 6 * HOUR, 24 * HOUR, 14 * DAY];
export const EDGE_MARGIN_MS = 30 * 60_000;
