import { ConfigurationError } from '@release-actions/core';

/**
 * Refuses the flags of inputs that act on GitHub (artifacts, the GitHub API), which only the action takes.
 * The CLI parses them so that it can say why, instead of calling them unknown.
 */
export function refuseGitHubOnly(
  values: Record<string, unknown>,
  names: readonly string[],
  action: string,
): void {
  const given = names.filter((name) => values[name] !== undefined).map((name) => `--${name}`);
  if (!given.length) return;
  throw new ConfigurationError(
    `${given.join(', ')}: only the ${action} action takes ${given.length > 1 ? 'these inputs' : 'this input'}, on GitHub (artifacts, the GitHub API); the CLI works on local files, so leave ${given.length > 1 ? 'them' : 'it'} out`,
  );
}
