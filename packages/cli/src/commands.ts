/** Exit code for bad usage (unknown flag, invalid value), as opposed to a failed gate (1). */
export const USAGE_EXIT = 2;

export interface CommandModule {
  /** Runs the command with its own arguments; resolves to the exit code. */
  run(argv: string[]): Promise<number>;
}

interface CommandEntry {
  summary: string;
  load: () => Promise<CommandModule>;
}

/**
 * Every command, loaded on demand so that `release-gate smoke` pays only for the smoke engine.
 * Static import() calls keep each command inside the single bundle.
 */
export const COMMANDS = {
  version: { summary: 'print the version', load: () => import('./commands/version.js') },
  report: {
    summary: 'finalise a gate: verdict, evidence bundle, release log, summary',
    load: () => import('./commands/report.js'),
  },
  'verify-evidence': {
    summary: 're-check an evidence bundle against its manifest (sha256)',
    load: () => import('./commands/verify-evidence.js'),
  },
} satisfies Record<string, CommandEntry>;

export type CommandName = keyof typeof COMMANDS;
