import { interpretActuator } from './actuator.js';
import { interpretHealthJson } from './health-json.js';
import { interpretReadyz } from './readyz.js';
import type { HealthInput, HealthInterpreter, HealthReading } from './types.js';

export { interpretActuator } from './actuator.js';
export { interpretHealthJson } from './health-json.js';
export { interpretReadyz } from './readyz.js';
export type { HealthFormat, HealthInput, HealthInterpreter, HealthReading, HealthStatus } from './types.js';

/** Tried in order; the first that recognises the response wins. Add a format by adding an interpreter. */
export const HEALTH_INTERPRETERS: readonly HealthInterpreter[] = [
  interpretHealthJson,
  interpretActuator,
  interpretReadyz,
];

/**
 * Reads a health body in any known format, recognised by content type or shape; undefined when the body
 * is in none of them (then only the HTTP status and explicit assertions decide).
 */
export function readHealth(
  contentType: string | undefined,
  body: string,
  json?: unknown,
): HealthReading | undefined {
  const input: HealthInput = {
    contentType: (contentType ?? '').toLowerCase().trim(),
    body,
    json: json === undefined ? parseJsonBody(body) : json,
  };
  for (const interpret of HEALTH_INTERPRETERS) {
    const reading = interpret(input);
    if (reading) return reading;
  }
  return undefined;
}

/** The body as JSON, or undefined when it is not JSON (cheap check first: most bodies are not). */
export function parseJsonBody(body: string): unknown {
  const start = body.trimStart()[0];
  if (start !== '{' && start !== '[') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
