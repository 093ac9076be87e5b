/**
 * The probe engine: load probes (`loadProbes`), run them under a policy (`runSmoke`), get the report's
 * smoke section. No @actions/* import: hosts inject a command runner, a logger and a redactor.
 */
export { checkProbeWindows, runSmoke, type SmokeDeps, type SmokeProgress } from './engine.js';
export { type AttemptVerdict, type CapturedValue, captureLines, evaluateAttempt } from './evaluate.js';
export { EXECUTORS } from './executors/index.js';
export type {
  CommandOutcome,
  CommandRequest,
  ExecuteContext,
  Executor,
  Observation,
  RunCommand,
} from './executors/types.js';
export {
  ALWAYS_SECRET_HEADERS,
  classifyUrl,
  type LoadProbesOptions,
  loadProbes,
  normaliseProbe,
  type ProbeDefaults,
  parseProbesText,
  readProbesFile,
  splitCommandLine,
  splitUrlList,
} from './load.js';
export { type ProbeOutcome, type ProbeRunContext, runProbe } from './policy.js';
export * from './schema.js';
export { latencySummary } from './stats.js';
