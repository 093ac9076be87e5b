// A job that calls a reusable workflow: its typed inputs, its secrets (mapped or inherited), its jobs run
// in their own scope, and the workflow_call outputs evaluated over their results.
import { isMapping, isString } from '@actions/workflow-parser';
import type { ReusableWorkflowJob, WorkflowJob } from '@actions/workflow-parser/model/workflow-template';
import type { MappingToken } from '@actions/workflow-parser/templates/tokens/mapping-token';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { asString, type Contexts, evaluateStringMap, evaluateToken } from './expressions.js';
import { effectivePermissions } from './permissions.js';
import type { Conclusion, JobOutcome, JobRecord, RunState, Scope } from './types.js';

/** Runs a list of jobs in a scope (run.ts), passed in so the two modules do not import each other. */
export type RunJobs = (
  run: RunState,
  jobs: WorkflowJob[],
  scope: Scope,
) => Promise<Record<string, JobOutcome>>;

export async function runCalledWorkflow(
  run: RunState,
  job: ReusableWorkflowJob,
  scope: Scope,
  contexts: Contexts,
  record: JobRecord,
  runJobs: RunJobs,
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
