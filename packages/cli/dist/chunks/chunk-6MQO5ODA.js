import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// packages/core/src/secret-parts.ts
var MIN_PART_LENGTH = 8;
var SECRET_NAME = /token|key|secret|sig|auth|pass|pwd|credential|session|code|ticket|jwt/i;
var SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
function entropyPerChar(text) {
  const counts = /* @__PURE__ */ new Map();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
function looksLikeCredential(text) {
  if (text.length < 16 || entropyPerChar(text) < 3) return false;
  return /\d/.test(text) || /[a-z]/.test(text) && /[A-Z]/.test(text);
}
function isOwnIdentifier(text) {
  return /^msg_[0-9a-f]{16,64}$/i.test(text) || /^[0-9a-f]{40}$|^[0-9a-f]{64}$/i.test(text) || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text) || /^v?\d+(\.\d+)+([-+][\w.-]+)?$/.test(text);
}
function decoded(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
function secretParts(value, kind, own = []) {
  if (!value) return [];
  const resolved = kind === "auto" ? autoKind(value) : kind;
  const ownSet = new Set(own);
  const parts = /* @__PURE__ */ new Set();
  const part = (text) => {
    for (const form of /* @__PURE__ */ new Set([text ?? "", decoded(text ?? "")])) {
      if (form.length >= MIN_PART_LENGTH && !isOwnIdentifier(form) && !ownSet.has(form)) parts.add(form);
    }
  };
  if (resolved === "url" || resolved === "public-url") {
    if (resolved === "url") parts.add(value);
    urlParts(value, resolved === "url", part);
  } else {
    parts.add(value);
    if (resolved === "signing-secret" && value.startsWith("whsec_")) part(value.slice("whsec_".length));
    if (resolved === "token") part(value.replace(/^Bearer\s+/i, ""));
  }
  return [...parts];
}
function autoKind(value) {
  if (SCHEME.test(value)) return "url";
  return value.startsWith("whsec_") ? "signing-secret" : "token";
}
function urlParts(raw, whole, part) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    if (whole) part(raw);
    return;
  }
  if (whole) {
    part(url.toString());
    part(`${url.pathname}${url.search}`);
  }
  part(url.username);
  part(url.password);
  if (url.username && url.password) part(`${url.username}:${url.password}`);
  for (const [key, value] of url.searchParams) {
    if (SECRET_NAME.test(key) || looksLikeCredential(value)) part(value);
  }
  for (const pair of url.search.slice(1).split("&")) {
    const [key = "", value = ""] = pair.split("=");
    if (SECRET_NAME.test(decoded(key)) || looksLikeCredential(decoded(value))) part(value);
  }
  for (const segment of url.pathname.split("/")) if (looksLikeCredential(decoded(segment))) part(segment);
  const host = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#:]*)/i.exec(raw)?.[1] ?? url.hostname;
  for (const label of host.split(".")) {
    if (looksLikeCredential(label)) {
      part(label);
      part(label.toLowerCase());
    }
  }
}
function secretForms(part) {
  const forms = /* @__PURE__ */ new Set();
  for (const form of [part, encodeURIComponent(part), encodeURI(part), decoded(part)]) {
    forms.add(form);
    forms.add(JSON.stringify(form).slice(1, -1));
  }
  return [...forms].filter((form) => form.length > 0);
}

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
  secretParts,
  REDACTED,
  redactUrl,
  Redactor,
  runSecrets,
  redactOutput
};
