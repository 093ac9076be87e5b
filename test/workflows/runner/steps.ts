// One step as the runner executes it: a `run:` script in bash, or an action's `node` entry point, each a
// child process with the runner's environment, file commands (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STATE,
// GITHUB_STEP_SUMMARY) as files, workflow commands read from stdout, and a hard timeout.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseOutputFile } from '../../harness/action.js';
import { type ActionsRepository, checkoutRef } from './refs.js';
import { OWN_REPOSITORY } from './workflow.js';

export interface ProcessResult {
  code: number | null;
  /** stdout and stderr interleaved as written, raw (masking is applied by the log, not here). */
  output: string;
  outputs: Record<string, string>;
  env: Record<string, string>;
  state: Record<string, string>;
  summary: string;
  masks: string[];
  annotations: Array<{ level: 'error' | 'warning' | 'notice'; message: string }>;
  timedOut: boolean;
}

export interface ProcessOptions {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  runnerTemp: string;
  /** A unique name for this step's file-command files. */
  fileKey: string;
  timeoutMs: number;
}

/** Runs one step process with fresh file-command files and collects what it wrote. */
export async function runProcess(options: ProcessOptions): Promise<ProcessResult> {
  const files = {
    GITHUB_OUTPUT: join(options.runnerTemp, `${options.fileKey}.output`),
    GITHUB_ENV: join(options.runnerTemp, `${options.fileKey}.env`),
    GITHUB_STATE: join(options.runnerTemp, `${options.fileKey}.state`),
    GITHUB_STEP_SUMMARY: join(options.runnerTemp, `${options.fileKey}.summary`),
    GITHUB_PATH: join(options.runnerTemp, `${options.fileKey}.path`),
  };
  for (const file of Object.values(files)) await writeFile(file, '');
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...options.env, ...files },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  let timedOut = false;
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  const masks: string[] = [];
  const annotations: ProcessResult['annotations'] = [];
  for (const line of output.split('\n')) {
    const command = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line);
    if (!command) continue;
    const [, name, value] = command;
    if (name === 'add-mask' && value) masks.push(value);
    if (name === 'error' || name === 'warning' || name === 'notice') {
      annotations.push({ level: name, message: decodeCommandData(value ?? '') });
    }
  }
  const read = (file: string) => readFile(file, 'utf8');
  return {
    code: timedOut ? null : code,
    output,
    outputs: parseOutputFile(await read(files.GITHUB_OUTPUT)),
    env: parseOutputFile(await read(files.GITHUB_ENV)),
    state: parseOutputFile(await read(files.GITHUB_STATE)),
    summary: await read(files.GITHUB_STEP_SUMMARY),
    masks,
    annotations,
    timedOut,
  };
}

/** Workflow command data escaping (%25, %0D, %0A), as @actions/core writes it. */
function decodeCommandData(value: string): string {
  return value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

export interface ActionInputSpec {
  description?: string;
  required?: boolean;
  default?: string | number | boolean;
}

export interface ActionDefinition {
  /** Where `uses:` pointed, for logs. */
  reference: string;
  dir: string;
  inputs: Record<string, ActionInputSpec>;
  outputs: Record<string, unknown>;
  using: string;
  main: string;
  post?: string;
  postIf?: string;
}

/** Where the stand-ins for GitHub's own actions live in this repository (the runner runs as a bundle in tmp). */
const STAND_INS = 'test/workflows/stand-ins';

/**
 * Resolves `uses:` to an action on disk: this repository's actions (`org/release-actions/<action>@<ref>`
 * and `./<action>`) from the working tree, so their real bundles run (`@<ref>` from that ref's commit of
 * `actionsRepository` when one is given); GitHub's artifact actions to the
 * stand-ins under test/workflows/stand-ins, which speak the artifact protocol through @actions/artifact.
 * Anything else is refused with a message naming it.
 */
export async function resolveAction(
  repoRoot: string,
  uses: string,
  actionsRepository?: ActionsRepository,
): Promise<ActionDefinition> {
  let dir: string | undefined;
  const own = new RegExp(`^${OWN_REPOSITORY}/([a-z0-9-]+)@([^@]+)$`).exec(uses);
  // With an actions repository, `@<ref>` is that ref's commit (refs.ts); without, the working tree.
  if (own)
    dir = join(actionsRepository ? (await checkoutRef(actionsRepository, own[2]!)).dir : repoRoot, own[1]!);
  else if (/^\.\/[a-z0-9-]+$/.test(uses)) dir = join(repoRoot, uses.slice(2));
  else {
    // A major tag, or a full commit SHA (the pinned form `@<40 hex> # vX.Y.Z`).
    const github = /^actions\/(upload-artifact|download-artifact)@(?:v\d+|[0-9a-f]{40})$/.exec(uses);
    if (github) dir = join(repoRoot, STAND_INS, github[1]!);
  }
  if (!dir || !existsSync(join(dir, 'action.yml'))) {
    throw new Error(`the local runner has no action for 'uses: ${uses}'`);
  }
  // biome-ignore lint/suspicious/noExplicitAny: raw YAML
  const yaml = parseYaml(await readFile(join(dir, 'action.yml'), 'utf8')) as any;
  const runs = yaml.runs ?? {};
  if (!/^node\d+$/.test(String(runs.using)))
    throw new Error(`${uses}: runs.using '${runs.using}' is not a node action`);
  return {
    reference: uses,
    dir,
    inputs: yaml.inputs ?? {},
    outputs: yaml.outputs ?? {},
    using: runs.using,
    main: join(dir, runs.main),
    ...(runs.post ? { post: join(dir, runs.post), postIf: runs['post-if'] ?? 'always()' } : {}),
  };
}

/** The runner's input variable: `INPUT_` + name upper-cased, spaces as `_`, hyphens kept. */
export const inputVariable = (name: string) => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;

/** An action.yml default: a literal, or a string with `${{ }}` expressions the runner evaluates. */
export function expandDefault(value: string, evaluate: (expression: string) => string): string {
  return value.replace(/\$\{\{(.*?)\}\}/g, (_, expression: string) => evaluate(expression.trim()));
}

export const actionDirOf = (definition: ActionDefinition) => dirname(definition.main);
