/** Query keys whose values are treated as secrets when a URL is shown. */
const SECRET_QUERY_KEY =
  /token|secret|password|passwd|pwd|key|sig|signature|auth|credential|session|code|ticket|jwt/i;

export const REDACTED = '***';

/**
 * Returns the URL with userinfo removed and secret-looking query values replaced, safe to print anywhere.
 * Text that is not a URL is returned unchanged.
 */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  if (url.username || url.password) {
    url.username = REDACTED;
    url.password = '';
  }
  for (const key of [...url.searchParams.keys()]) {
    if (SECRET_QUERY_KEY.test(key)) url.searchParams.set(key, REDACTED);
  }
  return url.toString().replaceAll('%2A%2A%2A', REDACTED);
}

/**
 * Replaces every registered secret in text. Actions register each secret with `core.setSecret` too;
 * this covers what we write ourselves (reports, artifacts, CLI output).
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined): void {
    if (secret && secret.length >= 3) this.secrets.add(secret);
  }

  redact(text: string): string {
    let out = text;
    // Longest first so a secret that contains another is replaced whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      out = out.split(secret).join(REDACTED);
    }
    return out;
  }

  get size(): number {
    return this.secrets.size;
  }
}
