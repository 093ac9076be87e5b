import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  MIN_PART_LENGTH,
  SECRET_NAME,
  secretForms,
  secretParts
} from "./chunk-J3UZPZ7J.js";

// packages/core/src/redact.ts
var REDACTED = "***";
function redactUrl(raw) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  if (url.username || url.password) {
    url.username = REDACTED;
    url.password = "";
  }
  for (const key of [...url.searchParams.keys()]) {
    if (SECRET_NAME.test(key)) url.searchParams.set(key, REDACTED);
  }
  return url.toString().replaceAll("%2A%2A%2A", REDACTED);
}
var CASELESS_FROM = 8;
var Redactor = class {
  forms = /* @__PURE__ */ new Set();
  /** Shorter values are left alone (3 by default; the run's secrets use 8, see `runSecrets`). */
  minLength;
  matcher;
  /** Told each new part, so the host masks it too (the action's `core.setSecret`). */
  onNewPart;
  constructor(options = {}) {
    this.minLength = options.minLength ?? 3;
  }
  /** Registers a secret and its parts (`auto`: a URL's parts, a signing secret's key); returns the new parts. */
  add(secret, kind = "auto", own) {
    const added = [];
    for (const part of secretParts(secret, kind, own)) {
      if (part.length < this.minLength) continue;
      let isNew = false;
      for (const form of secretForms(part)) {
        if (form.length < this.minLength || this.forms.has(form)) continue;
        this.forms.add(form);
        isNew = true;
      }
      if (isNew) added.push(part);
    }
    if (added.length) this.matcher = void 0;
    for (const part of added) this.onNewPart?.(part);
    return added;
  }
  redact(text) {
    if (!this.forms.size || !text) return text;
    const matcher = this.compile();
    let out = matcher.caseless ? text.replace(matcher.caseless, REDACTED) : text;
    for (const form of matcher.exact) out = out.split(form).join(REDACTED);
    return out;
  }
  get size() {
    return this.forms.size;
  }
  /** Forgets every secret (a new action step in the same process). */
  clear() {
    this.forms.clear();
    this.matcher = void 0;
  }
  compile() {
    if (this.matcher) return this.matcher;
    const sorted = [...this.forms].sort((a, b) => b.length - a.length);
    const long = sorted.filter((form) => form.length >= CASELESS_FROM);
    this.matcher = {
      exact: sorted.filter((form) => form.length < CASELESS_FROM),
      caseless: long.length ? new RegExp(long.map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "gi") : void 0
    };
    return this.matcher;
  }
};
var runSecrets = new Redactor({ minLength: MIN_PART_LENGTH });
function redactOutput(text) {
  return runSecrets.redact(text);
}

export {
  REDACTED,
  redactUrl,
  Redactor,
  runSecrets,
  redactOutput
};
