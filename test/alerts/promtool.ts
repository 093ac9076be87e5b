import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { CallbackEventSpec } from '../drill/fixtures.js';

const run = promisify(execFile);
export const METRIC = 'release_gate_rollback_callback_events_total';
export const INTERVAL_MS = 5 * 60_000;
const BASELINE = 1000;

/**
 * The receiver's counter `release_gate_rollback_callback_events_total{environment,state}` for an event
 * history, as promtool `input_series`: sampled every 5m from `timelineMs` before `now` up to `now`, each
 * series starting at a baseline of 1000 so increase() is never clamped at zero and every series of the
 * metric has the same sample times (so extrapolation scales them alike).
 */
export function inputSeries(
  events: CallbackEventSpec[],
  timelineMs: number,
): Array<{ series: string; values: string }> {
  const samples = Math.round(timelineMs / INTERVAL_MS) + 1;
  const environments = [...new Set(events.map((event) => event.environment))].sort();
  const result: Array<{ series: string; values: string }> = [];
  for (const environment of environments) {
    for (const state of ['verified', 'failed']) {
      const values: number[] = [];
      const times = events
        .filter((event) => event.environment === environment && event.state === state)
        .map((event) => timelineMs - event.ageMs)
        .sort((a, b) => a - b);
      let count = BASELINE;
      let next = 0;
      for (let index = 0; index < samples; index++) {
        const at = index * INTERVAL_MS;
        while (next < times.length && times[next]! <= at) {
          count += 1;
          next += 1;
        }
        values.push(count);
      }
      const runs: string[] = [];
      for (let start = 0; start < values.length; ) {
        let end = start;
        while (end + 1 < values.length && values[end + 1] === values[start]) end += 1;
        runs.push(`${values[start]}+0x${end - start}`);
        start = end + 1;
      }
      result.push({
        series: `${METRIC}{environment="${environment}",state="${state}"}`,
        values: runs.join(' '),
      });
    }
  }
  return result;
}

export async function promtoolTest(file: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run('promtool', ['test', 'rules', file], { timeout: 60_000 });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}${failure.message}` };
  }
}
