import { type HealthInterpreter, isRecord, withComponents } from './types.js';

const ACTUATOR_STATUSES = ['UP', 'DOWN', 'OUT_OF_SERVICE', 'UNKNOWN'] as const;

/**
 * Spring Boot actuator health: `status` UP passes; DOWN, OUT_OF_SERVICE and UNKNOWN fail, whatever the HTTP
 * status. Recognised by content type `application/vnd.spring-boot.actuator...` or by a JSON body whose
 * `status` is one of those values. Failing components come from `components` (Boot 2.2+) or `details`
 * (Boot 2.0/2.1), named by their path (`db`, `composite.redis`).
 */
export const interpretActuator: HealthInterpreter = (input) => {
  const doc = input.json;
  const byType = input.contentType.startsWith('application/vnd.spring-boot.actuator');
  const raw = isRecord(doc) && typeof doc.status === 'string' ? doc.status : undefined;
  const known = raw !== undefined && (ACTUATOR_STATUSES as readonly string[]).includes(raw.toUpperCase());
  if (!byType && !known) return undefined;
  if (!raw) {
    return {
      format: 'actuator',
      status: 'fail',
      raw: '(missing)',
      components: [],
      summary: 'actuator body has no status field',
    };
  }
  const upper = raw.toUpperCase();
  // Spring Boot allows custom statuses; anything that is not UP is not healthy.
  const status = upper === 'UP' ? 'pass' : 'fail';
  const components = status === 'fail' ? failingComponents(doc, '') : [];
  return {
    format: 'actuator',
    status,
    raw: upper,
    components,
    summary: withComponents(`actuator status ${upper}`, components),
  };
};

function failingComponents(node: unknown, prefix: string): string[] {
  if (!isRecord(node)) return [];
  const children = isRecord(node.components) ? node.components : isRecord(node.details) ? node.details : {};
  const names: string[] = [];
  for (const [name, child] of Object.entries(children)) {
    if (!isRecord(child) || typeof child.status !== 'string') continue;
    if (child.status.toUpperCase() === 'UP') continue;
    const path = prefix ? `${prefix}.${name}` : name;
    const nested = failingComponents(child, path);
    // Name the leaves that fail; a composite whose children carry no status is named itself.
    names.push(...(nested.length ? nested : [path]));
  }
  return names;
}
