import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Every file under `dir` (reports, logs, evidence) as text, for a secret scan. Binary files are read as
 * latin1 so a secret's bytes still show.
 */
export async function readTree(dir: string): Promise<string> {
  let text = '';
  let entries: string[];
  try {
    entries = await readdir(dir, { recursive: true });
  } catch {
    return '';
  }
  for (const entry of entries) {
    const path = join(dir, entry);
    if ((await stat(path)).isFile()) text += `\n--- ${entry}\n${await readFile(path, 'latin1')}`;
  }
  return text;
}

/** Names which of the secrets occur in the text (so a failing test says which one leaked, not its value). */
export function leakedSecrets(text: string, secrets: Record<string, string>): string[] {
  return Object.entries(secrets)
    .filter(([, value]) => value && text.includes(value))
    .map(([name]) => name);
}

/**
 * What a user could ever see of an action run: stdout without the `::add-mask::` commands (the runner
 * consumes them; they carry the secret by design), stderr, outputs, summary and every file in the
 * workspace. No masking is applied, so the action itself must never print a secret.
 */
export async function visibleOutput(run: { everything: string; workspace: string }): Promise<string> {
  const withoutMasks = run.everything.replace(/^::add-mask::.*$/gm, '');
  return `${withoutMasks}\n${await readTree(run.workspace)}`;
}

/** The forms a secret part can take in what is written: as is, percent-encoded, JSON-escaped, lower-cased. */
export function secretPartForms(part: string): Record<string, string> {
  return {
    raw: part,
    'percent-encoded': encodeURIComponent(part),
    'json-escaped': JSON.stringify(part).slice(1, -1),
    'lower-cased': part.toLowerCase(),
  };
}

/**
 * Names each secret part found in the text in any of its forms (`query-token (percent-encoded)`); the
 * lower-cased form is searched in the lower-cased text, so it also finds any other casing.
 */
export function leakedParts(text: string, parts: Record<string, string>): string[] {
  const lower = text.toLowerCase();
  const leaks: string[] = [];
  for (const [name, part] of Object.entries(parts)) {
    for (const [form, value] of Object.entries(secretPartForms(part))) {
      const found = form === 'lower-cased' ? lower.includes(value) : text.includes(value);
      if (value && found) leaks.push(`${name} (${form})`);
    }
  }
  return leaks;
}
