// A local workflow runner for tests: runs a caller workflow (a starter template, copied as a user copies
// it) and the reusable workflows it calls the way GitHub does, on GitHub's own parser and expression
// evaluator, with our real action bundles as steps and local stand-ins for the GitHub API and artifacts.
// What it does not model is listed in docs/testing.md.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isMapping, isString } from '@actions/workflow-parser';
import type {
  Job,
  ReusableWorkflowJob,
  Step,
  WorkflowJob,
} from '@actions/workflow-parser/model/workflow-template';
import type { MappingToken } from '@actions/workflow-parser/templates/tokens/mapping-token';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { ConcurrencyGroups, type QueueMode } from './concurrency.js';
import {
  asString,
  type Contexts,
  evaluateExpression,
  evaluateStringMap,
  evaluateToken,
  type JobStatus,
  truthy,
} from './expressions.js';
import type { ActionsRepository } from './refs.js';
import { type ActionDefinition, expandDefault, inputVariable, resolveAction, runProcess } from './steps.js';
import { type LoadedWorkflow, loadWorkflow, type RawWorkflow, stepWith } from './workflow.js';

export type Permissions = Record<string, 'read' | 'write' | 'none'>;

/** What the runner needs of the local GitHub API (test/servers/github-api.ts). */
export interface GithubStandIn {
  url: string;
  issueToken(permissions: Permissions, label?: string): string;
  createEnvironmentDeployment(options: {
    sha: string;
    ref: string;
    environment: string;
    logUrl: string;
  }): number;
  addDeploymentStatus(id: number, state: string, options?: { description?: string; logUrl?: string }): void;
}

/** What the runner needs of the local artifact service (test/servers/artifact-server.ts). */
export interface ArtifactStandIn {
  jobEnv(options: {
    runId: number;
    runAttempt?: number;
    jobName: string;
    repository: string;
    headBranch: string;
    headSha: string;
    workflowPath: string;
    event: string;
  }): Record<string, string | undefined>;
}

export interface EnvironmentSettings {
  secrets?: Record<string, string>;
  vars?: Record<string, string>;
}

/** A repository on GitHub as the runs see it: its secrets, variables, environments and stand-ins. */
export interface RepositorySettings {
  repoRoot: string;
  /** `owner/name` of the repository that runs the workflow (the user's service repository). */
  repository: string;
  secrets?: Record<string, string>;
  vars?: Record<string, string>;
  environments?: Record<string, EnvironmentSettings>;
  github: GithubStandIn;
  artifacts: ArtifactStandIn;
  /** Files of the user's repository, written into the workspace by `actions/checkout`. */
  files?: Record<string, string>;
  /** Shared by runs of this repository, so their concurrency groups interact. */
  concurrency?: ConcurrencyGroups;
  /** The default `GITHUB_TOKEN` permissions when a workflow sets none (GitHub's restricted default). */
  defaultPermissions?: Permissions;
  stepTimeoutMs?: number;
  /** Where the caller workflow sits in the user's repository (for GITHUB_WORKFLOW_REF). */
  workflowFile?: string;
  /**
   * A git repository standing in for `org/release-actions`: `uses: org/release-actions/...@<ref>` (actions
   * and reusable workflows) run the files of that ref's commit (refs.ts). Unset: the working tree, any ref.
   */
  actionsRepository?: ActionsRepository;
}

export interface Trigger {
  /** The workflow to run, relative to repoRoot (e.g. `action-templates/release-gate.yml`). */
  workflow: string;
  event: 'push' | 'workflow_dispatch' | 'schedule';
  sha: string;
  ref?: string;
  inputs?: Record<string, string | boolean>;
  runId?: number;
  runAttempt?: number;
  actor?: string;
}

export type Conclusion = 'success' | 'failure' | 'skipped' | 'cancelled';

export interface StepRecord {
  id: string;
  name: string;
  uses?: string;
  outcome: Conclusion;
  conclusion: Conclusion;
  outputs: Record<string, string>;
  /** The step's log as the run page shows it: every registered secret replaced by `***`. */
  log: string;
  /** The bytes as written, before masking (for leak scans of what GitHub would hide). */
  rawLog: string;
  summary: string;
  annotations: Array<{ level: string; message: string }>;
  /** Inputs the runner passed (INPUT_* values), raw. */
  inputs: Record<string, string>;
  post?: boolean;
  /** Wall-clock start and end (ms since the epoch); equal for a skipped step. */
  startedAt: number;
  finishedAt: number;
}

export interface JobRecord {
  /** Path of job ids, e.g. `staging/gate`. */
  key: string;
  name: string;
  result: Conclusion;
  outputs: Record<string, string>;
  steps: StepRecord[];
  environment?: string;
  permissions?: Permissions;
  deploymentId?: number;
  /** Outputs GitHub would drop because they hold a secret. */
  droppedOutputs: string[];
  warnings: string[];
  startedAt: number;
  finishedAt: number;
}

export interface RunRecord {
  triggered: boolean;
  reason?: string;
  runId: number;
  conclusion: Conclusion;
  jobs: JobRecord[];
  /** The job with this key (`staging/gate`); throws when there is none. */
  job(key: string): JobRecord;
  /** Every step log of the run, masked, in order. */
  log: string;
}

let nextRunId = 5000;

/** Runs one workflow run to the end: trigger filters, jobs in `needs` order, reusable workflows, steps. */
export async function runWorkflow(repo: RepositorySettings, trigger: Trigger): Promise<RunRecord> {
  const workflow = await loadWorkflow(repo.repoRoot, trigger.workflow, repo.actionsRepository);
  const runId = trigger.runId ?? nextRunId++;
  const jobs: JobRecord[] = [];
  const record: RunRecord = {
    triggered: true,
    runId,
    conclusion: 'success',
    jobs,
    job(key) {
      const job = jobs.find((j) => j.key === key);
      if (!job) throw new Error(`no job '${key}' in this run; jobs: ${jobs.map((j) => j.key).join(', ')}`);
      return job;
    },
    get log() {
      return jobs.flatMap((j) => j.steps.map((s) => s.log)).join('\n');
    },
  };
  const skip = triggerMismatch(workflow, trigger);
  if (skip) return { ...record, triggered: false, reason: skip, conclusion: 'skipped' };

  const ref = trigger.ref ?? 'refs/heads/main';
  const workflowFile = repo.workflowFile ?? `.github/workflows/${trigger.workflow.split('/').at(-1)}`;
  const github = githubContext(repo, trigger, workflow, runId, ref, workflowFile);
  const run: RunState = {
    repo,
    trigger,
    github,
    concurrency: repo.concurrency ?? new ConcurrencyGroups(),
    record: jobs,
    workflowFile,
  };
  const inputs = dispatchInputs(workflow, trigger);
  const results = await runJobs(run, workflow.template.jobs, {
    keyPrefix: '',
    inputs,
    secrets: { ...repo.secrets },
    raw: workflow.raw,
    tokens: workflow.tokens,
    workflow,
    callerPermissions: undefined,
  });
  record.conclusion = Object.values(results).some((r) => r.result === 'failure' || r.result === 'cancelled')
    ? 'failure'
    : 'success';
  return record;
}

interface RunState {
  repo: RepositorySettings;
  trigger: Trigger;
  github: Record<string, unknown>;
  concurrency: ConcurrencyGroups;
  record: JobRecord[];
  workflowFile: string;
}

interface Scope {
  keyPrefix: string;
  inputs: Record<string, unknown>;
  /** The secrets context of this workflow (before any environment's secrets). */
  secrets: Record<string, string>;
  /** The raw YAML of the workflow the jobs belong to (for `permissions:`). */
  raw: RawWorkflow;
  /** The parsed tokens of that workflow (step `with:`). */
  tokens: TemplateToken;
  workflow: LoadedWorkflow;
  /** A called workflow's jobs can never get more than the caller job's token allows. */
  callerPermissions: Permissions | undefined;
}

interface JobOutcome {
  result: Conclusion;
  outputs: Record<string, string>;
}

function triggerMismatch(workflow: LoadedWorkflow, trigger: Trigger): string | undefined {
  const events = workflow.template.events;
  if (!(trigger.event in events)) return `the workflow has no '${trigger.event}' trigger`;
  if (trigger.event === 'push') {
    const push = events.push ?? {};
    const branch = (trigger.ref ?? 'refs/heads/main').replace(/^refs\/heads\//, '');
    if (push.branches && !push.branches.some((pattern) => globMatch(pattern, branch))) {
      return `push to '${branch}' does not match branches ${JSON.stringify(push.branches)}`;
    }
    if (push['branches-ignore']?.some((pattern) => globMatch(pattern, branch))) {
      return `push to '${branch}' matches branches-ignore`;
    }
  }
  return undefined;
}

/** GitHub's branch filter patterns: `*` within a segment, `**` across segments, the rest literal. */
function globMatch(pattern: string, value: string): boolean {
  const source = pattern
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*'),
    )
    .join('.*');
  return new RegExp(`^${source}$`).test(value);
}

function githubContext(
  repo: RepositorySettings,
  trigger: Trigger,
  workflow: LoadedWorkflow,
  runId: number,
  ref: string,
  workflowFile: string,
): Record<string, unknown> {
  const [owner] = repo.repository.split('/');
  const repository = {
    full_name: repo.repository,
    name: repo.repository.split('/')[1],
    owner: { login: owner },
    default_branch: 'main',
  };
  const event =
    trigger.event === 'push'
      ? { ref, after: trigger.sha, before: '0'.repeat(40), repository, head_commit: { id: trigger.sha } }
      : trigger.event === 'workflow_dispatch'
        ? { ref, inputs: stringInputs(trigger.inputs ?? {}), repository, workflow: workflowFile }
        : { schedule: workflow.template.events.schedule?.[0]?.cron, repository };
  return {
    event_name: trigger.event,
    event,
    sha: trigger.sha,
    ref,
    ref_name: ref.replace(/^refs\/(heads|tags)\//, ''),
    ref_type: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    repository: repo.repository,
    repository_owner: owner,
    run_id: String(runId),
    run_number: String(runId - 4999),
    run_attempt: String(trigger.runAttempt ?? 1),
    actor: trigger.actor ?? 'octocat',
    triggering_actor: trigger.actor ?? 'octocat',
    workflow: String(workflow.raw.name ?? workflowFile),
    workflow_ref: `${repo.repository}/${workflowFile}@${ref}`,
    server_url: 'https://github.com',
    api_url: repo.github.url,
    graphql_url: `${repo.github.url}/graphql`,
    retention_days: '90',
    head_ref: '',
    base_ref: '',
  };
}

const stringInputs = (inputs: Record<string, string | boolean>) =>
  Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, String(v)]));

/** `inputs` of a workflow_dispatch run: typed (booleans stay booleans), defaults applied, required enforced. */
function dispatchInputs(workflow: LoadedWorkflow, trigger: Trigger): Record<string, unknown> {
  if (trigger.event !== 'workflow_dispatch') return {};
  const definitions = workflow.template.events.workflow_dispatch?.inputs ?? {};
  const given = trigger.inputs ?? {};
  const out: Record<string, unknown> = {};
  for (const [name, definition] of Object.entries(definitions)) {
    let value: unknown = name in given ? given[name] : definition.default;
    if (value === undefined) {
      if (definition.required) throw new Error(`workflow_dispatch: input '${name}' is required`);
      value = definition.type === 'boolean' ? false : '';
    }
    if (definition.type === 'boolean') value = value === true || value === 'true';
    if (definition.type === 'choice' && !definition.options?.includes(String(value))) {
      throw new Error(
        `workflow_dispatch: '${value}' is not one of ${definition.options?.join(', ')} for '${name}'`,
      );
    }
    out[name] = definition.type === 'boolean' ? value : String(value);
  }
  for (const name of Object.keys(given)) {
    if (!(name in definitions)) throw new Error(`workflow_dispatch: unexpected input '${name}'`);
  }
  return out;
}

/** Runs jobs in `needs` order; independent jobs run at the same time, as on GitHub. */
async function runJobs(
  run: RunState,
  jobs: WorkflowJob[],
  scope: Scope,
): Promise<Record<string, JobOutcome>> {
  const started = new Map<string, Promise<JobOutcome>>();
  const results: Record<string, JobOutcome> = {};
  const start = (job: WorkflowJob): Promise<JobOutcome> => {
    const id = job.id.value;
    let promise = started.get(id);
    if (!promise) {
      promise = (async () => {
        const needs = (job.needs ?? []).map((need) => need.value);
        const needed: Record<string, JobOutcome> = {};
        for (const need of needs) {
          const other = jobs.find((j) => j.id.value === need);
          if (!other) throw new Error(`job '${id}' needs unknown job '${need}'`);
          needed[need] = await start(other);
        }
        const outcome = await runJobWithMatrix(run, job, scope, needed);
        results[id] = outcome;
        return outcome;
      })();
      started.set(id, promise);
    }
    return promise;
  };
  await Promise.all(jobs.map(start));
  return results;
}

const needsContext = (needed: Record<string, JobOutcome>) =>
  Object.fromEntries(Object.entries(needed).map(([id, o]) => [id, { result: o.result, outputs: o.outputs }]));

async function runJobWithMatrix(
  run: RunState,
  job: WorkflowJob,
  scope: Scope,
  needed: Record<string, JobOutcome>,
): Promise<JobOutcome> {
  const base: Contexts = {
    github: run.github,
    inputs: scope.inputs,
    vars: run.repo.vars ?? {},
    needs: needsContext(needed),
  };
  const strategy = (evaluateToken(job.strategy, base) ?? {}) as { matrix?: Record<string, unknown> };
  const combinations: Array<Record<string, unknown> | undefined> = strategy.matrix
    ? expandMatrix(strategy.matrix)
    : [undefined];
  const outcomes = await Promise.all(
    combinations.map((matrix, jobIndex) =>
      runOneJob(run, job, scope, needed, matrix, {
        'fail-fast': true,
        'job-index': jobIndex,
        'job-total': combinations.length,
      }),
    ),
  );
  const results = outcomes.map((o) => o.result);
  const result: Conclusion = results.includes('failure')
    ? 'failure'
    : results.includes('cancelled')
      ? 'cancelled'
      : results.every((r) => r === 'skipped')
        ? 'skipped'
        : 'success';
  // A matrix job's outputs are those of the instances that set them; the last one wins.
  return { result, outputs: Object.assign({}, ...outcomes.map((o) => o.outputs)) };
}

/** GitHub's matrix expansion: the product of the keys, then `include` entries merged or added, `exclude` removed. */
export function expandMatrix(matrix: Record<string, unknown>): Array<Record<string, unknown>> {
  const {
    include = [],
    exclude = [],
    ...axes
  } = matrix as Record<string, unknown> & {
    include?: Array<Record<string, unknown>>;
    exclude?: Array<Record<string, unknown>>;
  };
  let combos: Array<Record<string, unknown>> = Object.keys(axes).length ? [{}] : [];
  for (const [key, values] of Object.entries(axes)) {
    combos = combos.flatMap((combo) => (values as unknown[]).map((value) => ({ ...combo, [key]: value })));
  }
  const matches = (combo: Record<string, unknown>, partial: Record<string, unknown>) =>
    Object.entries(partial).every(([k, v]) => JSON.stringify(combo[k]) === JSON.stringify(v));
  combos = combos.filter((combo) => !exclude.some((partial) => matches(combo, partial)));
  const original = combos.map((combo) => ({ ...combo }));
  for (const entry of include) {
    let merged = false;
    for (const [index, base] of original.entries()) {
      // An include entry extends every original combination whose original values it does not overwrite.
      const combo = combos[index]!;
      if (
        Object.entries(entry).every(([k, v]) => !(k in base) || JSON.stringify(base[k]) === JSON.stringify(v))
      ) {
        Object.assign(combo, entry);
        merged = true;
      }
    }
    if (!merged) combos.push({ ...entry });
  }
  return combos;
}

function jobLabel(job: WorkflowJob, matrix: Record<string, unknown> | undefined): string {
  const id = job.id.value;
  return matrix ? `${id} (${Object.values(matrix).map(asString).join(', ')})` : id;
}

async function runOneJob(
  run: RunState,
  job: WorkflowJob,
  scope: Scope,
  needed: Record<string, JobOutcome>,
  matrix: Record<string, unknown> | undefined,
  strategy: Record<string, unknown>,
): Promise<JobOutcome> {
  const key = `${scope.keyPrefix}${jobLabel(job, matrix)}`;
  const record: JobRecord = {
    key,
    name: key,
    result: 'skipped',
    outputs: {},
    steps: [],
    droppedOutputs: [],
    warnings: [],
    startedAt: Date.now(),
    finishedAt: Date.now(),
  };
  run.record.push(record);
  const contexts: Contexts = {
    github: run.github,
    inputs: scope.inputs,
    vars: run.repo.vars ?? {},
    needs: needsContext(needed),
    matrix: matrix ?? {},
    strategy,
  };
  const needResults = Object.values(needed).map((n) => n.result);
  const status: JobStatus & { succeeded: boolean } = {
    failed: needResults.includes('failure'),
    cancelled: needResults.includes('cancelled'),
    succeeded: needResults.every((r) => r === 'success'),
  };
  const condition = job.if
    ? truthy(evaluateExpression(job.if.expression, contexts, status))
    : status.succeeded;
  if (!condition) {
    record.finishedAt = Date.now();
    return { result: 'skipped', outputs: {} };
  }
  if (job.name) record.name = `${scope.keyPrefix}${asString(evaluateToken(job.name, contexts))}`;

  const concurrency = evaluateToken(job.concurrency, contexts) as
    | string
    | { group?: string; 'cancel-in-progress'?: boolean; queue?: QueueMode }
    | undefined;
  const group = typeof concurrency === 'string' ? concurrency : concurrency?.group;
  if (concurrency && typeof concurrency === 'object' && concurrency['cancel-in-progress']) {
    throw new Error(`${key}: cancel-in-progress: true is not modelled by the local runner`);
  }
  if (group) {
    const mode = (typeof concurrency === 'object' && concurrency.queue) || 'single';
    if ((await run.concurrency.acquire(group, key, mode)) === 'cancelled') {
      record.result = 'cancelled';
      record.warnings.push(
        `cancelled: a newer run of concurrency group '${group}' replaced this pending job`,
      );
      record.finishedAt = Date.now();
      return { result: 'cancelled', outputs: {} };
    }
  }
  try {
    const outcome =
      job.type === 'reusableWorkflowJob'
        ? await runCalledWorkflow(run, job, scope, contexts, record)
        : await runStepsJob(run, job, scope, contexts, record);
    record.result = outcome.result;
    record.outputs = outcome.outputs;
    return outcome;
  } finally {
    record.finishedAt = Date.now();
    if (group) run.concurrency.release(group);
  }
}

/** Effective `permissions:`: the job's, else the workflow's, else the default; never above the caller job's. */
function effectivePermissions(run: RunState, rawJob: RawWorkflow | undefined, scope: Scope): Permissions {
  const declared = rawJob?.permissions ?? scope.raw.permissions;
  const base: Permissions =
    declared === undefined
      ? (scope.callerPermissions ??
        run.repo.defaultPermissions ?? { contents: 'read', metadata: 'read', packages: 'read' })
      : declared === 'read-all' || declared === 'write-all'
        ? Object.fromEntries(
            [
              'actions',
              'contents',
              'deployments',
              'id-token',
              'issues',
              'packages',
              'pull-requests',
              'statuses',
            ].map((s) => [s, declared === 'read-all' ? 'read' : 'write']),
          )
        : { ...(declared as Permissions) };
  if (!scope.callerPermissions) return base;
  const rank = { none: 0, read: 1, write: 2 } as const;
  const out: Permissions = {};
  for (const [scopeName, level] of Object.entries(base)) {
    const allowed = scope.callerPermissions[scopeName] ?? 'none';
    out[scopeName] = rank[level] <= rank[allowed] ? level : allowed;
  }
  return out;
}

async function runCalledWorkflow(
  run: RunState,
  job: ReusableWorkflowJob,
  scope: Scope,
  contexts: Contexts,
  record: JobRecord,
): Promise<JobOutcome> {
  const reference = job.ref.value;
  const called = scope.workflow.called.get(reference);
  if (!called || !job.jobs) throw new Error(`${record.key}: reusable workflow '${reference}' was not loaded`);
  const { raw, tokens } = called;
  const rawJob = scope.raw.jobs?.[job.id.value];
  const permissions = effectivePermissions(run, rawJob, scope);
  record.permissions = permissions;

  // Inputs: typed as the called workflow declares them, defaults applied, required enforced.
  const definitions = (evaluateToken(job['input-definitions'], {
    github: run.github,
    inputs: {},
    vars: run.repo.vars ?? {},
  }) ?? {}) as Record<string, { type: string; required?: boolean; default?: unknown }>;
  const given = (evaluateToken(job['input-values'], contexts) ?? {}) as Record<string, unknown>;
  const inputs: Record<string, unknown> = {};
  for (const [name, definition] of Object.entries(definitions)) {
    let value = name in given ? given[name] : definition.default;
    if (value === undefined || value === null) {
      if (definition.required) throw new Error(`${record.key}: input '${name}' is required by ${reference}`);
      value = definition.type === 'boolean' ? false : definition.type === 'number' ? 0 : '';
    }
    if (definition.type === 'boolean' && typeof value !== 'boolean') {
      throw new Error(
        `${record.key}: input '${name}' of ${reference} is a boolean, got ${JSON.stringify(value)}`,
      );
    }
    if (definition.type === 'number' && typeof value !== 'number') {
      throw new Error(
        `${record.key}: input '${name}' of ${reference} is a number, got ${JSON.stringify(value)}`,
      );
    }
    inputs[name] = definition.type === 'string' ? asString(value) : value;
  }
  for (const name of Object.keys(given)) {
    if (!(name in definitions)) throw new Error(`${record.key}: ${reference} has no input '${name}'`);
  }

  // Secrets: explicitly mapped (evaluated with the caller's secrets), or all of them with `secrets: inherit`.
  let secrets: Record<string, string>;
  if (job['inherit-secrets']) secrets = { ...scope.secrets };
  else {
    const mapped = evaluateStringMap(job['secret-values'], { ...contexts, secrets: scope.secrets });
    secrets = Object.fromEntries(Object.entries(mapped).filter(([, v]) => v !== ''));
    const declared = (evaluateToken(job['secret-definitions'], {}) ?? {}) as Record<
      string,
      { required?: boolean } | null
    >;
    for (const [name, definition] of Object.entries(declared)) {
      if (definition?.required && !(name in secrets)) {
        throw new Error(`${record.key}: secret '${name}' is required by ${reference}`);
      }
    }
    for (const name of Object.keys(mapped)) {
      if (!(name in declared)) throw new Error(`${record.key}: ${reference} has no secret '${name}'`);
    }
  }

  const innerScope: Scope = {
    keyPrefix: `${record.key}/`,
    inputs,
    secrets,
    raw,
    tokens,
    workflow: scope.workflow,
    callerPermissions: permissions,
  };
  const results = await runJobs(run, job.jobs, innerScope);
  const jobsContext = Object.fromEntries(
    Object.entries(results).map(([id, o]) => [id, { result: o.result, outputs: o.outputs }]),
  );
  const outputDefinitions = (raw.on?.workflow_call?.outputs ?? {}) as Record<string, { value: string }>;
  const outputsToken = job.outputs as MappingToken | undefined;
  const outputs: Record<string, string> = {};
  if (outputsToken && isMapping(outputsToken)) {
    for (const pair of outputsToken) {
      const name = isString(pair.key) ? pair.key.value : String(evaluateToken(pair.key, {}));
      const definition = pair.value as TemplateToken;
      const valueToken = isMapping(definition)
        ? [...definition].find((p) => isString(p.key) && p.key.value === 'value')?.value
        : undefined;
      outputs[name] = asString(
        evaluateToken(valueToken, {
          github: run.github,
          inputs,
          vars: run.repo.vars ?? {},
          jobs: jobsContext,
        }),
      );
    }
  } else {
    for (const name of Object.keys(outputDefinitions)) outputs[name] = '';
  }
  const innerResults = Object.values(results).map((r) => r.result);
  const result: Conclusion = innerResults.includes('failure')
    ? 'failure'
    : innerResults.includes('cancelled')
      ? 'cancelled'
      : 'success';
  return { result, outputs };
}

interface PostStep {
  definition: ActionDefinition;
  id: string;
  name: string;
  env: Record<string, string>;
  inputs: Record<string, string>;
  state: Record<string, string>;
}

async function runStepsJob(
  run: RunState,
  job: Job,
  scope: Scope,
  baseContexts: Contexts,
  record: JobRecord,
): Promise<JobOutcome> {
  const { repo, github } = run;
  const rawJob = scope.raw.jobs?.[job.id.value];
  const permissions = effectivePermissions(run, rawJob, scope);
  record.permissions = permissions;
  const token = repo.github.issueToken(permissions, record.key);

  const environment = evaluateToken(job.environment, baseContexts) as
    | string
    | { name?: string; url?: string; deployment?: boolean }
    | undefined;
  const environmentName = typeof environment === 'string' ? environment : environment?.name;
  const createsDeployment =
    !!environmentName && !(typeof environment === 'object' && environment.deployment === false);
  if (environmentName) record.environment = environmentName;
  const environmentSettings = environmentName ? (repo.environments?.[environmentName] ?? {}) : {};

  // Environment secrets and variables resolve only inside a job that names the environment.
  const secrets = { ...scope.secrets, ...environmentSettings.secrets, GITHUB_TOKEN: token };
  const vars = { ...repo.vars, ...environmentSettings.vars };
  const masks = new Set(Object.values(secrets).filter((v) => v.length > 0));

  const workspace = await mkdtemp(join(tmpdir(), 'wf-workspace-'));
  const runnerTemp = await mkdtemp(join(tmpdir(), 'wf-runner-temp-'));
  const eventPath = join(runnerTemp, 'event.json');
  await writeFile(eventPath, JSON.stringify(github.event));
  const jobGithub = { ...github, token, job: job.id.value, workspace };
  const runUrl = `https://github.com/${repo.repository}/actions/runs/${github.run_id}`;

  if (createsDeployment && environmentName) {
    // GitHub itself records a deployment for a job that names an environment (unless deployment: false).
    record.deploymentId = repo.github.createEnvironmentDeployment({
      sha: String(github.sha),
      ref: String(github.ref_name),
      environment: environmentName,
      logUrl: runUrl,
    });
    repo.github.addDeploymentStatus(record.deploymentId, 'in_progress', { logUrl: runUrl });
  }

  const processEnv: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'LANG', 'TMPDIR', 'SHELL', 'USER']) {
    if (process.env[name]) processEnv[name] = process.env[name]!;
  }
  const artifactEnv = repo.artifacts.jobEnv({
    runId: Number(github.run_id),
    runAttempt: Number(github.run_attempt),
    jobName: record.key,
    repository: repo.repository,
    headBranch: String(github.ref_name),
    headSha: String(github.sha),
    workflowPath: run.workflowFile,
    event: String(github.event_name),
  });
  const runnerEnv: Record<string, string> = {
    ...processEnv,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'local-runner',
    GITHUB_REPOSITORY: repo.repository,
    GITHUB_REPOSITORY_OWNER: String(github.repository_owner),
    GITHUB_RUN_ID: String(github.run_id),
    GITHUB_RUN_NUMBER: String(github.run_number),
    GITHUB_RUN_ATTEMPT: String(github.run_attempt),
    GITHUB_ACTOR: String(github.actor),
    GITHUB_TRIGGERING_ACTOR: String(github.triggering_actor),
    GITHUB_WORKFLOW: String(github.workflow),
    GITHUB_WORKFLOW_REF: String(github.workflow_ref),
    GITHUB_EVENT_NAME: String(github.event_name),
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: String(github.sha),
    GITHUB_REF: String(github.ref),
    GITHUB_REF_NAME: String(github.ref_name),
    GITHUB_REF_TYPE: String(github.ref_type),
    GITHUB_JOB: job.id.value,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: repo.github.url,
    GITHUB_GRAPHQL_URL: `${repo.github.url}/graphql`,
    GITHUB_RETENTION_DAYS: '90',
    ...Object.fromEntries(
      Object.entries(artifactEnv).filter((e): e is [string, string] => e[1] !== undefined),
    ),
  };

  const contextsFor = (
    env: Record<string, string>,
    steps: Record<string, unknown>,
    jobState: string,
  ): Contexts => ({
    ...baseContexts,
    github: jobGithub,
    vars,
    secrets,
    env,
    steps,
    job: { status: jobState },
    runner: {
      os: 'Linux',
      arch: 'X64',
      name: 'local-runner',
      temp: runnerTemp,
      tool_cache: join(runnerTemp, 'tool-cache'),
    },
  });

  // Workflow-level env: the root workflow's from the parsed template, a called workflow's from its YAML.
  const envContexts = { github: jobGithub, inputs: scope.inputs, vars, secrets };
  let env: Record<string, string> = scope.keyPrefix
    ? Object.fromEntries(
        Object.entries((scope.raw.env ?? {}) as Record<string, unknown>).map(([k, v]) => [
          k,
          expandDefault(asString(v), (expression) => asString(evaluateExpression(expression, envContexts))),
        ]),
      )
    : evaluateStringMap(scope.workflow.template.env, envContexts);
  env = { ...env, ...evaluateStringMap(job.env, contextsFor(env, {}, 'success')) };
  const stepsContext: Record<
    string,
    { outputs: Record<string, string>; outcome: Conclusion; conclusion: Conclusion }
  > = {};
  const status: JobStatus = { failed: false, cancelled: false };
  const posts: PostStep[] = [];
  const stepTimeoutMs = repo.stepTimeoutMs ?? 120_000;

  const mask = (text: string) => {
    let out = text;
    for (const secret of [...masks].sort((a, b) => b.length - a.length)) out = out.split(secret).join('***');
    return out;
  };

  let index = 0;
  /** The current step's process, in the workspace, with the runner's environment and its own files. */
  const stepProcess = (command: string, args: string[], env: Record<string, string>) =>
    runProcess({
      command,
      args,
      cwd: workspace,
      env: { ...runnerEnv, ...env },
      runnerTemp,
      fileKey: `step-${index}`,
      timeoutMs: stepTimeoutMs,
    });
  for (const step of job.steps as Step[]) {
    index++;
    if (!('run' in step) && !('uses' in step)) throw new Error(`${record.key}: step kind not supported`);
    const id = step.id;
    const contexts = contextsFor(env, stepsContext, status.failed ? 'failure' : 'success');
    const name = step.name
      ? asString(evaluateToken(step.name, contexts))
      : 'uses' in step
        ? step.uses.value
        : 'run';
    const stepRecord = newStepRecord({ id, name, ...('uses' in step ? { uses: step.uses.value } : {}) });
    record.steps.push(stepRecord);
    const shouldRun = truthy(evaluateExpression(step.if.expression, contexts, status));
    if (!shouldRun) {
      stepsContext[id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
      continue;
    }
    const stepEnv = { ...env, ...evaluateStringMap(step.env, contexts, status) };
    const continueOnError = truthy(
      typeof step['continue-on-error'] === 'boolean'
        ? step['continue-on-error']
        : evaluateToken(step['continue-on-error'] as TemplateToken | undefined, contexts, status),
    );
    let ok = false;
    try {
      if ('run' in step) {
        const script = asString(evaluateToken(step.run, { ...contexts, env: stepEnv }, status));
        const file = join(runnerTemp, `step-${index}.sh`);
        await writeFile(file, script);
        const result = await stepProcess('bash', ['--noprofile', '--norc', '-eo', 'pipefail', file], {
          ...stepEnv,
          GITHUB_ACTION: `__run_${index}`,
        });
        ok = result.code === 0;
        collect(stepRecord, result, masks);
        env = { ...env, ...result.env };
      } else {
        const uses = step.uses.value;
        if (/^actions\/checkout@(?:v\d+|[0-9a-f]{40})$/.test(uses)) {
          // actions/checkout: the user's repository files at the triggering commit.
          for (const [path, content] of Object.entries(repo.files ?? {})) {
            await mkdir(dirname(join(workspace, path)), { recursive: true });
            await writeFile(join(workspace, path), content);
          }
          stepRecord.rawLog =
            stepRecord.log = `checked out ${Object.keys(repo.files ?? {}).length} files of ${repo.repository}@${github.sha}`;
          ok = true;
        } else {
          const definition = await resolveAction(repo.repoRoot, uses, repo.actionsRepository);
          const withToken = stepWith(scope.tokens, job.id.value, index - 1);
          const withValues = evaluateStringMap(withToken, { ...contexts, env: stepEnv }, status);
          const inputs = actionInputs(definition, withValues, { ...contexts, env: stepEnv }, stepRecord);
          const result = await stepProcess(process.execPath, [definition.main], {
            ...stepEnv,
            ...inputEnv(inputs),
            GITHUB_ACTION: id,
            GITHUB_ACTION_PATH: definition.dir,
          });
          ok = result.code === 0;
          collect(stepRecord, result, masks);
          env = { ...env, ...result.env };
          if (definition.post) {
            posts.unshift({ definition, id, name, env: stepEnv, inputs, state: result.state });
          }
        }
      }
    } catch (error) {
      stepRecord.rawLog += `\n##[error]${(error as Error).message}`;
      ok = false;
    }
    stepRecord.log = mask(stepRecord.rawLog);
    stepRecord.finishedAt = Date.now();
    stepRecord.outcome = ok ? 'success' : 'failure';
    stepRecord.conclusion = ok || continueOnError ? 'success' : 'failure';
    if (stepRecord.conclusion === 'failure') status.failed = true;
    stepsContext[id] = {
      outputs: stepRecord.outputs,
      outcome: stepRecord.outcome,
      conclusion: stepRecord.conclusion,
    };
  }

  // Post steps run after every main step, in reverse order, with their main step's inputs and state.
  for (const post of posts) {
    index++;
    const contexts = contextsFor(env, stepsContext, status.failed ? 'failure' : 'success');
    const stepRecord = newStepRecord({
      id: `post-${post.id}`,
      name: `Post ${post.name}`,
      uses: post.definition.reference,
      post: true,
      inputs: post.inputs,
    });
    record.steps.push(stepRecord);
    if (!truthy(evaluateExpression(post.definition.postIf ?? 'always()', contexts, status))) continue;
    const state = Object.fromEntries(Object.entries(post.state).map(([k, v]) => [`STATE_${k}`, v]));
    const result = await stepProcess(process.execPath, [post.definition.post!], {
      ...post.env,
      ...inputEnv(post.inputs),
      ...state,
      GITHUB_ACTION: post.id,
    });
    collect(stepRecord, result, masks);
    stepRecord.log = mask(stepRecord.rawLog);
    stepRecord.finishedAt = Date.now();
    stepRecord.outcome = stepRecord.conclusion = result.code === 0 ? 'success' : 'failure';
    if (result.code !== 0) status.failed = true;
  }

  const result: Conclusion = status.failed ? 'failure' : 'success';
  if (record.deploymentId !== undefined) {
    repo.github.addDeploymentStatus(record.deploymentId, result === 'success' ? 'success' : 'failure', {
      logUrl: runUrl,
    });
  }

  // Job outputs; GitHub drops any that holds a secret ("Skip output since it may contain secret").
  const outputs = evaluateStringMap(job.outputs, contextsFor(env, stepsContext, result));
  for (const [name, value] of Object.entries(outputs)) {
    if ([...masks].some((secret) => value.includes(secret))) {
      delete outputs[name];
      record.droppedOutputs.push(name);
      record.warnings.push(`Skip output '${name}' since it may contain secret.`);
    }
  }
  return { result, outputs };
}

/** A step that has not run (yet): skipped, nothing written. */
function newStepRecord(fields: Pick<StepRecord, 'id' | 'name'> & Partial<StepRecord>): StepRecord {
  const now = Date.now();
  return {
    outcome: 'skipped',
    conclusion: 'skipped',
    outputs: {},
    log: '',
    rawLog: '',
    summary: '',
    annotations: [],
    inputs: {},
    startedAt: now,
    finishedAt: now,
    ...fields,
  };
}

/** `with:` plus the action's defaults (expressions in defaults evaluated), as INPUT_* values. */
function actionInputs(
  definition: ActionDefinition,
  withValues: Record<string, string>,
  contexts: Contexts,
  stepRecord: StepRecord,
): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(definition.inputs)) {
    if (spec.default !== undefined) {
      inputs[name] = expandDefault(String(spec.default), (expression) =>
        asString(evaluateExpression(expression, contexts)),
      );
    }
  }
  const unexpected = Object.keys(withValues).filter((name) => !(name in definition.inputs));
  if (unexpected.length) {
    stepRecord.annotations.push({
      level: 'warning',
      message: `Unexpected input(s) '${unexpected.join("', '")}', valid inputs are ['${Object.keys(definition.inputs).join("', '")}']`,
    });
  }
  Object.assign(inputs, withValues);
  stepRecord.inputs = inputs;
  return inputs;
}

const inputEnv = (inputs: Record<string, string>) =>
  Object.fromEntries(Object.entries(inputs).map(([name, value]) => [inputVariable(name), value]));

function collect(stepRecord: StepRecord, result: Awaited<ReturnType<typeof runProcess>>, masks: Set<string>) {
  stepRecord.rawLog +=
    result.output + (result.timedOut ? '\n##[error]The step timed out and was killed' : '');
  stepRecord.outputs = result.outputs;
  stepRecord.summary = result.summary;
  stepRecord.annotations.push(...result.annotations);
  for (const value of result.masks) masks.add(value);
}

export { ConcurrencyGroups };
