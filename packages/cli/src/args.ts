import { type ParseArgsConfig, parseArgs } from 'node:util';
import { ConfigurationError, type InputSource, type InputSpecs, runSecrets } from '@release-actions/core';

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

/** What `flagSource` read: the source for `parseInputs`, and whether `--help` was asked for. */
export interface FlagInputs {
  source: InputSource;
  help: boolean;
}

/**
 * The CLI side of an action's spec: each input is the flag of the same name (`flag: 'boolean'` a bare
 * switch, `flag: 'multiple'` repeatable and joined by newlines), falling back to the input's `env`
 * variable. `extra` adds CLI-only flags. Unknown flags are bad usage (a ConfigurationError with the usage).
 */
export function flagSource(
  argv: string[],
  inputs: InputSpecs,
  usage: string,
  env: NodeJS.ProcessEnv = process.env,
  extra: ArgOptions = {},
): FlagInputs & { values: Record<string, string | boolean | string[] | undefined> } {
  const options: ArgOptions = { ...extra };
  for (const [name, input] of Object.entries(inputs)) {
    options[name] =
      input.flag === 'boolean'
        ? { type: 'boolean' }
        : input.flag === 'multiple'
          ? { type: 'string', multiple: true }
          : { type: 'string' };
  }
  const parsed = parseFlags(argv, options, usage);
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const read = (name: string): string => {
    const value = values[name];
    if (value === undefined) {
      const variable = inputs[name]?.env;
      return (variable ? env[variable] : undefined)?.trim() ?? '';
    }
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    return (Array.isArray(value) ? value.join('\n') : value).trim();
  };
  return {
    source: {
      read,
      describe: (name) => `--${name}`,
      example: (name, value) => (inputs[name]?.flag === 'boolean' ? `--${name}` : `--${name} ${value}`),
      // A secret flag joins the run's secrets: every output of the command is scrubbed of it and its parts.
      mask: (value) => {
        runSecrets.add(value);
      },
    },
    help: Boolean(values.help),
    values,
  };
}
