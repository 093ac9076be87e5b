import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  _enum,
  boolean,
  number,
  object,
  string
} from "./chunk-H3HWWZLP.js";

// packages/core/src/webhooks/payload.ts
var WEBHOOK_TYPES = [
  "deploy.requested",
  "rollback.requested",
  "rollback.verify",
  "release_gate.callback"
];
var commonDataSchema = object({
  environment: string().min(1),
  service: string().min(1),
  ref: string().nullable(),
  sha: string().nullable(),
  version: string().nullable(),
  runUrl: string().nullable(),
  /** A drill: receivers rehearse without acting. */
  drill: boolean()
});
var deployDataSchema = commonDataSchema.extend({ wait: boolean() });
var rollbackDataSchema = commonDataSchema.extend({
  rollbackRef: string().nullable(),
  reason: string()
});
var verifyDataSchema = commonDataSchema.extend({
  rollbackRef: string().nullable(),
  smokeResult: _enum(["passed", "failed", "error"])
});
var callbackDataSchema = commonDataSchema.extend({
  rollbackCallbackState: _enum(["verified", "failed", "skipped_missing_webhook"]),
  rollbackState: string().nullable(),
  durationMs: number().nonnegative()
});
var webhookEventSchema = object({
  type: _enum(WEBHOOK_TYPES),
  timestamp: string().min(1),
  data: commonDataSchema.passthrough()
});
function buildEvent(type, data, now = /* @__PURE__ */ new Date()) {
  return { type, timestamp: now.toISOString(), data };
}

export {
  WEBHOOK_TYPES,
  webhookEventSchema,
  buildEvent
};
