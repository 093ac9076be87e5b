import { MIN_PART_LENGTH, SECRET_NAME, type SecretKind, secretForms, secretParts } from './secret-parts.js';

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
    if (SECRET_NAME.test(key)) url.searchParams.set(key, REDACTED);
  }
  return url.toString().replaceAll('%2A%2A%2A', REDACTED);
}

/** Below this a registered value is matched exactly; from it on in any case (hosts are lower-cased). */
const CASELESS_FROM = 8;

/**
 * Replaces every registered secret, and each of its distinctive parts (see `secretParts`) in each of
 * their printed forms, in text. Actions register each part with `core.setSecret` too; this covers what
 * we write ourselves (reports, artifacts, CLI output) and what servers echo back.
 */
export class Redactor {
  private readonly forms = new Set<string>();
  /** Shorter values are left alone (3 by default; the run's secrets use 8, see `runSecrets`). */
  private readonly minLength: number;
  private matcher: { exact: string[]; caseless: RegExp | undefined } | undefined;
  /** Told each new part, so the host masks it too (the action's `core.setSecret`). */
  onNewPart: ((part: string) => void) | undefined;

  constructor(options: { minLength?: number } = {}) {
    this.minLength = options.minLength ?? 3;
  }

  /** Registers a secret and its parts (`auto`: a URL's parts, a signing secret's key); returns the new parts. */
  add(secret: string | undefined, kind: SecretKind = 'auto', own?: Iterable<string>): string[] {
    const added: string[] = [];
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
    if (added.length) this.matcher = undefined;
    for (const part of added) this.onNewPart?.(part);
    return added;
  }

  redact(text: string): string {
    if (!this.forms.size || !text) return text;
    const matcher = this.compile();
    let out = matcher.caseless ? text.replace(matcher.caseless, REDACTED) : text;
    for (const form of matcher.exact) out = out.split(form).join(REDACTED);
    return out;
  }

  get size(): number {
    return this.forms.size;
  }

  /** Forgets every secret (a new action step in the same process). */
  clear(): void {
    this.forms.clear();
    this.matcher = undefined;
  }

  private compile(): { exact: string[]; caseless: RegExp | undefined } {
    if (this.matcher) return this.matcher;
    // Longest first so a secret that contains another is replaced whole.
    const sorted = [...this.forms].sort((a, b) => b.length - a.length);
    const long = sorted.filter((form) => form.length >= CASELESS_FROM);
    this.matcher = {
      exact: sorted.filter((form) => form.length < CASELESS_FROM),
      caseless: long.length
        ? new RegExp(long.map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi')
        : undefined,
    };
    return this.matcher;
  }
}

/**
 * The secrets of this process's run (an action step, a CLI command): what the host registered with its
 * mask (the action's `core.setSecret`, seen on its way out) and what the use cases add. Every output of
 * the run is scrubbed with it: log lines, outputs, summary, report and bundle files. A value shorter
 * than 8 characters is left to the runner's mask: scrubbing `short` would scrub the word everywhere.
 */
export const runSecrets = new Redactor({ minLength: MIN_PART_LENGTH });

/** The one redaction step every output of a run passes. */
export function redactOutput(text: string): string {
  return runSecrets.redact(text);
}
