import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { type Logger, silentLogger, USER_AGENT } from '@release-actions/core';
import { Agent, EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';

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
 */
export function githubClient(options: GitHubClientOptions): GitHubClient {
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
