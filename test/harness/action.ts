import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

export const repoRoot = new URL('../..', import.meta.url).pathname;

/** Every action, as users name it in `uses: org/release-actions/<action>@v1`. */
export const ACTIONS = [
  'deploy-webhook',
  'smoke',
  'trigger-rollback',
  'rollback-verify',
  'report',
  'drill-evaluate',
  'readiness-checklist',
  'evidence',
];

export interface ActionRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  /** The raw bytes of GITHUB_OUTPUT, for byte-level checks and secret scans. */
  outputFile: string;
  summary: string;
  workspace: string;
  durationMs: number;
  /** Every text the action wrote that a user could see: stdout, stderr, outputs, summary. */
  everything: string;
}

export interface RunOptions {
  inputs?: Record<string, string>;
  env?: Record<string, string | undefined>;
  workspace?: string;
  /** Which bundle: `index.js` (main) or `post.js`. */
  entry?: 'index.js' | 'post.js';
  timeoutMs?: number;
  /** Called once the process has started, e.g. to send it a signal. */
  onSpawn?: (pid: number) => void;
}

interface ActionYaml {
  inputs?: Record<string, { default?: string | number | boolean }>;
}

/** The defaults from `<action>/action.yml`, as the runner applies them (the action itself never sees the file). */
export async function actionDefaults(action: string): Promise<Record<string, string>> {
  const yaml = parseYaml(await readFile(join(repoRoot, action, 'action.yml'), 'utf8')) as ActionYaml;
  const defaults: Record<string, string> = {};
  for (const [name, spec] of Object.entries(yaml.inputs ?? {})) {
    // `${{ github.token }}` style defaults are expressions the runner evaluates; the harness has no context.
    if (spec.default !== undefined && !String(spec.default).includes('${{'))
      defaults[name] = String(spec.default);
  }
  return defaults;
}

/** The runner's input variable name: `INPUT_` + upper case, spaces as `_`, hyphens kept. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/**
 * Runs `dist/<action>/index.js` as a child process the way a runner does: inputs as INPUT_* variables with
 * action.yml defaults applied, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY as files, a fresh workspace and RUNNER_TEMP.
 */
/** A step's environment as the runner prepares it: the files, the workspace and every variable. */
export interface StepEnvironment {
  env: Record<string, string>;
  workspace: string;
  outputPath: string;
  summaryPath: string;
}

/**
 * The environment a runner gives a step: inputs as INPUT_* variables with action.yml defaults applied,
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY as fresh files, a fresh workspace and RUNNER_TEMP, and nothing
 * inherited from another step.
 */
export async function stepEnvironment(action: string, options: RunOptions = {}): Promise<StepEnvironment> {
  const workspace = options.workspace ?? (await mkdtemp(join(tmpdir(), `ra-${action}-`)));
  const runnerTemp = await mkdtemp(join(tmpdir(), 'ra-runner-temp-'));
  const outputPath = join(runnerTemp, 'github_output');
  const summaryPath = join(runnerTemp, 'step_summary');
  await writeFile(outputPath, '');
  await writeFile(summaryPath, '');
  const inputs = { ...(await actionDefaults(action)), ...options.inputs };
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    // The runner never passes one step's inputs to another; drop anything inherited.
    if (
      value !== undefined &&
      !key.startsWith('INPUT_') &&
      !key.startsWith('GITHUB_') &&
      !key.startsWith('ACTIONS_')
    ) {
      env[key] = value;
    }
  }
  delete env.NODE_OPTIONS;
  Object.assign(env, {
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: runnerTemp,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_RUN_ID: '1001',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTOR: 'octocat',
    GITHUB_WORKFLOW: 'release',
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_REF: 'refs/heads/main',
  });
  for (const [name, value] of Object.entries(inputs)) env[inputEnvName(name)] = value;
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return { env, workspace, outputPath, summaryPath };
}

/**
 * Runs `dist/<action>/index.js` as a child process the way a runner does (see `stepEnvironment`).
 */
export async function runBundle(action: string, options: RunOptions = {}): Promise<ActionRun> {
  const { env, workspace, outputPath, summaryPath } = await stepEnvironment(action, options);
  const started = performance.now();
  const bundle = join(repoRoot, 'dist', action, options.entry ?? 'index.js');
  const child = spawn(process.execPath, [bundle], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid) options.onSpawn?.(child.pid);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const timeoutMs = options.timeoutMs ?? 60_000;
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`${action} did not finish within ${timeoutMs}ms\nstdout:\n${stdout}\nstderr:\n${stderr}`),
      );
    }, timeoutMs);
    child.on('close', (exitCode, exitSignal) => {
      clearTimeout(timer);
      resolve([exitCode, exitSignal]);
    });
  });
  const outputFile = await readFile(outputPath, 'utf8');
  const summary = await readFile(summaryPath, 'utf8');
  return {
    code,
    signal,
    stdout,
    stderr,
    outputs: parseOutputFile(outputFile),
    outputFile,
    summary,
    workspace,
    durationMs: performance.now() - started,
    everything: [stdout, stderr, outputFile, summary].join('\n'),
  };
}

/** Parses GITHUB_OUTPUT's `name<<delimiter` blocks (and plain `name=value` lines). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
      outputs[name!] = value.join('\n');
    } else if (line.includes('=')) {
      const at = line.indexOf('=');
      outputs[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return outputs;
}
