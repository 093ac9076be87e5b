import { DEFAULT_TRUSTED_WORKFLOWS, trustedWorkflowsInput } from '@release-actions/core';
import {
  type ArtifactApi,
  findTrustedArtifact,
  type RunFacts,
  untrustedReasons,
} from '../src/trusted-artifacts.js';

const policy = {
  repository: 'acme/shop',
  defaultBranch: 'main',
  trustedWorkflows: DEFAULT_TRUSTED_WORKFLOWS,
};
const trusted: RunFacts = {
  id: 1,
  event: 'push',
  headBranch: 'main',
  headRepository: 'acme/shop',
  path: '.github/workflows/release-gate.yml',
};

test.each([
  ['a push run of a trusted workflow on main', {}, []],
  ['schedule', { event: 'schedule' }, []],
  [
    'workflow_dispatch, path with @ref',
    { event: 'workflow_dispatch', path: '.github/workflows/rollback.yml@refs/heads/main' },
    [],
  ],
  [
    'pull_request from a branch',
    { event: 'pull_request', headBranch: 'evil' },
    ['event pull_request', 'branch evil'],
  ],
  ['a fork', { headRepository: 'evil/shop' }, ['head repository evil/shop (a fork)']],
  ['no head repository', { headRepository: null }, ['head repository (unknown) (a fork)']],
  [
    'an unlisted workflow',
    { path: '.github/workflows/other.yml' },
    ['workflow other.yml is not in trusted-workflows'],
  ],
  ['pull_request_target', { event: 'pull_request_target' }, ['event pull_request_target']],
  ['the owner in another case is the same repository', { headRepository: 'ACME/shop' }, []],
])('%s', (_name, change, reasons) => {
  expect(untrustedReasons({ ...trusted, ...change }, policy)).toEqual(reasons);
});

test('trusted-workflows: empty is the defaults, paths are reduced to file names, anything else is an error', () => {
  expect(trustedWorkflowsInput.parse('')).toEqual([...DEFAULT_TRUSTED_WORKFLOWS]);
  expect(trustedWorkflowsInput.parse('.github/workflows/a.yml,\n b.yaml')).toEqual(['a.yml', 'b.yaml']);
  expect(trustedWorkflowsInput.safeParse('release gate').success).toBe(false);
});

test('the first trusted candidate wins; skips are notices; an API error ends the search as an error', async () => {
  const runs: Record<number, RunFacts> = {
    11: { ...trusted, id: 11, event: 'pull_request', headBranch: 'evil' },
    10: { ...trusted, id: 10 },
  };
  const api: ArtifactApi = {
    defaultBranch: async () => 'main',
    listArtifacts: async () => [
      { id: 3, name: 'x', expired: true, createdAt: null, runId: 10 },
      { id: 2, name: 'x', expired: false, createdAt: null, runId: 11 },
      { id: 1, name: 'x', expired: false, createdAt: null, runId: 10 },
    ],
    getRun: async (id) => runs[id]!,
  };
  const notices: string[] = [];
  const logger = { info: () => {}, notice: (m: string) => notices.push(m), warning: () => {} };
  const found = await findTrustedArtifact(api, 'x', { ...policy, defaultBranch: undefined }, logger);
  expect(found).toMatchObject({ found: true, artifact: { id: 1 }, run: { id: 10 }, skipped: 1 });
  expect(notices).toEqual(['skipped artifact 2 from run 11: event pull_request, branch evil']);

  const failing: ArtifactApi = {
    ...api,
    listArtifacts: async () => {
      throw Object.assign(new Error('Resource not accessible by integration'), { status: 403 });
    },
  };
  const error = await findTrustedArtifact(failing, 'x', policy, logger);
  expect(error).toMatchObject({ found: false, error: true });
  expect(!error.found && error.reason).toMatch(/403 .*'actions: read'/);
});
