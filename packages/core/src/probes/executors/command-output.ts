/** How much of a failed command's output its reason keeps: the end is where the error usually is. */
const TAIL_LINES = 20;
const TAIL_BYTES = 2048;

/** The last lines of one stream, at most TAIL_LINES lines and about TAIL_BYTES bytes; '' when empty. */
export function lastLines(text: string | undefined): string {
  if (!text) return '';
  const lines = text.replace(/\s+$/, '').split(/\r?\n/);
  let tail = lines.slice(-TAIL_LINES).join('\n');
  const cut = lines.length > TAIL_LINES;
  if (Buffer.byteLength(tail) <= TAIL_BYTES) return cut ? `…\n${tail}` : tail;
  // Keep whole characters: cut the bytes, then drop a partial character at the start.
  tail = Buffer.from(tail)
    .subarray(-TAIL_BYTES)
    .toString('utf8')
    .replace(/^\uFFFD+/, '');
  return `…${tail}`;
}

/**
 * What a failed command printed last, for its reason: `stderr (last lines):` and `stdout (last lines):`
 * blocks, indented; '' when it printed nothing. The engine redacts the reason with the run's secrets.
 */
export function commandOutputTail(output: { stdout?: string; stderr?: string }): string {
  const blocks: string[] = [];
  for (const stream of ['stderr', 'stdout'] as const) {
    const tail = lastLines(output[stream]);
    if (tail) blocks.push(`${stream} (last lines):\n${tail.replace(/^/gm, '  ')}`);
  }
  return blocks.length ? `\n${blocks.join('\n')}` : '';
}
