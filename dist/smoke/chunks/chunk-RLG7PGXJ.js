import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  NEVER,
  number,
  string,
  union
} from "./chunk-OHNNMSQP.js";

// packages/core/src/errors.ts
var ConfigurationError = class extends Error {
  name = "ConfigurationError";
};
function errorMessage(error) {
  return error instanceof Error ? error.message : String(error);
}
var GateBlocked = class extends Error {
  name = "GateBlocked";
};

// packages/core/src/duration.ts
var UNIT_MS = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5 };
var PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
function parseDuration(text) {
  const value = text.trim();
  if (value === "") return void 0;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1e3);
  PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  for (let match = PART.exec(value); match; match = PART.exec(value)) {
    total += Number(match[1]) * UNIT_MS[match[2]];
    consumed = PART.lastIndex;
  }
  return consumed === value.length && consumed > 0 ? Math.round(total) : void 0;
}
function formatDuration(ms) {
  if (ms < 1e3) return `${Math.round(ms)}ms`;
  if (ms < 6e4) return `${(ms / 1e3).toFixed(ms < 1e4 ? 2 : 1).replace(/\.?0+$/, "")}s`;
  const minutes = Math.floor(ms / 6e4);
  const seconds = Math.round(ms % 6e4 / 1e3);
  if (minutes < 60) return seconds ? `${minutes}m${seconds}s` : `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours}h${minutes % 60}m` : `${hours}h`;
}
var durationSchema = union([string(), number()]).transform((raw, ctx) => {
  const ms = typeof raw === "number" ? Math.round(raw * 1e3) : parseDuration(raw);
  if (ms === void 0) {
    ctx.addIssue({
      code: "custom",
      message: `'${raw}' is not a duration; use e.g. 500ms, 10s, 2m, 1h30m or 30`
    });
    return NEVER;
  }
  return ms;
});

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
  ConfigurationError,
  errorMessage,
  GateBlocked,
  formatDuration,
  durationSchema,
  hasTemplate,
  templateRefs,
  refText,
  renderTemplate,
  stringsIn,
  renderDeep,
  collectRefs
};
