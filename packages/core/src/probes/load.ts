import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { ConfigurationError } from '../errors.js';
import { redactUrl } from '../redact.js';
import { parseStatusList, type StatusList } from '../status-list.js';
import { parseYaml } from '../yaml.js';
import { normaliseMetricEntry, refuseMetricFields } from './metrics/normalise.js';
import { checkVersionTargets, normaliseWithScenario, type ScenarioDefaults } from './scenario/run.js';
import {
  type CommandProbe,
  defaultProbeName,
  type Probe,
  type ProbeAssertion,
  type ProbeFileEntry,
} from './schema.js';
import { ALWAYS_SECRET_HEADERS, classifyUrl, splitUrlList } from './urls.js';

const DEFAULT_EXPECTED = parseStatusList('200-299')!;

/** Applied to every probe that does not say otherwise (from the action's inputs or the CLI's flags). */
export interface ProbeDefaults {
  /** Headers for http and ws probes; a probe's own header of the same name wins. */
  headers?: Record<string, string>;
  /** Names (any case) of headers whose values are secrets. `authorization` and `cookie` always are. */
  secretHeaders?: string[];
  expectedStatus?: StatusList;
  /** The expected version and where http probes report it (scenario/run.ts). */
  scenario?: ScenarioDefaults;
}

export interface LoadProbesOptions {
  /** Comma- or newline-separated URLs (or a list): http(s)://, ws(s)://, tcp://host:port. */
  urls?: string | readonly string[];
  /** A YAML or JSON probes file; relative paths resolve against `baseDir`. */
  probesFile?: string;
  baseDir?: string;
  /** What `baseDir` is, in errors: `the workspace` (the action), `the current directory` (the CLI). */
  baseDirLabel?: string;
  defaults?: ProbeDefaults;
  /** How the caller names its two sources in errors: input names for the action, flags for the CLI. */
  labels?: { urls: string; probes: string };
}

export { ALWAYS_SECRET_HEADERS, classifyUrl, splitUrlList } from './urls.js';

/**
 * Loads the probes to run from a `urls` list and/or a probes file, applies the defaults and checks
 * everything before any probe runs. Throws a ConfigurationError naming the source, probe and field.
 */
export async function loadProbes(options: LoadProbesOptions): Promise<Probe[]> {
  const labels = options.labels ?? { urls: 'urls', probes: 'probes' };
  const entries: Array<{ entry: ProbeFileEntry; where: string }> = [];
  for (const [index, url] of splitUrlList(options.urls ?? []).entries()) {
    entries.push({ entry: { url }, where: `${labels.urls} entry ${index + 1}` });
  }
  if (options.probesFile) {
    const path = isAbsolute(options.probesFile)
      ? options.probesFile
      : resolve(options.baseDir ?? process.cwd(), options.probesFile);
    const fileEntries = await readProbesFile(
      path,
      `${labels.probes} file '${options.probesFile}'`,
      isAbsolute(options.probesFile) ? undefined : (options.baseDirLabel ?? 'the current directory'),
    );
    fileEntries.forEach((entry, index) => {
      entries.push({ entry, where: `${labels.probes} file '${options.probesFile}', probe ${index + 1}` });
    });
  }
  if (!entries.length) {
    throw new ConfigurationError(
      `nothing to probe: give ${labels.urls} (e.g. https://shop.example.com/healthz) or ${labels.probes} (e.g. smoke/probes.yml)`,
    );
  }
  // A prometheus probe gets none of the defaults (smoke's headers and bearer token are for the service).
  const probes = entries.map(({ entry, where }) =>
    entry.type === 'prometheus'
      ? normaliseMetricEntry(entry, where)
      : normaliseWithScenario(
          refuseMetricFields(entry, where),
          options.defaults ?? {},
          where,
          normaliseProbe,
        ),
  );
  checkVersionTargets(probes, options.defaults ?? {});
  return uniqueNames(probes);
}

/**
 * Reads and validates a probes file (YAML or JSON; JSON is YAML, so one parser reads both). `relativeTo`
 * names what a relative path was resolved against, for the error when the file cannot be read.
 */
export async function readProbesFile(
  path: string,
  what: string,
  relativeTo?: string,
): Promise<ProbeFileEntry[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const resolved = relativeTo ? ` (resolved against ${relativeTo})` : '';
    throw new ConfigurationError(
      `${what} cannot be read (${code === 'ENOENT' ? 'no such file' : code}) at ${path}${resolved}; give a path relative to ${relativeTo ?? 'the current directory'} or an absolute one, e.g. smoke/probes.yml`,
    );
  }
  return parseProbesText(text, what, path.endsWith('.json') ? 'json' : 'yaml');
}

/**
 * Parses and validates probes file text. The YAML parser and the file's schemas are imported here, so a
 * run with plain `urls` loads neither.
 */
export async function parseProbesText(
  text: string,
  what: string,
  format: 'yaml' | 'json' = 'yaml',
): Promise<ProbeFileEntry[]> {
  let data: unknown;
  try {
    data = format === 'json' ? JSON.parse(text) : await parseYaml(text);
  } catch (error) {
    // The parser's first line ends with a colon before a code excerpt that does not fit a one-line error.
    const first = (error as Error).message.split('\n')[0]!.replace(/:\s*$/, '');
    throw new ConfigurationError(`${what} is not valid ${format.toUpperCase()}: ${first}`);
  }
  const { parseProbesData } = await import('./probes-file.js');
  return parseProbesData(data, what);
}

/** Turns one entry into a runnable probe, or throws naming where it came from. */
export function normaliseProbe(entry: ProbeFileEntry, defaults: ProbeDefaults, where: string): Probe {
  const fail = (message: string): never => {
    throw new ConfigurationError(`${where}: ${message}`);
  };
  const common = {
    dryRun: entry.dryRun ?? false,
    assertions: (entry.assertions ?? []).filter((a): a is ProbeAssertion => a.subject === 'body'),
    latencyBudgetMs: entry.latencyBudget,
    timeoutMs: entry.timeout,
    ...(entry.watch === undefined ? {} : { watchMs: entry.watch }),
  };
  if (entry.command || entry.type === 'command') {
    if (!entry.command) return fail("a command probe needs 'command', e.g. command: ./scripts/check-db.sh");
    if (entry.url) return fail("give either 'url' or 'command', not both");
    const words = splitCommandLine(entry.command);
    if (!words.length) return fail("'command' is empty");
    const probe: CommandProbe = {
      type: 'command',
      name: entry.name ?? defaultProbeName({ command: entry.command }),
      target: entry.command.split(/\s+/)[0]!,
      command: words[0]!,
      args: [...words.slice(1), ...(entry.args ?? [])],
      ...common,
    };
    return probe;
  }
  if (!entry.url)
    return fail("a probe needs 'url' (or 'command'), e.g. url: https://shop.example.com/healthz");
  const classified = classifyUrl(entry.url);
  if (typeof classified === 'string') return fail(classified);
  const { type, url } = classified;
  if (entry.type && entry.type !== type) {
    return fail(`type '${entry.type}' does not match the URL scheme '${url.protocol}' (a ${type} probe)`);
  }
  const name = entry.name ?? defaultProbeName({ url: entry.url });
  const target = redactUrl(url.toString());
  if (type === 'tcp') {
    return {
      type,
      name,
      target: url.host,
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: Number(url.port),
      ...common,
    };
  }
  const headers = mergeHeaders(defaults.headers ?? {}, entry.headers ?? {});
  const secretHeaders = [
    ...new Set(
      [...ALWAYS_SECRET_HEADERS, ...(defaults.secretHeaders ?? []), ...(entry.secretHeaders ?? [])].map((h) =>
        h.toLowerCase(),
      ),
    ),
  ];
  if (type === 'ws') return { type, name, target, url: url.toString(), headers, secretHeaders, ...common };
  return {
    type,
    name,
    target,
    url: url.toString(),
    method: (entry.method ?? (entry.body === undefined ? 'GET' : 'POST')).toUpperCase(),
    headers,
    secretHeaders,
    body:
      entry.body === undefined || typeof entry.body === 'string' ? entry.body : JSON.stringify(entry.body),
    expectedStatus: entry.expectedStatus ?? defaults.expectedStatus ?? DEFAULT_EXPECTED,
    ...common,
  };
}

/** Header names compare without case; the later source wins. */
function mergeHeaders(...sources: Array<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const source of sources) {
    for (const [name, value] of Object.entries(source)) {
      for (const existing of Object.keys(out))
        if (existing.toLowerCase() === name.toLowerCase()) delete out[existing];
      out[name] = value;
    }
  }
  return out;
}

function uniqueNames(probes: Probe[]): Probe[] {
  const seen = new Map<string, number>();
  return probes.map((probe) => {
    const count = (seen.get(probe.name) ?? 0) + 1;
    seen.set(probe.name, count);
    return count === 1 ? probe : { ...probe, name: `${probe.name} #${count}` };
  });
}

/**
 * Splits a command line into words the way a shell would for plain words and quotes (no expansion, no
 * pipes): `./check.sh --db "primary db"` -> ['./check.sh', '--db', 'primary db'].
 */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: '"' | "'" | undefined;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === '\\' && quote === '"' && (line[i + 1] === '"' || line[i + 1] === '\\'))
        current += line[++i];
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      started = true;
    } else if (/\s/.test(char)) {
      if (started) words.push(current);
      current = '';
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (started) words.push(current);
  return words;
}
