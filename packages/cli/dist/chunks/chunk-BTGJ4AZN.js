import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  signingSecretProblem
} from "./chunk-HHRHPQOT.js";
import {
  durationSchema
} from "./chunk-FEJLSRR4.js";
import {
  ConfigurationError
} from "./chunk-ZUWSAP7Z.js";
import {
  NEVER,
  string
} from "./chunk-H3HWWZLP.js";

// packages/core/src/inputs/spec.ts
function parseInputs(spec, source) {
  const { inputs, check } = isActionSpec(spec) ? spec : { inputs: spec, check: void 0 };
  const raws = /* @__PURE__ */ new Map();
  for (const [name, input] of Object.entries(inputs)) {
    const raw = source.read(name);
    raws.set(name, raw);
    if (input.secret && raw) source.mask?.(raw);
  }
  const values = {};
  const problems = [];
  for (const [name, input] of Object.entries(inputs)) {
    const raw = raws.get(name) ?? "";
    const parsed = input.schema.safeParse(raw);
    if (parsed.success) {
      values[name] = parsed.data;
    } else {
      const message = parsed.error.issues.map((issue) => issue.message).join("; ");
      const shown = input.secret ? "" : ` '${raw}'`;
      problems.push(
        `${source.describe(name)}${shown} is invalid: ${message}. Example: ${source.example(name, input.example)}`
      );
    }
  }
  if (!problems.length && check) problems.push(...check(values, source));
  if (problems.length) throw new ConfigurationError(problems.join("\n"));
  return values;
}
function isActionSpec(spec) {
  const inputs = spec.inputs;
  return typeof inputs === "object" && inputs !== null && !("schema" in inputs);
}
function valueSource(values) {
  return {
    read: (name) => values[name] ?? "",
    describe: (name) => `Input '${name}'`,
    example: (name, value) => `${name}: ${value}`
  };
}

// packages/core/src/list.ts
function splitList(text) {
  const parts = typeof text === "string" ? text.split(/[\n,]/) : text.flatMap((t) => t.split(/[\n,]/));
  return parts.map((part) => part.trim()).filter(Boolean);
}

// packages/core/src/inputs/schemas.ts
var optionalString = string().transform((v) => v === "" ? void 0 : v);
var requiredString = string().min(1, { message: "is required" });
var stringInput = (fallback) => string().transform((raw) => raw || fallback);
var nowInput = string().transform((raw, ctx) => {
  if (raw === "") return /* @__PURE__ */ new Date();
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: "custom", message: "must be an ISO 8601 timestamp with a time zone" });
    return NEVER;
  }
  return new Date(ms);
});
var booleanInput = (fallback) => string().transform((raw, ctx) => {
  if (raw === "") return fallback;
  if (["true", "True", "TRUE"].includes(raw)) return true;
  if (["false", "False", "FALSE"].includes(raw)) return false;
  ctx.addIssue({ code: "custom", message: "must be true or false" });
  return NEVER;
});
var durationInput = (fallback) => string().transform((raw, ctx) => {
  const parsed = durationSchema.safeParse(raw === "" ? fallback : raw);
  if (!parsed.success) {
    ctx.addIssue({ code: "custom", message: parsed.error.issues[0]?.message ?? "not a duration" });
    return NEVER;
  }
  return parsed.data;
});
var integerInput = (fallback, min, max) => string().transform((raw, ctx) => {
  if (raw === "") return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    ctx.addIssue({ code: "custom", message: `must be a whole number from ${min} to ${max}` });
    return NEVER;
  }
  return Number(raw);
});
var enumInput = (values, fallback) => string().transform((raw, ctx) => {
  const value = raw === "" ? fallback : raw;
  if (!values.includes(value)) {
    ctx.addIssue({ code: "custom", message: `valid values are: ${values.join(", ")}` });
    return NEVER;
  }
  return value;
});
var urlInput = string().transform((raw, ctx) => {
  if (raw === "") return void 0;
  try {
    const url = new URL(raw);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http");
    return url.toString();
  } catch {
    ctx.addIssue({ code: "custom", message: "must be an http:// or https:// URL" });
    return NEVER;
  }
});
var deploymentIdInput = string().transform((raw, ctx) => {
  if (raw === "") return void 0;
  if (!/^\d+$/.test(raw)) {
    ctx.addIssue({ code: "custom", message: "must be a numeric GitHub deployment id" });
    return NEVER;
  }
  return Number(raw);
});
var headersInput = string().transform((raw, ctx) => {
  const headers = {};
  for (const [index, line] of raw.split(/\r?\n/).entries()) {
    if (line.trim() === "") continue;
    const match = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*:\s*(.*)$/.exec(line.trim());
    if (!match) {
      ctx.addIssue({ code: "custom", message: `line ${index + 1} is not 'Name: value'` });
      return NEVER;
    }
    headers[match[1]] = match[2];
  }
  return headers;
});
var requiredEnumInput = (values) => string().transform((raw, ctx) => {
  if (!values.includes(raw)) {
    const valid = `valid values are: ${values.join(", ")}`;
    ctx.addIssue({ code: "custom", message: raw === "" ? `is required; ${valid}` : valid });
    return NEVER;
  }
  return raw;
});
function positiveDurationInput(fallback) {
  return string().transform((raw, ctx) => {
    const value = raw === "" ? fallback : raw;
    if (value === void 0) return void 0;
    const parsed = durationSchema.safeParse(value);
    if (!parsed.success || parsed.data <= 0) {
      ctx.addIssue({
        code: "custom",
        message: parsed.success ? "must be longer than 0" : parsed.error.issues[0]?.message ?? "not a duration"
      });
      return NEVER;
    }
    return parsed.data;
  });
}
var fractionInput = (fallback, max = 1) => string().transform((raw, ctx) => {
  const value = raw === "" ? fallback : raw;
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(value);
  const number = percent ? Number(percent[1]) / 100 : /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isNaN(number) || number > max) {
    ctx.addIssue({
      code: "custom",
      message: `must be a percentage from 0% to ${max * 100}% such as 1% or 0.5%, or a fraction such as 0.01`
    });
    return NEVER;
  }
  return number;
});
var listInput = (fallback = []) => string().transform((raw) => {
  const items = splitList(raw);
  return items.length ? items : [...fallback];
});
var urlListInput = listInput().transform((items, ctx) => {
  const bad = items.filter((item) => urlInput.safeParse(item).success === false);
  if (bad.length) {
    ctx.addIssue({ code: "custom", message: `not an http:// or https:// URL: ${bad.join(", ")}` });
    return NEVER;
  }
  return items;
});
var signingSecretInput = string().transform((raw, ctx) => {
  if (raw === "") return void 0;
  const problem = signingSecretProblem(raw);
  if (problem) {
    ctx.addIssue({ code: "custom", message: problem });
    return NEVER;
  }
  return raw;
});

export {
  splitList,
  optionalString,
  requiredString,
  stringInput,
  nowInput,
  booleanInput,
  durationInput,
  integerInput,
  enumInput,
  urlInput,
  deploymentIdInput,
  headersInput,
  requiredEnumInput,
  positiveDurationInput,
  fractionInput,
  listInput,
  urlListInput,
  signingSecretInput,
  parseInputs,
  valueSource
};
