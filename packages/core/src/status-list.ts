/** A list of accepted HTTP statuses: `200`, `200,204`, `200-299`, or combinations such as `200-299,301`. */
export type StatusList = ReadonlyArray<readonly [number, number]>;

export function parseStatusList(
  text: string | number | ReadonlyArray<string | number>,
): StatusList | undefined {
  const parts = Array.isArray(text) ? text.map(String) : String(text).split(',');
  const ranges: Array<[number, number]> = [];
  for (const raw of parts) {
    const part = raw.trim();
    const match = /^(\d{3})(?:\s*-\s*(\d{3}))?$/.exec(part);
    if (!match) return undefined;
    const low = Number(match[1]);
    const high = match[2] ? Number(match[2]) : low;
    if (low < 100 || high > 599 || low > high) return undefined;
    ranges.push([low, high]);
  }
  return ranges.length ? ranges : undefined;
}

export function statusMatches(list: StatusList, status: number): boolean {
  return list.some(([low, high]) => status >= low && status <= high);
}

export function formatStatusList(list: StatusList): string {
  return list.map(([low, high]) => (low === high ? String(low) : `${low}-${high}`)).join(',');
}
