import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseChecklist } from '../src/readiness/checklist.js';
import { evaluateReadiness } from '../src/readiness/evaluate.js';
import {
  checkTargetRef,
  DEFAULT_EVIDENCE,
  type DefaultEvidence,
  isNamed,
  tagPatternToRegExp,
} from '../src/readiness/rules.js';

test.each([
  ['refs/heads/main', 'main', undefined, true],
  ['main', 'main', undefined, true],
  ['refs/heads/feature/x', 'main', undefined, false],
  ['refs/heads/main-old', 'main', undefined, false],
  ['refs/heads/trunk', 'trunk', undefined, true],
  ['refs/tags/v1.2.3', 'main', 'v*', true],
  ['refs/tags/v1.2.3', 'main', undefined, false],
  ['refs/tags/rc-1', 'main', 'v*', false],
  ['v2.0.0', 'main', 'v?.*', true],
  ['', 'main', 'v*', false],
  ['a1b2c3d', 'main', undefined, false],
] as const)('target %s (main %s, tags %s) -> %s', (ref, main, pattern, ok) => {
  expect(checkTargetRef(ref, main, pattern).ok).toBe(ok);
});

test('globs are literal except * and ?', () => {
  expect(tagPatternToRegExp('v1.*').test('v1.5')).toBe(true);
  expect(tagPatternToRegExp('v1.*').test('v1x5')).toBe(false);
  expect(tagPatternToRegExp('release-(x)').test('release-(x)')).toBe(true);
});

test.each([
  ['alice', true],
  ['@acme/oncall', true],
  ['', false],
  ['TBD', false],
  [' n/a ', false],
  [undefined, false],
])('owner %j named -> %s', (value, named) => {
  expect(isNamed(value)).toBe(named);
});

test.each([
  [
    { evidence: [{ name: 'x', path: 'x.json', maxAge: '1d', statusPath: 'status' }] },
    "field 'evidence.0.healthy'",
  ],
  [{ evidence: [{ name: 'x', path: 'x.json', artifact: 'y', maxAge: '1d' }] }, "field 'evidence.0.artifact'"],
  [{ require: [{ path: 'smoke.captured.ok', equals: true, exists: true }] }, 'use exactly one of'],
  [{ require: [{ path: 'a..b', equals: 1 }] }, 'is not a dotted path'],
  [{ rulez: {} }, "field '(root)'"],
])('checklist errors name the field: %j', (data, message) => {
  expect(() => parseChecklist(data)).toThrow(message);
});

test('the default evidence list is data: one more entry is one more rule, off only explicitly', async () => {
  const workspace = await mkdtemp(join(tmpdir(), 'readiness-'));
  const now = new Date('2026-01-15T12:00:00Z');
  await writeFile(
    join(workspace, 'evidence.json'),
    JSON.stringify({ generatedAt: '2026-01-15T11:00:00Z', ok: true }),
  );
  const extra: DefaultEvidence = {
    id: 'evidenceBundle',
    name: 'evidence bundle',
    path: 'evidence.json',
    maxAgeMs: 86_400_000,
    timestampPath: 'generatedAt',
    checks: [{ name: 'ok', path: 'ok', op: { equals: true } }],
    description: 'the evidence bundle verifies',
  };
  const facts = { targetRef: 'main', releaseOwner: 'a', rollbackOwner: 'b', rollbackRef: 'v1' };
  const drill = DEFAULT_EVIDENCE.find((entry) => entry.id === 'drillDeltaReport')!;
  const base = { workspace, now, facts, defaults: [drill, extra] };
  const on = await evaluateReadiness({
    ...base,
    checklist: parseChecklist({ rules: { latestSmokePassed: false, drillDeltaReport: false } }),
  });
  expect(on.rules.find((rule) => rule.id === 'evidenceBundle')).toMatchObject({
    status: 'passed',
    kind: 'evidence',
  });
  expect(on.decision).toBe('GO');
  const off = await evaluateReadiness({
    ...base,
    checklist: parseChecklist({
      rules: { latestSmokePassed: false, drillDeltaReport: false, evidenceBundle: false },
    }),
  });
  expect(off.rulesOff).toEqual(['latestSmokePassed', 'drillDeltaReport', 'evidenceBundle']);
  // A checklist entry with a default's id overrides its path and age, keeping its checks.
  await writeFile(
    join(workspace, 'other.json'),
    JSON.stringify({ generatedAt: '2026-01-10T11:00:00Z', ok: true }),
  );
  const overridden = await evaluateReadiness({
    ...base,
    checklist: parseChecklist({
      rules: { latestSmokePassed: false, drillDeltaReport: false },
      evidence: [{ id: 'evidenceBundle', path: 'other.json', maxAge: '7d' }],
    }),
  });
  expect(overridden.rules.find((rule) => rule.id === 'evidenceBundle')!.evidence[0]).toMatchObject({
    source: 'other.json',
    status: 'ok',
    maxAgeMs: 7 * 86_400_000,
  });
});

test('a rollback ref equal to the target is refused', async () => {
  const record = await evaluateReadiness({
    workspace: tmpdir(),
    now: new Date(),
    defaults: [],
    facts: {
      targetRef: 'v1.4.0',
      rollbackRef: 'v1.4.0',
      releaseOwner: 'a',
      rollbackOwner: 'b',
      releaseTagPattern: 'v*',
    },
    checklist: parseChecklist({ rules: { latestSmokePassed: false } }),
  });
  expect(record.failedRules).toEqual([
    {
      id: 'rollbackRefSet',
      reason: "rollback ref 'v1.4.0' is the target ref itself: rolling back would redeploy the same release",
    },
  ]);
});
