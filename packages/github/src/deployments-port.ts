import { type DeploymentsPort, errorMessage, type Logger } from '@release-actions/core';
import {
  createDeployment,
  findRunDeployment,
  markRolledBack,
  parseRepo,
  type Repo,
  resolveRollbackTarget,
  setDeploymentStatus,
} from './deployments.js';
import { type GitHubClient, githubClient } from './octokit.js';

export interface GithubDeploymentsOptions {
  token: string;
  /** `owner/name`; checked on the first call, so a step that never needs the API never fails over it. */
  repository: string | undefined;
  /** Where the repository came from, for the error (default GITHUB_REPOSITORY; the CLI says --repository). */
  repositoryFrom?: string;
  logger?: Logger;
}

/**
 * The gate steps' `DeploymentsPort` over GitHub's Deployments API (one client, built on first use, so a
 * step that never calls the API never loads Octokit).
 */
export function githubDeployments(options: GithubDeploymentsOptions): DeploymentsPort {
  let connection: { client: Promise<GitHubClient>; repo: Repo } | undefined;
  const connect = async () => {
    connection ??= {
      repo: parseRepo(options.repository, options.repositoryFrom),
      client: githubClient({ token: options.token, logger: options.logger }),
    };
    return { repo: connection.repo, client: await connection.client };
  };
  return {
    findRunDeployment: async (query) => {
      const { client, repo } = await connect();
      return findRunDeployment(client, repo, query);
    },
    createDeployment: async (deployment) => {
      const { client, repo } = await connect();
      return createDeployment(client, repo, deployment);
    },
    setStatus: async (status) => {
      const { client, repo } = await connect();
      return setDeploymentStatus(client, repo, status);
    },
    resolveRollbackTarget: async (query) => {
      const { client, repo } = await connect();
      return resolveRollbackTarget(client, repo, query);
    },
    markRolledBack: async (options) => {
      try {
        const { client, repo } = await connect();
        return await markRolledBack(client, repo, options);
      } catch (error) {
        return { recorded: false, error: errorMessage(error) };
      }
    },
  };
}
