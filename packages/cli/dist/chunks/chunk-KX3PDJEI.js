import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// packages/core/src/render/markdown.ts
var SUMMARY_LIMIT_BYTES = 1024 * 1024 - 16 * 1024;
function escapeCell(text) {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}
function markdownTable(header, rows) {
  const lines = [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`];
  for (const row of rows) lines.push(`| ${row.map(escapeCell).join(" | ")} |`);
  return `${lines.join("\n")}
`;
}
function boundedTable(header, rows, budgetBytes = SUMMARY_LIMIT_BYTES / 2) {
  let table = markdownTable(header, []);
  let used = Buffer.byteLength(table);
  let shown = 0;
  for (const row of rows) {
    const line = `| ${row.map(escapeCell).join(" | ")} |
`;
    const size = Buffer.byteLength(line);
    if (used + size > budgetBytes) break;
    table += line;
    used += size;
    shown += 1;
  }
  if (shown < rows.length)
    table += `
_${rows.length - shown} more rows not shown (summary size limit); see the report file._
`;
  return table;
}

export {
  boundedTable
};
