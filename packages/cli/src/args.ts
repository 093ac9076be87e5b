import { type ParseArgsConfig, parseArgs } from 'node:util';
import { ConfigurationError } from '@release-actions/core';

export type ArgOptions = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses flags with node's own parser (strict: unknown flags are errors). Throws a ConfigurationError
 * with the usage text so the caller can exit 2.
 */
export function parseFlags<O extends ArgOptions>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: false,
      strict: true,
    });
  } catch (error) {
    throw new ConfigurationError(`${(error as Error).message}\n\n${usage}`);
  }
}

/** A flag's value is wrong in a way that is bad usage (exit 2), found after the flags were parsed. */
export class UsageError extends ConfigurationError {}

/** `--now <iso>`: the time a command evaluates at (default: now); anything but an ISO 8601 timestamp is bad usage. */
export function nowFlag(raw: string | undefined): Date {
  if (raw === undefined) return new Date();
  const now = new Date(/^\d{4}-\d{2}-\d{2}T/.test(raw) ? raw : Number.NaN);
  if (Number.isNaN(now.getTime()))
    throw new UsageError(`--now '${raw}' is not an ISO 8601 timestamp, e.g. 2026-01-15T11:00:00Z`);
  return now;
}
