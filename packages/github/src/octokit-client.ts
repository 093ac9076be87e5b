// Imported only by octokit.ts, on the first GitHub client a run builds: Octokit, its plugins and undici
// are a megabyte that a run which never calls the GitHub API never needs to parse. It is an ES module that
// imports them statically, so the chunk keeps their named exports (undici is CommonJS).
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { silentLogger, USER_AGENT } from '@release-actions/core';
import { Agent, EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
import type { GitHubClient, GitHubClientOptions } from './octokit.js';

/** The client `githubClient` (octokit.ts) describes and returns. */
export function createGithubClient(options: GitHubClientOptions): GitHubClient {
  const logger = options.logger ?? silentLogger;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const retries = options.retries ?? 2;
  const maxWaitSeconds = (options.maxRateLimitWaitMs ?? 60_000) / 1000;
  const baseUrl = (options.baseUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com').replace(
    /\/$/,
    '',
  );
  const env = process.env;
  const proxied = env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy;
  const dispatcher = proxied ? new EnvHttpProxyAgent() : new Agent();
  const fetchWithTimeout = (url: string | URL, init: RequestInit = {}) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    // biome-ignore lint/suspicious/noExplicitAny: undici's fetch types differ from the DOM ones only nominally
    return undiciFetch(url, { ...(init as any), signal, dispatcher }) as unknown as Promise<Response>;
  };
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _o: unknown, retryCount: number) => {
      if (retryCount < retries && retryAfter <= maxWaitSeconds) {
        logger.warning(
          `GitHub API ${kind} on ${request.method} ${request.url}; retrying after ${retryAfter}s`,
        );
        return true;
      }
      logger.warning(
        `GitHub API ${kind} on ${request.method} ${request.url}; giving up (retry after ${retryAfter}s)`,
      );
      return false;
    };
  return getOctokit(
    options.token,
    {
      baseUrl,
      userAgent: USER_AGENT,
      request: { fetch: fetchWithTimeout },
      retry: { retries },
      throttle: { onRateLimit: onLimit('rate limit'), onSecondaryRateLimit: onLimit('secondary rate limit') },
    } as Parameters<typeof getOctokit>[1],
    retry,
    throttling,
  );
}
