/** Splits a comma or newline separated value (an input, a flag) into trimmed entries; blank ones dropped. */
export function splitList(text: string | readonly string[]): string[] {
  const parts = typeof text === 'string' ? text.split(/[\n,]/) : text.flatMap((t) => t.split(/[\n,]/));
  return parts.map((part) => part.trim()).filter(Boolean);
}
