import { ConfigurationError } from '../../errors.js';

/**
 * `{{ steps.<step>.<capture> }}` (a value captured by an earlier step of the same scenario) and
 * `{{ env.<NAME> }}` (an environment variable, treated as a secret). Nothing else: no expressions,
 * no filters, no defaults. Values are inserted as they are; in JSON bodies they land inside string
 * values, which are serialised (escaped) afterwards.
 */
export type TemplateRef = { kind: 'step'; step: string; capture: string } | { kind: 'env'; name: string };

const TEMPLATE = /\{\{([^{}]*)\}\}/g;
const STEP_REF = /^steps\.([A-Za-z][A-Za-z0-9_-]*)\.([A-Za-z_][A-Za-z0-9_]*)$/;
const ENV_REF = /^env\.([A-Za-z_][A-Za-z0-9_]*)$/;

export function hasTemplate(text: string): boolean {
  TEMPLATE.lastIndex = 0;
  return TEMPLATE.test(text);
}

/** The references in a text, or an error naming the expression that is not one. */
export function templateRefs(text: string): { refs: TemplateRef[]; error?: string } {
  const refs: TemplateRef[] = [];
  for (const match of text.matchAll(TEMPLATE)) {
    const expression = match[1]!.trim();
    const step = STEP_REF.exec(expression);
    const env = ENV_REF.exec(expression);
    if (step) refs.push({ kind: 'step', step: step[1]!, capture: step[2]! });
    else if (env) refs.push({ kind: 'env', name: env[1]! });
    else
      return {
        refs,
        error: `'{{${match[1]}}}' is not a template; use {{ steps.<step>.<capture> }} or {{ env.<NAME> }}`,
      };
  }
  return { refs };
}

export function refText(ref: TemplateRef): string {
  return ref.kind === 'step' ? `{{ steps.${ref.step}.${ref.capture} }}` : `{{ env.${ref.name} }}`;
}

/** Replaces every reference with `value(ref)`. */
export function renderTemplate(text: string, value: (ref: TemplateRef) => string): string {
  return text.replace(TEMPLATE, (_whole, inner: string) => {
    const { refs } = templateRefs(`{{${inner}}}`);
    const ref = refs[0];
    return ref ? value(ref) : _whole;
  });
}

/** Every string inside a JSON-like value (object bodies): where templates may appear. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/** Renders templates in every string of a JSON-like value (keys are left alone). */
export function renderDeep(value: unknown, render: (text: string) => string): unknown {
  if (typeof value === 'string') return render(value);
  if (Array.isArray(value)) return value.map((item) => renderDeep(item, render));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderDeep(v, render)]));
  return value;
}

/** Every template reference in the fields where templates apply: url, headers, body, script messages. */
export function collectRefs(entry: Record<string, unknown>) {
  const texts = [
    ...(typeof entry.url === 'string' ? [entry.url] : []),
    ...stringsIn(entry.headers ?? {}),
    ...stringsIn(entry.body),
    ...((entry.script as Array<{ kind: string; text?: string }> | undefined) ?? []).flatMap((step) =>
      step.kind === 'send' && step.text ? [step.text] : [],
    ),
  ];
  const refs = [];
  for (const text of texts) {
    const found = templateRefs(text);
    if (found.error) throw new ConfigurationError(found.error);
    refs.push(...found.refs);
  }
  return refs;
}
