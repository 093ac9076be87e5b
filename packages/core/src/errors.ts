/**
 * A mistake the user can fix (bad input, missing file, unreadable report). Actions report it as a plain
 * error message; anything else is treated as a bug and reported with its stack.
 */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
