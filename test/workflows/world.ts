import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningReceiver, startReceiver } from '../../packages/core/src/receiver/server.js';
import { repoRoot } from '../harness/action.js';
import { type ArtifactServer, startArtifactServer, unzip } from '../servers/artifact-server.js';
import { type GithubApiServer, startGithubApi } from '../servers/github-api-loader.js';
import {
  type ReleaseTarget,
  type ReleaseTargetOptions,
  startReleaseTarget,
} from '../servers/release-target.js';
import { loadRunner, type RepositorySettings, type RunRecord, type Trigger } from './runner/loader.js';

/** A run's conclusion with the tail of every failed step's log, so a failing assertion shows why. */
export const runOutcome = (run: RunRecord) => ({
  conclusion: run.conclusion,
  failedSteps: run.jobs.flatMap((job) =>
    job.steps.filter((s) => s.outcome === 'failure').map((s) => `${job.key}/${s.id}: ${s.log.slice(-1500)}`),
  ),
});

/** Which of `shas` each release-log row records (by its 12-character prefix). */
export const rowShas = (rows: string[], shas: string[]) =>
  rows.map((row) => shas.find((sha) => row.includes(sha.slice(0, 12))));

export const GOOD_V1 = '1'.repeat(40);

/**
 * The seed's per-environment secret names for one environment (`STAGING_DEPLOY_WEBHOOK`, ...): the
 * service's webhooks and health URLs, and its callback receiver (the reference receiver, with /metrics).
 */
export function seedSecrets(
  prefix: 'STAGING' | 'PRODUCTION',
  target: ReleaseTarget,
  receiver: RunningReceiver,
): Record<string, string> {
  return {
    [`${prefix}_DEPLOY_WEBHOOK`]: target.urls.deploy,
    // Comma-separated, as teams store them: two probes of the same health endpoint.
    [`${prefix}_SMOKE_URLS`]: `${target.urls.health},${target.urls.health}?probe=2`,
    [`${prefix}_SMOKE_BEARER_TOKEN`]: target.bearerToken,
    [`${prefix}_ROLLBACK_WEBHOOK`]: target.urls.rollback,
    [`${prefix}_ROLLBACK_VERIFY_WEBHOOK`]: target.urls.verify,
    [`${prefix}_RELEASE_GATE_METRICS_URL`]: `${receiver.url}/internal/release-gate/callbacks`,
    [`${prefix}_RELEASE_GATE_RECEIVER_METRICS_URL`]: `${receiver.url}/metrics`,
  };
}

export interface World {
  github: GithubApiServer;
  artifacts: ArtifactServer;
  staging: ReleaseTarget;
  production: ReleaseTarget;
  /** Each environment's callback receiver (the reference receiver). */
  receivers: { staging: RunningReceiver; production: RunningReceiver };
  stagingOptions: ReleaseTargetOptions;
  signingSecret: string;
  badShas: Set<string>;
  repo: RepositorySettings;
  run(trigger: Omit<Trigger, 'workflow'> & { workflow?: string }): Promise<RunRecord>;
  /** Pushes each sha through the release-gate template in turn; each must promote in both environments. */
  release(...shas: string[]): Promise<RunRecord[]>;
  /** Files of the newest artifact with this name. */
  artifactFiles(name: string): Map<string, Buffer>;
  /** A JSON file of the newest artifact with this name (default: the gate's report.json). */
  // biome-ignore lint/suspicious/noExplicitAny: reports and evidence of every kind, read by assertions
  artifactJson(name: string, file?: string): Record<string, any>;
  /** The rows (header dropped) of the release log in an environment's newest evidence artifact. */
  releaseLog(environment: string): string[];
  /**
   * Every secret the world holds that appears in what the runs show (step logs as masked, summaries,
   * outputs) or in any uploaded artifact, as `<secret name>: <where>`.
   */
  leaks(runs: RunRecord[]): string[];
  close(): Promise<void>;
}

/**
 * A user's service repository on a local GitHub: the API and artifact stand-ins, a staging and a
 * production environment of the service (each with its own webhooks, receiver and health endpoint), and
 * the seed's secrets as repository secrets (`where: 'repository'`) or environment secrets.
 */
export async function startWorld(
  options: {
    where?: 'repository' | 'environment';
    rollbackMs?: number;
    omitSecrets?: string[];
    overrideSecrets?: Record<string, string>;
  } = {},
): Promise<World> {
  const artifacts = await startArtifactServer();
  const github = await startGithubApi({ artifacts });
  const signingSecret = `whsec_${randomBytes(24).toString('base64')}`;
  const badShas = new Set<string>();
  const stagingOptions: ReleaseTargetOptions = {
    name: 'staging',
    signingSecret,
    badShas,
    initial: { sha: GOOD_V1, version: GOOD_V1 },
    rollbackMs: options.rollbackMs ?? 1000,
  };
  const staging = await startReleaseTarget(stagingOptions);
  const production = await startReleaseTarget({ ...stagingOptions, name: 'production', rollbackMs: 500 });
  const logs = await mkdtemp(join(tmpdir(), 'wf-receivers-'));
  const receivers = {
    staging: await startReceiver({ secret: signingSecret, eventLog: join(logs, 'staging.jsonl') }),
    production: await startReceiver({ secret: signingSecret, eventLog: join(logs, 'production.jsonl') }),
  };
  const environmentSecrets = {
    staging: seedSecrets('STAGING', staging, receivers.staging),
    production: seedSecrets('PRODUCTION', production, receivers.production),
  };
  // A scenario's changes to the seed: secrets left unset, or set to another value.
  const drop = (secrets: Record<string, string>) => {
    const out = { ...secrets };
    for (const [name, value] of Object.entries(options.overrideSecrets ?? {}))
      if (name in out) out[name] = value;
    for (const name of options.omitSecrets ?? []) delete out[name];
    return out;
  };
  const where = options.where ?? 'repository';
  const repo: RepositorySettings = {
    repoRoot,
    repository: 'acme/shop',
    secrets:
      where === 'repository'
        ? drop({
            RELEASE_GATE_SIGNING_SECRET: signingSecret,
            ...environmentSecrets.staging,
            ...environmentSecrets.production,
          })
        : { RELEASE_GATE_SIGNING_SECRET: signingSecret },
    environments:
      where === 'environment'
        ? {
            staging: { secrets: drop(environmentSecrets.staging) },
            production: { secrets: drop(environmentSecrets.production) },
          }
        : {},
    github,
    artifacts,
    stepTimeoutMs: 90_000,
  };
  const runner = await loadRunner();
  const run = (trigger: Omit<Trigger, 'workflow'> & { workflow?: string }) =>
    runner.runWorkflow(repo, { workflow: 'action-templates/release-gate.yml', ...trigger });
  const artifactFiles = (name: string) => {
    const upload = [...artifacts.uploads].reverse().find((u) => u.name === name && u.blob);
    if (!upload?.blob)
      throw new Error(`no artifact '${name}'; uploaded: ${artifacts.uploads.map((u) => u.name).join(', ')}`);
    return unzip(upload.blob);
  };
  return {
    github,
    artifacts,
    staging,
    production,
    receivers,
    stagingOptions,
    signingSecret,
    badShas,
    repo,
    run,
    async release(...shas) {
      const runs: RunRecord[] = [];
      for (const sha of shas) {
        const released = await run({ event: 'push', sha });
        const outcome = runOutcome(released);
        if (outcome.conclusion !== 'success')
          throw new Error(`release of ${sha} did not promote: ${JSON.stringify(outcome)}`);
        runs.push(released);
      }
      return runs;
    },
    artifactFiles,
    artifactJson(name, file = 'report.json') {
      const bytes = artifactFiles(name).get(file);
      if (!bytes) throw new Error(`no ${file} in ${name}: ${[...artifactFiles(name).keys()].join(', ')}`);
      return JSON.parse(bytes.toString('utf8'));
    },
    releaseLog(environment) {
      const log = artifactFiles(`${environment}-release-gate-report`).get('release-log.tsv');
      return (log?.toString('utf8') ?? '').trim().split('\n').slice(1);
    },
    leaks(runs) {
      const secrets = {
        RELEASE_GATE_SIGNING_SECRET: signingSecret,
        ...environmentSecrets.staging,
        ...environmentSecrets.production,
      };
      const places: Array<[string, string]> = [
        ...runs.flatMap((run) =>
          run.jobs.flatMap((job) => [
            [`outputs of ${job.key}`, JSON.stringify(job.outputs)] as [string, string],
            ...job.steps.map(
              (s) =>
                [`${job.key}/${s.id}`, [s.log, s.summary, JSON.stringify(s.outputs)].join('\n')] as [
                  string,
                  string,
                ],
            ),
          ]),
        ),
        ...artifacts.uploads
          .filter((u) => u.blob)
          .flatMap((u) =>
            [...u.files.entries()].map(
              ([file, bytes]) => [`artifact ${u.name}/${file}`, bytes.toString('utf8')] as [string, string],
            ),
          ),
      ];
      return Object.entries(secrets).flatMap(([name, value]) =>
        places.filter(([, text]) => text.includes(value)).map(([where]) => `${name}: ${where}`),
      );
    },
    async close() {
      await staging.close();
      await production.close();
      await receivers.staging.close();
      await receivers.production.close();
      await github.close();
      await artifacts.close();
    },
  };
}
