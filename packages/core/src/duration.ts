import * as z from 'zod';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;

/**
 * Parses `500ms`, `10s`, `2m`, `1h30m`, `7d` or bare seconds (`30`) into milliseconds.
 * Returns undefined for anything else so callers can name the input in their error.
 */
export function parseDuration(text: string): number | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  for (let match = PART.exec(value); match; match = PART.exec(value)) {
    total += Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
    consumed = PART.lastIndex;
  }
  return consumed === value.length && consumed > 0 ? Math.round(total) : undefined;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1).replace(/\.?0+$/, '')}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  if (minutes < 60) return seconds ? `${minutes}m${seconds}s` : `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours}h${minutes % 60}m` : `${hours}h`;
}

/** When a step ran, as a report section records it: ISO start and finish and the milliseconds between. */
export function timeSpan(
  started: Date,
  finished: Date,
): { startedAt: string; finishedAt: string; durationMs: number } {
  return {
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
  };
}

/** A zod schema for a duration string; the parsed value is milliseconds. */
export const durationSchema = z.union([z.string(), z.number()]).transform((raw, ctx) => {
  const ms = typeof raw === 'number' ? Math.round(raw * 1000) : parseDuration(raw);
  if (ms === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `'${raw}' is not a duration; use e.g. 500ms, 10s, 2m, 1h30m or 30`,
    });
    return z.NEVER;
  }
  return ms;
});
