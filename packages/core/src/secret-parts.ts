/**
 * What kind of secret a value is, which decides the parts of it that are secrets on their own:
 * - `url`: a secret URL (webhook, metrics, status URL): the whole, its normalised form, path and query,
 *   and each distinctive part (userinfo, query values, credential-looking path segments and host labels);
 * - `public-url`: a URL shown by design (a smoke probe's target): only its distinctive parts;
 * - `signing-secret`: the whole and, for `whsec_<base64>`, the base64;
 * - `token`: a bearer token, header value, GitHub token or captured value: the whole (without `Bearer `);
 * - `auto`: `url` for text with a scheme, `signing-secret` for `whsec_…`, else `token`.
 */
export type SecretKind = 'url' | 'public-url' | 'signing-secret' | 'token' | 'auto';

/** A part shorter than this is never registered: masking `hooks` would mask the word everywhere. */
export const MIN_PART_LENGTH = 8;

/** Query parameters named like this carry a credential whatever their value looks like. */
export const SECRET_NAME = /token|key|secret|sig|auth|pass|pwd|credential|session|code|ticket|jwt/i;

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Shannon entropy of the text's characters, in bits per character. */
export function entropyPerChar(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Text that looks like a credential: at least 16 characters, at least 3 bits of entropy per character,
 * and a digit or both cases (words joined by dashes, `hooks-example-production`, reach 4 bits but are
 * names, not credentials).
 */
export function looksLikeCredential(text: string): boolean {
  if (text.length < 16 || entropyPerChar(text) < 3) return false;
  return /\d/.test(text) || (/[a-z]/.test(text) && /[A-Z]/.test(text));
}

/**
 * Our own identifiers, never secrets even when they sit in a secret URL: delivery ids (`msg_<hex>`),
 * commit shas, UUIDs and versions. Masking them would blank the `delivery-id` output and the report.
 */
export function isOwnIdentifier(text: string): boolean {
  return (
    /^msg_[0-9a-f]{16,64}$/i.test(text) ||
    /^[0-9a-f]{40}$|^[0-9a-f]{64}$/i.test(text) ||
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text) ||
    /^v?\d+(\.\d+)+([-+][\w.-]+)?$/.test(text)
  );
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The parts of a secret value to mask and scrub, each at least 8 characters (the whole value excepted:
 * it is registered as given) and none of them one of our own identifiers or one of `own` (the delivery
 * id a status URL carries).
 */
export function secretParts(
  value: string | undefined,
  kind: SecretKind,
  own: Iterable<string> = [],
): string[] {
  if (!value) return [];
  const resolved = kind === 'auto' ? autoKind(value) : kind;
  const ownSet = new Set(own);
  const parts = new Set<string>();
  const part = (text: string | undefined) => {
    for (const form of new Set([text ?? '', decoded(text ?? '')])) {
      if (form.length >= MIN_PART_LENGTH && !isOwnIdentifier(form) && !ownSet.has(form)) parts.add(form);
    }
  };
  if (resolved === 'url' || resolved === 'public-url') {
    if (resolved === 'url') parts.add(value);
    urlParts(value, resolved === 'url', part);
  } else {
    parts.add(value);
    if (resolved === 'signing-secret' && value.startsWith('whsec_')) part(value.slice('whsec_'.length));
    if (resolved === 'token') part(value.replace(/^Bearer\s+/i, ''));
  }
  return [...parts];
}

function autoKind(value: string): Exclude<SecretKind, 'auto'> {
  if (SCHEME.test(value)) return 'url';
  return value.startsWith('whsec_') ? 'signing-secret' : 'token';
}

function urlParts(raw: string, whole: boolean, part: (text: string | undefined) => void): void {
  let url: URL;
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
  // Userinfo: each half and the pair, whatever they look like.
  part(url.username);
  part(url.password);
  if (url.username && url.password) part(`${url.username}:${url.password}`);
  for (const [key, value] of url.searchParams) {
    if (SECRET_NAME.test(key) || looksLikeCredential(value)) part(value);
  }
  // The raw query values too: `+` and percent-escapes stay as the URL was written.
  for (const pair of url.search.slice(1).split('&')) {
    const [key = '', value = ''] = pair.split('=');
    if (SECRET_NAME.test(decoded(key)) || looksLikeCredential(decoded(value))) part(value);
  }
  for (const segment of url.pathname.split('/')) if (looksLikeCredential(decoded(segment))) part(segment);
  // Host labels as written (the parsed host is lower-cased, which hides mixed case).
  const host = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#:]*)/i.exec(raw)?.[1] ?? url.hostname;
  for (const label of host.split('.')) {
    if (looksLikeCredential(label)) {
      part(label);
      part(label.toLowerCase());
    }
  }
}

/**
 * The forms a part may take in text we print: as is, percent-encoded, percent-decoded and JSON-escaped
 * (the matcher ignores case, which covers lower-cased hosts and `%2f` versus `%2F`).
 */
export function secretForms(part: string): string[] {
  const forms = new Set<string>();
  for (const form of [part, encodeURIComponent(part), encodeURI(part), decoded(part)]) {
    forms.add(form);
    forms.add(JSON.stringify(form).slice(1, -1));
  }
  return [...forms].filter((form) => form.length > 0);
}
