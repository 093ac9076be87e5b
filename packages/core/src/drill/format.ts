import { formatDuration } from '../duration.js';

const DAY = 86_400_000;

/** Durations as users write windows: whole days from 2 days as `14d`, otherwise `24h`, `1h30m`, `45s`. */
export function formatWindow(ms: number, approximate = false): string {
  if (approximate && ms >= 2 * DAY) return `${Math.round((ms / DAY) * 10) / 10}d`;
  if (ms >= 2 * DAY && ms % DAY === 0) return `${ms / DAY}d`;
  return formatDuration(ms);
}

/** `2026-01-15 11:00` (UTC), the drill log's date column. */
export function formatLogDate(date: Date): string {
  return date.toISOString().slice(0, 16).replace('T', ' ');
}
