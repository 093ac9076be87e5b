import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  NEVER,
  ZodISODate,
  ZodISODateTime,
  ZodISODuration,
  ZodISOTime,
  _isoDate,
  _isoDateTime,
  _isoDuration,
  _isoTime,
  number,
  string,
  union
} from "./chunk-H3HWWZLP.js";
import {
  __export
} from "./chunk-ONBS6DE5.js";

// node_modules/zod/v4/classic/iso.js
var iso_exports = {};
__export(iso_exports, {
  ZodISODate: () => ZodISODate,
  ZodISODateTime: () => ZodISODateTime,
  ZodISODuration: () => ZodISODuration,
  ZodISOTime: () => ZodISOTime,
  date: () => date,
  datetime: () => datetime,
  duration: () => duration,
  time: () => time
});
function datetime(params) {
  return _isoDateTime(ZodISODateTime, params);
}
function date(params) {
  return _isoDate(ZodISODate, params);
}
function time(params) {
  return _isoTime(ZodISOTime, params);
}
function duration(params) {
  return _isoDuration(ZodISODuration, params);
}

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

export {
  iso_exports,
  ConfigurationError,
  errorMessage,
  GateBlocked,
  formatDuration,
  durationSchema
};
