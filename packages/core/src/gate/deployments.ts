/**
 * What the deploy and rollback steps ask of GitHub's Deployments API, as a port: the action and the CLI
 * pass an implementation over the API (packages/github) when they have a token; without one the steps
 * skip what needs it.
 */

export type DeploymentState =
  | 'error'
  | 'failure'
  | 'inactive'
  | 'in_progress'
  | 'queued'
  | 'pending'
  | 'success';

/** What a rollback rolls back: the release being gated, or the release running now (manual, drill). */
export const ROLLBACK_OF = ['this-release', 'running-release'] as const;
export type RollbackOf = (typeof ROLLBACK_OF)[number];

/** Where the rollback goes: the ref, the version its deployment recorded, and how it was found. */
export interface RollbackTarget {
  rollbackRef: string | null;
  /** The known-good deployment's recorded version; null when unknown. */
  rollbackVersion: string | null;
  /** The deployment the target came from, when one did. */
  deploymentId: number | null;
  /** For the log and summary: `input rollback-ref`, `last successful deployment …`. */
  source: string;
  /** With `rollbackOf: 'running-release'`: the deployment of the release running now (being rolled back). */
  runningDeploymentId?: number;
}

export interface DeploymentsPort {
  /**
   * The deployment GitHub created for this job's `environment:` (this sha, still open, with a status
   * pointing at this run), if there is one.
   */
  findRunDeployment(options: {
    environment: string;
    sha: string;
    runId: string;
  }): Promise<{ id: number } | undefined>;
  createDeployment(options: {
    ref: string;
    environment: string;
    description: string;
    payload: Record<string, unknown>;
  }): Promise<{ id: number }>;
  setStatus(options: {
    deploymentId: number;
    state: DeploymentState;
    description: string;
    logUrl?: string;
    environmentUrl?: string;
  }): Promise<void>;
  /** The given ref (and the version its deployment recorded), else the environment's known-good release. */
  resolveRollbackTarget(options: {
    environment: string;
    currentSha: string | null;
    rollbackRef?: string;
    rollbackOf: RollbackOf;
  }): Promise<RollbackTarget>;
  /** Marks a rolled-back release `failure` so it is never known-good again; never throws. */
  markRolledBack(options: {
    deploymentId: number;
    runUrl: string | null;
  }): Promise<{ recorded: true } | { recorded: false; error: string }>;
}
