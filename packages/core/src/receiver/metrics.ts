/** A tiny Prometheus text-format registry: counters and gauges with labels, nothing else. */
type Labels = Record<string, string>;

interface Family {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  series: Map<string, { labels: Labels; value: number }>;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labelKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((key) => `${key}="${escapeLabel(labels[key] ?? '')}"`)
    .join(',');
}

export class MetricsRegistry {
  private readonly families = new Map<string, Family>();

  define(name: string, type: Family['type'], help: string): void {
    if (!this.families.has(name)) this.families.set(name, { name, help, type, series: new Map() });
  }

  inc(name: string, labels: Labels = {}, by = 1): void {
    const series = this.series(name, labels);
    series.value += by;
  }

  set(name: string, labels: Labels, value: number): void {
    this.series(name, labels).value = value;
  }

  get(name: string, labels: Labels = {}): number {
    return this.families.get(name)?.series.get(labelKey(labels))?.value ?? 0;
  }

  private series(name: string, labels: Labels) {
    const family = this.families.get(name);
    if (!family) throw new Error(`metric ${name} is not defined`);
    const key = labelKey(labels);
    let series = family.series.get(key);
    if (!series) {
      series = { labels, value: 0 };
      family.series.set(key, series);
    }
    return series;
  }

  /** The Prometheus text exposition format (version 0.0.4). */
  render(): string {
    const lines: string[] = [];
    for (const family of this.families.values()) {
      lines.push(`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} ${family.type}`);
      for (const [key, series] of [...family.series.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        lines.push(`${family.name}${key ? `{${key}}` : ''} ${series.value}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }
}
