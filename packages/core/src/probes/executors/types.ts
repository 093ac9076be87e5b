import type { ScenarioObservation } from '../scenario/ws-script.js';
import type { AttemptProbe, AttemptProbeType, SmokePolicy } from '../schema.js';

/** Why an attempt got no usable answer. */
export type ObservationErrorKind = 'timeout' | 'connection' | 'aborted' | 'redirect' | 'setup';

/**
 * What one attempt saw, before any judgement: executors observe, `evaluate.ts` decides. Fields are filled
 * as far as the probe type has them.
 */
export interface Observation {
  durationMs: number;
  /** HTTP status of the final answer; 101 for a WebSocket handshake that succeeded. */
  status?: number;
  headers?: Record<string, string>;
  body?: Buffer;
  bodyTruncated?: boolean;
  /** Redirects followed before the final answer. */
  redirects?: number;
  /** The attempt got no complete answer. */
  error?: { kind: ObservationErrorKind; message: string };
  /** Command probes. */
  exitCode?: number | null;
  stdout?: string;
  /** A command that failed or timed out: the last lines it printed (`commandOutputTail`), unredacted. */
  outputTail?: string;
  /** A ws script's conversation: captures, round trips, summary. */
  scenario?: ScenarioObservation;
}

/** A command run: `command` is the program, `args` its arguments (no shell). */
export interface CommandRequest {
  command: string;
  args: string[];
  timeoutMs: number;
  signal: AbortSignal;
}

export interface CommandOutcome {
  /** null when the process was killed (timeout, cancellation) or never started. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Why it could not start (e.g. `ENOENT: no such file`). */
  error?: string;
}

/**
 * Runs a command probe. Injected: the action, the CLI and the demo pass `commandRunner` (process/), tests a
 * fake. Must resolve (never reject) and never outlive `timeoutMs`.
 */
export type RunCommand = (request: CommandRequest) => Promise<CommandOutcome>;

export interface ExecuteContext {
  /** For this attempt, already capped by the run's deadline. */
  timeoutMs: number;
  signal: AbortSignal;
  policy: SmokePolicy;
  runCommand?: RunCommand;
}

export type Executor<P extends AttemptProbe = AttemptProbe> = (
  probe: P,
  context: ExecuteContext,
) => Promise<Observation>;

export type ExecutorTable = { [T in AttemptProbeType]: Executor<Extract<AttemptProbe, { type: T }>> };
