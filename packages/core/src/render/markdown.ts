/** GitHub refuses step summaries over 1 MiB; stay well below it. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024 - 16 * 1024;

export function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

export function markdownTable(header: string[], rows: string[][]): string {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const row of rows) lines.push(`| ${row.map(escapeCell).join(' | ')} |`);
  return `${lines.join('\n')}\n`;
}

/**
 * Builds a table that fits the summary limit: rows are given failures first by the caller; rows that do
 * not fit are cut and counted in a closing line.
 */
export function boundedTable(
  header: string[],
  rows: string[][],
  budgetBytes = SUMMARY_LIMIT_BYTES / 2,
): string {
  let table = markdownTable(header, []);
  let used = Buffer.byteLength(table);
  let shown = 0;
  for (const row of rows) {
    const line = `| ${row.map(escapeCell).join(' | ')} |\n`;
    const size = Buffer.byteLength(line);
    if (used + size > budgetBytes) break;
    table += line;
    used += size;
    shown += 1;
  }
  if (shown < rows.length)
    table += `\n_${rows.length - shown} more rows not shown (summary size limit); see the report file._\n`;
  return table;
}

/** Keeps a step summary under GitHub's limit: the markdown lists problems first, so cut from the end. */
export function fitSummary(markdown: string, limit = SUMMARY_LIMIT_BYTES): string {
  if (Buffer.byteLength(markdown) <= limit) return markdown;
  const note = '\n\n_Summary cut at the size limit; the full text is in the report file._\n';
  let cut = markdown.slice(0, limit - note.length);
  while (Buffer.byteLength(cut) > limit - note.length) cut = cut.slice(0, -1024);
  return `${cut.slice(0, cut.lastIndexOf('\n'))}${note}`;
}
