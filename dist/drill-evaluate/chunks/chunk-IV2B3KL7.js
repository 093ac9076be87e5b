import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// packages/core/src/redact.ts
var SECRET_QUERY_KEY = /token|secret|password|passwd|pwd|key|sig|signature|auth|credential|session|code|ticket|jwt/i;
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
    if (SECRET_QUERY_KEY.test(key)) url.searchParams.set(key, REDACTED);
  }
  return url.toString().replaceAll("%2A%2A%2A", REDACTED);
}
var Redactor = class {
  secrets = /* @__PURE__ */ new Set();
  add(secret) {
    if (secret && secret.length >= 3) this.secrets.add(secret);
  }
  redact(text) {
    let out = text;
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      out = out.split(secret).join(REDACTED);
    }
    return out;
  }
  get size() {
    return this.secrets.size;
  }
};

export {
  redactUrl,
  Redactor
};
