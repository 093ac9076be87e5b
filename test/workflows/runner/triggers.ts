// What starts a run: whether the event passes the workflow's filters, the `github` context and event
// payload GitHub builds for it, and the typed `inputs` of a workflow_dispatch.

import type { RepositorySettings, Trigger } from './types.js';
import type { LoadedWorkflow } from './workflow.js';

export function triggerMismatch(workflow: LoadedWorkflow, trigger: Trigger): string | undefined {
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

export function githubContext(
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
export function dispatchInputs(workflow: LoadedWorkflow, trigger: Trigger): Record<string, unknown> {
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
