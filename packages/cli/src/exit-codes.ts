/** Exit code for a gate that failed or blocked (a probe failed, verdict blocked, NO-GO). */
export const GATE_FAILED_EXIT = 1;

/** Exit code for bad usage (unknown flag, invalid value), as opposed to a failed gate (1). */
export const USAGE_EXIT = 2;

export interface CommandModule {
  /**
   * Runs the command with its own arguments; resolves to the exit code. It may also throw: main.ts maps a
   * GateBlocked to GATE_FAILED_EXIT and a ConfigurationError to USAGE_EXIT.
   */
  run(argv: string[]): Promise<number>;
}
