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
