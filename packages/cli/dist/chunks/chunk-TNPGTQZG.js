import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  NEVER,
  string
} from "./chunk-H3HWWZLP.js";

// packages/core/src/specs/report-path.ts
var DEFAULT_REPORT_PATH = "release-gate/report.json";
var reportPathInput = string().transform((raw, ctx) => {
  const value = raw === "" ? DEFAULT_REPORT_PATH : raw;
  if (/[\r\n]/.test(value) || value.endsWith("/")) {
    ctx.addIssue({ code: "custom", message: "must be a file path" });
    return NEVER;
  }
  return value;
});

export {
  DEFAULT_REPORT_PATH,
  reportPathInput
};
