import type { Permissions, RunState, Scope } from './types.js';
import type { RawWorkflow } from './workflow.js';

/** Effective `permissions:`: the job's, else the workflow's, else the default; never above the caller job's. */
export function effectivePermissions(
  run: RunState,
  rawJob: RawWorkflow | undefined,
  scope: Scope,
): Permissions {
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
