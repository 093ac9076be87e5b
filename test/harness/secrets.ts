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
