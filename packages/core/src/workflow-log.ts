import { Redactor } from './redact.js';

/** A workflow command's value is escaped by the toolkit: `%` `\r` `\n` as `%25` `%0D` `%0A`. */
export function unescapeCommandValue(value: string): string {
  return value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

/**
 * Turns what an action printed into a log safe to keep in an evidence bundle: every value the action
 * registered with `::add-mask::` (core.setSecret) is replaced by `***` wherever it appears, and the
 * `::add-mask::` commands themselves are dropped — as the runner's own log shows it.
 */
export function scrubWorkflowLog(text: string): string {
  const redactor = new Redactor();
  const kept: string[] = [];
  for (const line of text.split('\n')) {
    const mask = /^::add-mask::(.*)$/.exec(line.replace(/\r$/, ''));
    if (mask) redactor.add(unescapeCommandValue(mask[1] ?? ''));
    else kept.push(line);
  }
  return redactor.redact(kept.join('\n'));
}
