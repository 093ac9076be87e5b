// A job of steps on one runner: its environment (secrets, variables, the deployment GitHub records), the
// runner's environment variables, each step in order with its status functions, post steps, and the
// job's outputs as GitHub keeps them (dropped when they hold a secret).
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Job, Step } from '@actions/workflow-parser/model/workflow-template';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import {
  asString,
  type Contexts,
  evaluateExpression,
  evaluateStringMap,
  evaluateToken,
  type JobStatus,
  truthy,
} from './expressions.js';
import { effectivePermissions } from './permissions.js';
import { type ActionDefinition, expandDefault, inputVariable, resolveAction, runProcess } from './steps.js';
import type { Conclusion, JobOutcome, JobRecord, RunState, Scope, StepRecord } from './types.js';
import { stepWith } from './workflow.js';

interface PostStep {
  definition: ActionDefinition;
  id: string;
  name: string;
  env: Record<string, string>;
  inputs: Record<string, string>;
  state: Record<string, string>;
}

export async function runStepsJob(
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
