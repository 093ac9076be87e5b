import type { getOctokit } from '@actions/github';
import type { Logger } from '@release-actions/core';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface GitHubClientOptions {
  token: string;
  /** Default: `GITHUB_API_URL`, else https://api.github.com. */
  baseUrl?: string;
  /** Per request (default 15 s): no API call can hang the step. */
  timeoutMs?: number;
  /** Retries after a 5xx or a rate limit (default 2). */
  retries?: number;
  /** The longest rate-limit wait we accept before giving up (default 60 s). */
  maxRateLimitWaitMs?: number;
  logger?: Logger;
}

/**
 * One Octokit for the repository: `@actions/github`'s `getOctokit` with plugin-retry (5xx) and
 * plugin-throttling (primary and secondary rate limits, honouring `Retry-After` and `x-ratelimit-reset`),
 * `baseUrl` from `GITHUB_API_URL`, every request bounded by a timeout, proxies from the environment.
 * Octokit and its HTTP client are imported on the first call (see octokit-client.ts).
 */
export async function githubClient(options: GitHubClientOptions): Promise<GitHubClient> {
  const { createGithubClient } = await import('./octokit-client.js');
  return createGithubClient(options);
}
