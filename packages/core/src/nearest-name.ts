/**
 * The known name closest to a mistyped one, for "did you mean" hints: case-insensitive edit distance, at
 * most a third of the name's length (so `expectStatus` finds `expectedStatus`, `retries` finds nothing).
 */
export function nearestName(wrong: string, known: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(wrong.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(wrong.toLowerCase(), name.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** ` (did you mean 'expectedStatus'?)`, or '' when nothing is close. */
export function didYouMean(wrong: string, known: readonly string[]): string {
  const near = nearestName(wrong, known);
  return near ? ` (did you mean '${near}'?)` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
