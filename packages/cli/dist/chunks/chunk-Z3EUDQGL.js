import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  ConfigurationError
} from "./chunk-ZUWSAP7Z.js";

// packages/core/src/probes/scenario/template.ts
var TEMPLATE = /\{\{([^{}]*)\}\}/g;
var STEP_REF = /^steps\.([A-Za-z][A-Za-z0-9_-]*)\.([A-Za-z_][A-Za-z0-9_]*)$/;
var ENV_REF = /^env\.([A-Za-z_][A-Za-z0-9_]*)$/;
function hasTemplate(text) {
  TEMPLATE.lastIndex = 0;
  return TEMPLATE.test(text);
}
function templateRefs(text) {
  const refs = [];
  for (const match of text.matchAll(TEMPLATE)) {
    const expression = match[1].trim();
    const step = STEP_REF.exec(expression);
    const env = ENV_REF.exec(expression);
    if (step) refs.push({ kind: "step", step: step[1], capture: step[2] });
    else if (env) refs.push({ kind: "env", name: env[1] });
    else
      return {
        refs,
        error: `'{{${match[1]}}}' is not a template; use {{ steps.<step>.<capture> }} or {{ env.<NAME> }}`
      };
  }
  return { refs };
}
function refText(ref) {
  return ref.kind === "step" ? `{{ steps.${ref.step}.${ref.capture} }}` : `{{ env.${ref.name} }}`;
}
function renderTemplate(text, value) {
  return text.replace(TEMPLATE, (_whole, inner) => {
    const { refs } = templateRefs(`{{${inner}}}`);
    const ref = refs[0];
    return ref ? value(ref) : _whole;
  });
}
function stringsIn(value) {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(stringsIn);
  return [];
}
function renderDeep(value, render) {
  if (typeof value === "string") return render(value);
  if (Array.isArray(value)) return value.map((item) => renderDeep(item, render));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderDeep(v, render)]));
  return value;
}
function collectRefs(entry) {
  const texts = [
    ...typeof entry.url === "string" ? [entry.url] : [],
    ...stringsIn(entry.headers ?? {}),
    ...stringsIn(entry.body),
    ...(entry.script ?? []).flatMap(
      (step) => step.kind === "send" && step.text ? [step.text] : []
    )
  ];
  const refs = [];
  for (const text of texts) {
    const found = templateRefs(text);
    if (found.error) throw new ConfigurationError(found.error);
    refs.push(...found.refs);
  }
  return refs;
}

export {
  hasTemplate,
  templateRefs,
  refText,
  renderTemplate,
  stringsIn,
  renderDeep,
  collectRefs
};
