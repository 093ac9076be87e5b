import { GateBlocked } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ReleaseGateReport } from './schema.js';

export type VerdictValue = 'promote' | 'blocked';

export interface Verdict {
  value: VerdictValue;
  reasons: string[];
  decidedAt: string;
}

export interface VerdictOptions {
  /**
   * A gate without a smoke result never promotes (default true): nobody checked the new version.
   * Turn off only for a report that is finalised on purpose without smoke (e.g. a rollback-only run).
   */
  requireSmoke?: boolean;
  now?: Date;
}

const MAX_NAMED_PROBES = 5;

/** A multi-line message (several bad inputs) as one reason line. */
function oneLine(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .join('; ');
}

/**
 * Decides `promote` or `blocked` from the steps recorded in the report. The rule is simple on purpose:
 * a release promotes only when nothing went wrong and nothing was undone. Blocked when:
 * - the deploy webhook failed (the new version may not even be running);
 * - smoke is missing (unless `requireSmoke: false`) or failed;
 * - a rollback section exists at all: a rollback happened or was attempted, so the release is not the one
 *   running (a drill rollback blocks too: a drill never promotes);
 * - the rollback failed or had no webhook (the bad version may still be live: manual action needed);
 * - rollback verification or the metrics callback failed.
 * Every reason is listed, most important first, so the summary can show all of them.
 */
export function decideVerdict(report: ReleaseGateReport, options: VerdictOptions = {}): Verdict {
  const reasons: string[] = [];
  const { deploy, smoke, rollback, rollbackCallback, metricsCallback } = report;

  if (deploy?.state === 'failed') {
    const error = deploy.delivery?.error ? `: ${deploy.delivery.error}` : '';
    reasons.push(`deploy failed${error}`);
  }

  if (!smoke) {
    if (options.requireSmoke ?? true)
      reasons.push('no smoke result in the report: the new version was never checked');
  } else if (smoke.result === 'error') {
    reasons.push(`smoke could not run: ${oneLine(smoke.error ?? 'unknown error')}`);
  } else if (smoke.result === 'failed') {
    const failed = smoke.probes.filter((probe) => probe.verdict === 'failed' && !probe.dryRun);
    const names = failed.slice(0, MAX_NAMED_PROBES).map((probe) => probe.name);
    const more = failed.length > names.length ? `, +${failed.length - names.length} more` : '';
    const named = names.length ? ` (${names.join(', ')}${more})` : '';
    reasons.push(`smoke failed: ${smoke.failedCount} of ${smoke.probes.length} probes failed${named}`);
  }

  if (rollback) {
    const target = rollback.rollbackRef ?? 'the previous known-good version';
    if (rollback.drill) {
      reasons.push(`rollback drill to ${target}: a drill never promotes`);
    } else if (rollback.state === 'skipped_missing_webhook') {
      reasons.push(
        'a rollback was needed but no rollback webhook is configured: roll back by hand (see the rollback runbook)',
      );
    } else if (rollback.state === 'failed') {
      const error = rollback.delivery?.error ? `: ${rollback.delivery.error}` : '';
      reasons.push(
        `rollback to ${target} failed${error}: the bad version may still be live; roll back by hand`,
      );
    } else {
      reasons.push(`rolled back to ${target}${rollback.reason ? ` (${rollback.reason})` : ''}`);
    }
  }

  if (rollbackCallback?.state === 'failed') {
    const smokeNote =
      rollbackCallback.smoke?.result === 'failed'
        ? `: re-smoke after rollback failed ${rollbackCallback.smoke.failedCount} of ${rollbackCallback.smoke.probes.length} probes`
        : '';
    reasons.push(`rollback verification failed${smokeNote}`);
  }

  if (metricsCallback?.state === 'failed') {
    reasons.push('metrics callback failed: the receiver did not record this rollback');
  }

  return {
    value: reasons.length ? 'blocked' : 'promote',
    reasons,
    decidedAt: (options.now ?? new Date()).toISOString(),
  };
}

/**
 * The verdict as a gate: blocked with `fail-on-blocked` is GateBlocked naming the reasons; blocked without
 * it is a warning, and the step passes.
 */
export function enforceVerdict(
  verdict: Verdict,
  failOnBlocked: boolean,
  logger: Pick<Logger, 'warning'>,
): void {
  if (verdict.value !== 'blocked') return;
  const message = `release blocked: ${verdict.reasons.join('; ')}`;
  if (failOnBlocked) throw new GateBlocked(message);
  logger.warning(`${message} (fail-on-blocked is false, so this step passes)`);
}
