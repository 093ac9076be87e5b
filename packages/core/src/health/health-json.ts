import { type HealthInterpreter, type HealthStatus, isRecord, withComponents } from './types.js';

/**
 * `application/health+json` (draft-inadarei-api-health-check): `status` is pass / warn / fail, with the
 * aliases ok / up (pass) and error / down (fail). `checks` maps `component:measurement` keys to arrays of
 * check objects, each with its own status. Recognised by content type only: the shape is too generic.
 */
export const interpretHealthJson: HealthInterpreter = (input) => {
  if (!input.contentType.startsWith('application/health+json')) return undefined;
  const doc = input.json;
  const raw = isRecord(doc) && typeof doc.status === 'string' ? doc.status : undefined;
  const status = raw === undefined ? undefined : normalise(raw);
  if (!raw || !status) {
    return {
      format: 'health+json',
      status: 'fail',
      raw: raw ?? '(missing)',
      components: [],
      summary: raw
        ? `health+json status '${raw}' is not pass, warn or fail`
        : 'health+json body has no status field',
    };
  }
  const components: string[] = [];
  if (status !== 'pass' && isRecord(doc) && isRecord(doc.checks)) {
    for (const [key, checks] of Object.entries(doc.checks)) {
      const list = Array.isArray(checks) ? checks : [checks];
      const bad = list.some((check) => {
        const value =
          isRecord(check) && typeof check.status === 'string' ? normalise(check.status) : undefined;
        return value === 'fail' || (status === 'warn' && value === 'warn');
      });
      if (bad) components.push(key);
    }
  }
  return {
    format: 'health+json',
    status,
    raw,
    components,
    summary: withComponents(`health+json status ${raw}`, components),
  };
};

function normalise(value: string): HealthStatus | undefined {
  const lower = value.toLowerCase();
  if (lower === 'pass' || lower === 'ok' || lower === 'up') return 'pass';
  if (lower === 'warn') return 'warn';
  if (lower === 'fail' || lower === 'error' || lower === 'down') return 'fail';
  return undefined;
}
