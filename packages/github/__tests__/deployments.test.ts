import { describe, expect, test } from '@jest/globals';
import type { DeploymentState } from '@release-actions/core';
import { isKnownGood, verdictDeploymentStatus } from '../src/deployments.js';

const statuses = (...states: DeploymentState[]) => states.map((state) => ({ state }));

describe('isKnownGood (statuses newest first)', () => {
  const cases: Array<[string, DeploymentState[], boolean]> = [
    ['success', ['success', 'in_progress'], true],
    ['success made inactive by a newer one', ['inactive', 'success', 'in_progress'], true],
    ['rolled back: failure after success', ['failure', 'success', 'in_progress'], false],
    ['rolled back, then inactive', ['inactive', 'failure', 'success'], false],
    ['failed deploy', ['failure', 'in_progress'], false],
    ['still in progress', ['in_progress'], false],
    ['error only', ['error', 'in_progress'], false],
    ['a failure before a later success', ['success', 'failure'], true],
    ['no statuses', [], false],
  ];
  test.each(cases)('%s', (_name, states, expected) => {
    expect(isKnownGood(statuses(...states))).toBe(expected);
  });
});

describe('verdictDeploymentStatus', () => {
  test('promote is success, blocked is failure with the first reason, at most 140 characters', () => {
    expect(verdictDeploymentStatus({ value: 'promote', reasons: [] })).toEqual({
      state: 'success',
      description: 'release gate promoted',
    });
    expect(verdictDeploymentStatus({ value: 'blocked', reasons: ['smoke failed', 'rolled back'] })).toEqual({
      state: 'failure',
      description: 'release gate blocked: smoke failed',
    });
    const long = verdictDeploymentStatus({ value: 'blocked', reasons: ['x'.repeat(300)] });
    expect(long.description).toHaveLength(140);
    expect(long.description.endsWith('…')).toBe(true);
  });
});
