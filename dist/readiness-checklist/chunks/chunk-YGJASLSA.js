import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  array,
  boolean,
  strictObject,
  string,
  unknown
} from "./chunk-H3HWWZLP.js";

// packages/core/src/nearest-name.ts
function nearestName(wrong, known) {
  const limit = Math.max(1, Math.floor(wrong.length / 3));
  let best;
  for (const name of known) {
    const distance = editDistance(wrong.toLowerCase(), name.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}
function didYouMean(wrong, known) {
  const near = nearestName(wrong, known);
  return near ? ` (did you mean '${near}'?)` : "";
}
function editDistance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}

// packages/core/src/assertions.ts
var assertionOperatorsSchema = strictObject(
  {
    equals: unknown().optional(),
    in: array(unknown()).optional(),
    matches: string().optional(),
    exists: boolean().optional(),
    contains: string().optional()
  },
  {
    error: (issue) => issue.code === "unrecognized_keys" ? unknownOperatorMessage(issue.keys) : void 0
  }
).superRefine((value, ctx) => {
  const used = OPERATORS.filter((op) => Object.hasOwn(value, op) && value[op] !== void 0);
  if (used.length !== 1) {
    ctx.addIssue({
      code: "custom",
      message: `use exactly one of ${OPERATORS.join(", ")} (got ${used.length ? used.join(", ") : "none"})`
    });
  }
  if (value.matches !== void 0) {
    try {
      new RegExp(value.matches);
    } catch (error) {
      ctx.addIssue({
        code: "custom",
        path: ["matches"],
        message: `invalid regex: ${error.message}`
      });
    }
  }
});
var OPERATORS = ["equals", "in", "matches", "exists", "contains"];
function unknownOperatorMessage(keys) {
  const named = keys.map((key) => `'${key}'${didYouMean(key, OPERATORS)}`).join(", ");
  return `unknown operator ${named}; use one of ${OPERATORS.join(", ")}`;
}
function evaluateAssertion(op, found, actual) {
  const shown = found ? show(actual) : "(missing)";
  if (op.exists !== void 0) {
    return {
      ok: found === op.exists,
      expected: op.exists ? "exists" : "absent",
      actual: found ? "present" : "(missing)"
    };
  }
  if (Object.hasOwn(op, "equals") && op.equals !== void 0) {
    const ok = found && deepEqual(actual, op.equals);
    return {
      ok,
      expected: `equals ${show(op.equals)}`,
      actual: ok || !found ? shown : typeMismatch(op.equals, actual) ?? shown
    };
  }
  if (op.in !== void 0) {
    return {
      ok: found && op.in.some((candidate) => deepEqual(actual, candidate)),
      expected: `in ${show(op.in)}`,
      actual: shown
    };
  }
  if (op.matches !== void 0) {
    const text2 = found ? asText(actual) : void 0;
    return {
      ok: text2 !== void 0 && new RegExp(op.matches).test(text2),
      expected: `matches /${op.matches}/`,
      actual: shown
    };
  }
  const needle = op.contains ?? "";
  const text = found ? asText(actual) : void 0;
  return {
    ok: text?.includes(needle) === true,
    expected: `contains ${show(needle)}`,
    actual: shown
  };
}
function typeMismatch(expected, actual) {
  const scalar = (value) => ["string", "number", "boolean"].includes(typeof value) || value === null;
  if (!scalar(expected) || !scalar(actual) || typeof expected === typeof actual) return void 0;
  if (String(expected) !== String(actual)) return void 0;
  const kind = actual === null ? "" : `the ${typeof actual} `;
  return `${kind}${show(actual)}; write equals: ${show(actual)}`;
}
function asText(value) {
  return typeof value === "string" ? value : JSON.stringify(value);
}
var MAX_SHOWN = 120;
function show(value) {
  const text = value === void 0 ? "undefined" : JSON.stringify(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}\u2026` : text;
}
function deepEqual(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (key) => deepEqual(a[key], b[key])
  );
}

// packages/core/src/json-path.ts
function parseJsonPath(path) {
  const trimmed = path.trim();
  if (trimmed === "" || trimmed === "$") return [];
  const body = trimmed.startsWith("$.") ? trimmed.slice(2) : trimmed;
  const segments = [];
  for (const part of body.split(".")) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) return void 0;
    const [, key, indexes] = match;
    if (key) segments.push(key);
    else if (!indexes) return void 0;
    for (const index of indexes?.matchAll(/\[(\d+)\]/g) ?? []) segments.push(Number(index[1]));
  }
  return segments;
}
function getJsonPath(document, path) {
  const segments = typeof path === "string" ? parseJsonPath(path) : path;
  if (!segments) return { found: false, value: void 0 };
  let current = document;
  for (const segment of segments) {
    if (typeof segment === "number") {
      if (!Array.isArray(current) || segment >= current.length) return { found: false, value: void 0 };
      current = current[segment];
    } else {
      if (current === null || typeof current !== "object" || Array.isArray(current)) {
        return { found: false, value: void 0 };
      }
      if (!Object.hasOwn(current, segment)) return { found: false, value: void 0 };
      current = current[segment];
    }
  }
  return { found: true, value: current };
}

export {
  nearestName,
  didYouMean,
  assertionOperatorsSchema,
  evaluateAssertion,
  show,
  parseJsonPath,
  getJsonPath
};
