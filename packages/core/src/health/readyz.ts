import type { HealthInterpreter } from './types.js';

const CHECK_LINE = /^\[([+-])\]\s*([^\s]+)\s*(.*)$/;

/**
 * Kubernetes `/readyz?verbose` and `/livez?verbose` text: one `[+]name ok` or `[-]name failed: reason` line
 * per check and a closing `readyz check passed` / `failed`. Recognised by its shape (a text body whose
 * check lines start with `[+]` or `[-]`); any `[-]` line fails and is named.
 */
export const interpretReadyz: HealthInterpreter = (input) => {
  if (input.json !== undefined) return undefined;
  if (input.contentType && !input.contentType.startsWith('text/')) return undefined;
  const lines = input.body.split(/\r?\n/).map((line) => line.trim());
  const checks = lines.map((line) => CHECK_LINE.exec(line)).filter((m) => m !== null);
  if (!checks.length) return undefined;
  const failing = checks.filter((m) => m[1] === '-').map((m) => m[2]!);
  const closing = lines.find((line) => /^\w+ check (passed|failed)$/.test(line));
  const failedByClosing = closing?.endsWith('failed') ?? false;
  const status = failing.length || failedByClosing ? 'fail' : 'pass';
  const what = closing?.split(' ')[0] ?? 'readyz';
  let summary = `${what} check ${status === 'pass' ? 'passed' : 'failed'}`;
  if (failing.length) {
    const shown = failing.slice(0, 10).join(', ');
    summary += `: [-] ${shown}${failing.length > 10 ? ` and ${failing.length - 10} more` : ''}`;
  }
  return {
    format: 'readyz',
    status,
    raw: status === 'pass' ? '[+]' : '[-]',
    components: failing,
    summary,
  };
};
