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

/**
 * A gate that did its job and said no (verdict `blocked`, readiness `NO-GO`, a drill that needs attention
 * under fail-on-attention). Not a mistake to fix in the inputs: actions fail the step with the message,
 * the CLI exits 1 (a failed gate) rather than 2 (bad usage).
 */
export class GateBlocked extends Error {
  override name = 'GateBlocked';
}
