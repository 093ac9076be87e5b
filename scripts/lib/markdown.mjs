// Shared by the generators: text made safe for one markdown table cell.

/** One line, pipes escaped, angle brackets as entities (so `<url>` shows instead of vanishing as HTML). */
export const markdownCell = (text) =>
  String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');

/** A value as inline code, or empty when there is none. */
export const markdownCode = (value) =>
  value === undefined || value === '' ? '' : `\`${markdownCell(value)}\``;
