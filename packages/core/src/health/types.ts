/** What a health body says, whatever its format. `warn` passes but is reported. */
export type HealthStatus = 'pass' | 'warn' | 'fail';

export interface HealthReading {
  /** `health+json`, `actuator` or `readyz`: recorded in the report as `healthFormat`. */
  format: HealthFormat;
  status: HealthStatus;
  /** The status word as the service wrote it (`DOWN`, `fail`, `[-]`). */
  raw: string;
  /** Components that are failing (or warning, when the status is `warn`), by name. */
  components: string[];
  /** Human reason, e.g. `actuator status DOWN: db, redis`. */
  summary: string;
}

export type HealthFormat = 'health+json' | 'actuator' | 'readyz';

/** A response as the interpreters see it: content type (lower case, may be empty) and the body text. */
export interface HealthInput {
  contentType: string;
  body: string;
  /** The body parsed as JSON, when it is JSON (parsed once by the caller). */
  json?: unknown;
}

/** Interprets one format; returns undefined when the response is not in that format. */
export type HealthInterpreter = (input: HealthInput) => HealthReading | undefined;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function withComponents(prefix: string, components: string[]): string {
  if (!components.length) return prefix;
  const shown = components.slice(0, 10).join(', ');
  const more = components.length > 10 ? ` and ${components.length - 10} more` : '';
  return `${prefix}: ${shown}${more}`;
}
