import { ConfigurationError } from '../../errors.js';
import { REDACTED, Redactor } from '../../redact.js';
import { parseStatusList } from '../../status-list.js';
import type { ProbeOutcome } from '../policy.js';
import type { Probe } from '../schema.js';
import {
  describeSource,
  type ScenarioAssertion,
  type ScenarioOptions,
  type StepRef,
  type ValueSource,
} from './schema.js';
import {
  collectRefs,
  hasTemplate,
  refText,
  renderDeep,
  renderTemplate,
  stringsIn,
  type TemplateRef,
} from './template.js';

type CapturedValue = string | number | boolean | null;

/** What the `expected-version` / `version-from` inputs (or CLI flags) give every http probe. */
export interface ScenarioDefaults {
  expectedVersion?: string;
  versionFrom?: ValueSource;
}

/** The subset of a probe file entry this module reads (the entry schema is the authority). */
interface ScenarioEntry {
  url?: string;
  headers?: Record<string, string>;
  body?: unknown;
  expectedStatus?: unknown;
  assertions?: Array<{ subject: string }>;
  followRedirects?: boolean;
  secretHeaders?: string[];
  capture?: ScenarioOptions['captures'];
  script?: ScenarioOptions['script'];
  versionFrom?: ValueSource;
  checkVersion?: boolean;
  resultKey?: string;
  step?: StepRef;
}

const REDIRECT_STATUSES = parseStatusList('300-399')!;
const PLACEHOLDER = (index: number) => `tmpl${index}x`;

/**
 * Turns a probe file entry into a probe with its scenario options, around the engine's own
 * `normaliseProbe` (passed in): templates are replaced by placeholders for validation and kept for the
 * run; header and text assertions, captures, scripts and the version check go into `probe.scenario`.
 * An entry without any of it gives exactly what `normaliseProbe` gives.
 */
export function normaliseWithScenario<E extends object, D extends { scenario?: ScenarioDefaults }>(
  rawEntry: E,
  defaults: D,
  rawWhere: string,
  normalise: (entry: E, defaults: D, where: string) => Probe,
): Probe {
  const entry = rawEntry as E & ScenarioEntry;
  const step = entry.step;
  const where = step
    ? rawWhere.replace(/probe \d+$/, `scenario '${step.scenario}', step ${step.index + 1}`)
    : rawWhere;
  const fail = (message: string): never => {
    throw new ConfigurationError(`${where}: ${message}`);
  };
  const assertions = (entry.assertions ?? []).filter((a) => a.subject !== 'body') as ScenarioAssertion[];
  let refs: TemplateRef[];
  try {
    refs = collectRefs(entry as Record<string, unknown>);
  } catch (error) {
    return fail((error as Error).message);
  }
  const stepRef = refs.find((ref) => ref.kind === 'step');
  if (stepRef && !step) fail(`${refText(stepRef)} can only be used by a step of a scenario (under steps:)`);
  for (const ref of refs) {
    if (ref.kind === 'env' && /^(ACTIONS_|INPUT_|RUNNER_)/i.test(ref.name))
      fail(
        `${refText(ref)}: runner variables (ACTIONS_*, INPUT_*, RUNNER_*) cannot be sent to a probe; pass what the probe needs with env: under its own name`,
      );
    if (ref.kind === 'env' && process.env[ref.name] === undefined)
      fail(
        `${refText(ref)}: the environment variable ${ref.name} is not set (pass it with env: in the workflow)`,
      );
  }
  // Validate the shape with placeholders; the real values are only known at run time.
  const placeholders: string[] = [];
  const placeholderFor = (text: string) =>
    renderTemplate(text, (ref) => {
      placeholders.push(refText(ref));
      return PLACEHOLDER(placeholders.length - 1);
    });
  // A header filled from a template carries a secret: masked, and dropped when a redirect leaves the origin.
  const templatedHeaders = Object.entries(entry.headers ?? {})
    .filter(([, value]) => hasTemplate(value))
    .map(([name]) => name);
  const secretHeaders = templatedHeaders.length
    ? { secretHeaders: [...(entry.secretHeaders ?? []), ...templatedHeaders] }
    : {};
  const base = {
    ...entry,
    ...secretHeaders,
    ...(entry.url ? { url: placeholderFor(entry.url) } : {}),
    ...(entry.followRedirects === false && entry.expectedStatus === undefined
      ? { expectedStatus: REDIRECT_STATUSES }
      : {}),
  } as E;
  let probe = normalise(base, defaults, where);
  const restore = (text: string) =>
    placeholders.reduce((out, original, index) => out.split(PLACEHOLDER(index)).join(original), text);
  probe = withJsonContentType(
    {
      ...probe,
      name: step ? `${step.scenario}/${step.step}` : restore(probe.name),
      target: restore(probe.target),
    },
    entry.body,
  );

  if (entry.followRedirects !== undefined && probe.type !== 'http')
    fail('followRedirects applies to http probes only');
  if (entry.capture?.length && probe.type !== 'http')
    fail('capture applies to http probes; in a ws probe, capture inside an expect step of its script');
  if (assertions.length && probe.type !== 'http')
    fail('header and text assertions apply to http probes (a ws script checks messages with expect)');
  if (entry.script && probe.type !== 'ws') fail('script applies to ws:// and wss:// probes only');
  const templated =
    refs.length > 0 ||
    [entry.url ?? '', ...stringsIn(entry.headers ?? {}), ...stringsIn(entry.body)].some(hasTemplate);

  let version: ScenarioOptions['version'];
  const expected = defaults.scenario?.expectedVersion;
  if (expected && probe.type === 'http' && entry.checkVersion !== false) {
    const source = entry.versionFrom ?? defaults.scenario?.versionFrom;
    if (!source)
      fail(
        'expected-version is set but no version-from says where the version is (e.g. header:x-app-version)',
      );
    version = { expected, source: source! };
  }
  const scenario: ScenarioOptions = {
    assertions,
    captures: entry.capture ?? [],
    ...(entry.followRedirects !== undefined ? { followRedirects: entry.followRedirects } : {}),
    ...(entry.script ? { script: entry.script } : {}),
    ...(version ? { version } : {}),
    ...(entry.resultKey ? { resultKey: entry.resultKey } : {}),
    ...(step ? { step } : {}),
    ...(templated
      ? {
          template: {
            entry: {
              ...entry,
              ...secretHeaders,
              assertions: (entry.assertions ?? []).filter((a) => a.subject === 'body'),
            },
            where,
          },
        }
      : {}),
  };
  const used =
    assertions.length ||
    scenario.captures.length ||
    scenario.followRedirects !== undefined ||
    scenario.script ||
    version ||
    scenario.resultKey ||
    step ||
    templated;
  if (!used) return probe;
  // Re-normalising a resolved entry at run time needs the same function and defaults.
  renormalisers.set(scenario, (resolved) => normalise(resolved as E, defaults, where));
  return { ...probe, scenario };
}

/** A JSON body (an object or list in the file) is sent as `application/json` unless a Content-Type is given. */
function withJsonContentType(probe: Probe, body: unknown): Probe {
  if (probe.type !== 'http' || body === undefined || typeof body === 'string') return probe;
  if (Object.keys(probe.headers).some((name) => name.toLowerCase() === 'content-type')) return probe;
  return { ...probe, headers: { ...probe.headers, 'Content-Type': 'application/json' } };
}

const renormalisers = new WeakMap<ScenarioOptions, (entry: Record<string, unknown>) => Probe>();

/** Fails every probe that needs a version check when none got one (e.g. only ws probes). */
export function checkVersionTargets(
  probes: readonly Probe[],
  defaults: { scenario?: ScenarioDefaults },
): void {
  if (!defaults.scenario?.expectedVersion) return;
  if (!probes.some((probe) => probe.scenario?.version)) {
    throw new ConfigurationError(
      'expected-version is set but no http probe reports a version (every http probe has checkVersion: false, or there are only ws/tcp/command probes)',
    );
  }
}

export interface ScenarioRunnerDeps {
  redactor?: Redactor;
  /** Masks a secret in the host (the action: core.setSecret). */
  onSecret?: (value: string) => void;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

interface ScenarioState {
  steps: Array<{ done: Promise<void>; resolve: () => void }>;
  values: Map<string, Record<string, CapturedValue>>;
  failedStep?: string;
  passed: boolean;
  resultKey?: string;
}

/**
 * Coordinates probes with scenario options inside the engine's worker pool: a step waits for the step
 * before it (which is always already running, since workers take probes in order), templates are
 * resolved from earlier captures and the environment, secrets are registered the moment they are seen,
 * and captured secrets reach the report only as `***`.
 */
export class ScenarioRunner {
  private readonly scenarios = new Map<string, ScenarioState>();
  /** Per scenario, the probe index of each step, in step order. */
  private readonly stepIndexes = new Map<string, number[]>();
  private cursor = 0;
  private readonly results: Record<string, CapturedValue> = {};
  readonly redactor: Redactor;

  constructor(
    private readonly probes: readonly Probe[],
    private readonly deps: ScenarioRunnerDeps = {},
  ) {
    this.redactor = deps.redactor ?? new Redactor();
    for (const [position, probe] of probes.entries()) {
      const step = probe.scenario?.step;
      if (!step) continue;
      let state = this.scenarios.get(step.scenario);
      if (!state) {
        state = { steps: [], values: new Map(), passed: true, resultKey: step.scenarioResultKey };
        this.scenarios.set(step.scenario, state);
      }
      let resolve!: () => void;
      const done = new Promise<void>((r) => {
        resolve = r;
      });
      state.steps[step.index] = { done, resolve };
      const indexes = this.stepIndexes.get(step.scenario) ?? [];
      indexes[step.index] = position;
      this.stepIndexes.set(step.scenario, indexes);
    }
  }

  /**
   * The next probe for a worker: after a step that is not the last, the next step of the same scenario
   * (so a scenario holds one worker, not one per waiting step); otherwise the next probe nobody has
   * taken, skipping later steps, which are reached only through their scenario.
   */
  next(previous?: number): number | undefined {
    const step = previous === undefined ? undefined : this.probes[previous]?.scenario?.step;
    if (step && step.index < step.count - 1) {
      const following = this.stepIndexes.get(step.scenario)?.[step.index + 1];
      if (following !== undefined) return following;
    }
    while (this.cursor < this.probes.length) {
      const index = this.cursor++;
      const candidate = this.probes[index]?.scenario?.step;
      if (!candidate || candidate.index === 0 || this.stepIndexes.get(candidate.scenario)?.[0] === undefined)
        return index;
    }
    return undefined;
  }

  private secret(value: string): void {
    if (!value) return;
    this.redactor.add(value);
    this.deps.onSecret?.(value);
  }

  /** Runs one probe through `execute` (the policy loop), in its scenario's order when it is a step. */
  async run(probe: Probe, execute: (probe: Probe) => Promise<ProbeOutcome>): Promise<ProbeOutcome> {
    const scenario = probe.scenario;
    if (!scenario) return execute(probe);
    const step = scenario.step;
    const state = step ? this.scenarios.get(step.scenario) : undefined;
    try {
      if (step && state && step.index > 0) await state.steps[step.index - 1]?.done;
      const ready = this.ready(probe, state);
      const outcome = typeof ready === 'string' ? notRun(ready) : await execute(ready);
      const last = outcome.attempts.at(-1);
      const secretNames = new Set([
        ...scenario.captures.filter((c) => c.secret).map((c) => c.name),
        ...(scenario.script ?? []).flatMap((s) =>
          s.kind === 'expect' ? s.captures.filter((c) => c.secret).map((c) => c.name) : [],
        ),
      ]);
      if (step && state && outcome.passed && last) state.values.set(step.step, { ...last.captured });
      // Only the report's copy is masked; the raw values above stay in memory for later steps.
      for (const attempt of outcome.attempts) {
        const masked = { ...attempt.captured };
        for (const name of secretNames) if (Object.hasOwn(masked, name)) masked[name] = REDACTED;
        attempt.captured = masked;
      }
      if (scenario.resultKey) this.results[scenario.resultKey] = outcome.passed;
      if (step && state && !outcome.passed) {
        state.failedStep ??= step.step;
        state.passed = false;
      }
      if (step && state?.resultKey && step.index === step.count - 1)
        this.results[state.resultKey] = state.passed;
      return outcome;
    } finally {
      if (step && state) state.steps[step.index]?.resolve();
    }
  }

  /**
   * The probe with its templates filled, or why it is not run: an earlier step failed, or a template
   * has no value. Either way the step fails, and with it its scenario.
   */
  private ready(probe: Probe, state: ScenarioState | undefined): Probe | string {
    if (state?.failedStep !== undefined) {
      return this.deps.signal?.aborted
        ? 'not run: cancelled'
        : `not run: step '${state.failedStep}' of scenario '${probe.scenario?.step?.scenario}' failed before it`;
    }
    try {
      return this.resolve(probe, state);
    } catch (error) {
      return `not run: ${(error as Error).message}`;
    }
  }

  /** The report's record of the version check: the version, where it was read, how many probes. */
  versionEvidence(): { expectedVersion?: { version: string; sources: string[]; probes: number } } {
    const checked = this.probes.flatMap((probe) => (probe.scenario?.version ? [probe.scenario.version] : []));
    if (!checked.length) return {};
    return {
      expectedVersion: {
        version: checked[0]!.expected,
        sources: [...new Set(checked.map((check) => describeSource(check.source)))],
        probes: checked.length,
      },
    };
  }

  /** `captured.<resultKey>` for probes and scenarios that asked for one. */
  resultCaptures(): Record<string, CapturedValue> {
    return { ...this.results };
  }

  private resolve(probe: Probe, state: ScenarioState | undefined): Probe {
    const scenario = probe.scenario!;
    const registerSecret = (value: string) => this.secret(value);
    const env = this.deps.env ?? process.env;
    const value = (ref: TemplateRef): string => {
      if (ref.kind === 'env') {
        const found = env[ref.name];
        if (found === undefined) throw new Error(`the environment variable ${ref.name} is not set`);
        this.secret(found);
        return found;
      }
      const captured = state?.values.get(ref.step)?.[ref.capture];
      if (captured === undefined) throw new Error(`${refText(ref)} has no value`);
      return captured === null ? 'null' : String(captured);
    };
    const render = (text: string) => renderTemplate(text, value);
    const script = scenario.script?.map((s) => (s.kind === 'send' ? { ...s, text: render(s.text) } : s));
    let base: Probe = probe;
    if (scenario.template) {
      const raw = scenario.template.entry;
      const resolved: Record<string, unknown> = {
        ...raw,
        ...(typeof raw.url === 'string' ? { url: render(raw.url) } : {}),
        ...(raw.headers ? { headers: renderDeep(raw.headers, render) } : {}),
        ...(raw.body !== undefined ? { body: renderDeep(raw.body, render) } : {}),
        ...(raw.followRedirects === false && raw.expectedStatus === undefined
          ? { expectedStatus: REDIRECT_STATUSES }
          : {}),
      };
      const renormalise = renormalisers.get(scenario);
      if (renormalise) {
        const built = withJsonContentType(renormalise(resolved), resolved.body);
        base = { ...built, name: probe.name, target: probe.target, assertions: probe.assertions } as Probe;
      }
    }
    return {
      ...base,
      scenario: { ...scenario, ...(script ? { script } : {}), registerSecret },
    } as Probe;
  }
}

function notRun(reason: string): ProbeOutcome {
  return { passed: false, reason, attempts: [], failures: [reason], warnings: [] };
}
