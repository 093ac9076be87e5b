import type { CommandModule } from './exit-codes.js';

interface CommandEntry {
  summary: string;
  load: () => Promise<CommandModule>;
}

/**
 * Every command, loaded on demand so that `release-gate smoke` pays only for the smoke engine: each
 * import() is a chunk of its own in packages/cli/dist/.
 */
export const COMMANDS = {
  version: { summary: 'print the version', load: () => import('./commands/version.js') },
  demo: {
    summary: 'a local release gate with no setup (sample service, smoke, report)',
    load: () => import('./commands/demo.js'),
  },
  smoke: {
    summary: 'smoke http, ws, tcp and command targets; write the report smoke section',
    load: () => import('./commands/smoke.js'),
  },
  report: {
    summary: 'finalise a gate: verdict, evidence bundle, release log, summary',
    load: () => import('./commands/report.js'),
  },
  'verify-evidence': {
    summary: 're-check an evidence bundle against its manifest (sha256)',
    load: () => import('./commands/verify-evidence.js'),
  },
  'drill-evaluate': {
    summary: 'evaluate a rollback drill: statuses, alert conditions, deltas, drill log',
    load: () => import('./commands/drill-evaluate.js'),
  },
  'readiness-checklist': {
    summary: 'go/no-go readiness checklist with a decision record',
    load: () => import('./commands/readiness-checklist.js'),
  },
  evidence: {
    summary: 'readiness evidence of one kind: receiver-validation, receiver-drill or load-calibration',
    load: () => import('./commands/evidence.js'),
  },
  'deploy-webhook': {
    summary: 'send a signed, idempotent deploy webhook; optionally wait for completion',
    load: () => import('./commands/deploy-webhook.js'),
  },
  'trigger-rollback': {
    summary: 'trigger a rollback webhook to the last known-good version',
    load: () => import('./commands/trigger-rollback.js'),
  },
  'rollback-verify': {
    summary: 'verify a rollback: re-smoke, verify webhook, release_gate.callback to the metrics receiver',
    load: () => import('./commands/rollback-verify.js'),
  },
  receiver: {
    summary: 'run the reference webhook receiver (signatures, dedupe, event log, /metrics)',
    load: () => import('./commands/receiver.js'),
  },
} satisfies Record<string, CommandEntry>;

export type CommandName = keyof typeof COMMANDS;

/**
 * The older verbs, still accepted: each runs a command under its action's name (the evidence verbs with
 * their kind as the first argument).
 */
export const ALIASES: Record<string, { command: CommandName; prepend?: string[] }> = {
  deploy: { command: 'deploy-webhook' },
  rollback: { command: 'trigger-rollback' },
  verify: { command: 'rollback-verify' },
  readiness: { command: 'readiness-checklist' },
  'validate-receiver': { command: 'evidence', prepend: ['receiver-validation'] },
  'drill-receiver': { command: 'evidence', prepend: ['receiver-drill'] },
  'calibrate-load': { command: 'evidence', prepend: ['load-calibration'] },
};

/** The command a verb names, with the arguments it runs with; undefined for an unknown verb. */
export function resolveCommand(
  verb: string,
  argv: string[],
): { name: CommandName; entry: CommandEntry; argv: string[] } | undefined {
  if (verb in COMMANDS) return { name: verb as CommandName, entry: COMMANDS[verb as CommandName], argv };
  const alias = ALIASES[verb];
  if (!alias) return undefined;
  return { name: alias.command, entry: COMMANDS[alias.command], argv: [...(alias.prepend ?? []), ...argv] };
}
