// A local workflow runner for tests: runs a caller workflow (a starter template, copied as a user copies
// it) and the reusable workflows it calls the way GitHub does, on GitHub's own parser and expression
// evaluator, with our real action bundles as steps and local stand-ins for the GitHub API and artifacts.
// What it does not model is listed in docs/testing.md.
import type { WorkflowJob } from '@actions/workflow-parser/model/workflow-template';
import { runCalledWorkflow } from './called-workflow.js';
import { ConcurrencyGroups, type QueueMode } from './concurrency.js';
import {
  asString,
  type Contexts,
  evaluateExpression,
  evaluateToken,
  type JobStatus,
  truthy,
} from './expressions.js';
import { expandMatrix } from './matrix.js';
import { runStepsJob } from './steps-job.js';
import { dispatchInputs, githubContext, triggerMismatch } from './triggers.js';
import type {
  Conclusion,
  JobOutcome,
  JobRecord,
  RepositorySettings,
  RunRecord,
  RunState,
  Scope,
  Trigger,
} from './types.js';
import { loadWorkflow } from './workflow.js';

export type * from './types.js';
export { ConcurrencyGroups, expandMatrix };

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
        ? await runCalledWorkflow(run, job, scope, contexts, record, runJobs)
        : await runStepsJob(run, job, scope, contexts, record);
    record.result = outcome.result;
    record.outputs = outcome.outputs;
    return outcome;
  } finally {
    record.finishedAt = Date.now();
    if (group) run.concurrency.release(group);
  }
}
