// The runner's contracts: what a scenario gives it (the repository, its stand-ins, the trigger) and what
// it records (jobs, steps, logs), plus the state one run passes between its jobs.
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import type { ConcurrencyGroups } from './concurrency.js';
import type { ActionsRepository } from './refs.js';
import type { LoadedWorkflow, RawWorkflow } from './workflow.js';

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

export interface RunState {
  repo: RepositorySettings;
  trigger: Trigger;
  github: Record<string, unknown>;
  concurrency: ConcurrencyGroups;
  record: JobRecord[];
  workflowFile: string;
}

export interface Scope {
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

export interface JobOutcome {
  result: Conclusion;
  outputs: Record<string, string>;
}
