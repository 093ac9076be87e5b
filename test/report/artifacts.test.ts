import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifactNameInput, retentionDaysInput } from '@release-actions/core';
import { artifactUploadAvailable, defaultArtifactName, uploadArtifact } from '@release-actions/github';
import { startArtifactServer } from '../servers/artifact-server.js';

test.each([
  ['staging', undefined, 'staging-release-gate-report'],
  ['production', 'shop', 'shop-production-release-gate-report'],
  ['eu west/1', 'shop', 'shop-eu-west-1-release-gate-report'],
])('default artifact name for %s (%s)', (environment, service, expected) => {
  expect(defaultArtifactName(environment, service)).toBe(expected);
});

test.each([
  ['', true, undefined],
  ['0', true, undefined],
  ['1', true, 1],
  ['90', true, 90],
  ['91', false, undefined],
  ['7d', false, undefined],
  ['-1', false, undefined],
])('retention-days %p', (raw, ok, value) => {
  const parsed = retentionDaysInput.safeParse(raw);
  expect(parsed.success).toBe(ok);
  if (ok) expect(parsed.data).toBe(value);
});

test.each([
  ['', true],
  ['shop-production-release-gate-report', true],
  ['a/b', false],
  ['a:b', false],
  ['x'.repeat(257), false],
])('artifact-name %#', (raw, ok) => {
  expect(artifactNameInput.safeParse(raw).success).toBe(ok);
});

// The helper other actions reuse (drill reports, decision records), in-process against the local server.
test('uploadArtifact uploads files relative to their root and returns id, size, digest and link', async () => {
  const server = await startArtifactServer();
  const saved = { ...process.env };
  // The library logs through @actions/core (stdout); keep the test output readable.
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    Object.assign(process.env, server.env, { GITHUB_REPOSITORY: 'acme/shop', GITHUB_RUN_ID: '77' });
    delete process.env.GITHUB_SERVER_URL;
    expect(artifactUploadAvailable()).toBe(true);
    const dir = await mkdtemp(join(tmpdir(), 'artifact-'));
    await mkdir(join(dir, 'nested'));
    await writeFile(join(dir, 'decision.json'), '{"decision":"GO"}');
    await writeFile(join(dir, 'nested/decision.md'), '# GO');
    const uploaded = await uploadArtifact(
      'readiness-decision',
      [join(dir, 'decision.json'), join(dir, 'nested/decision.md')],
      dir,
      { retentionDays: 3 },
    );
    const upload = server.uploads[0]!;
    expect(uploaded).toMatchObject({
      name: 'readiness-decision',
      id: upload.artifactId,
      size: upload.blob!.length,
    });
    expect(`sha256:${uploaded.digest}`).toBe(upload.finalized?.hash);
    expect(uploaded.url).toBe(`https://github.com/acme/shop/actions/runs/77/artifacts/${upload.artifactId}`);
    expect([...upload.files.keys()].sort()).toEqual(['decision.json', 'nested/decision.md']);
    expect(upload.files.get('nested/decision.md')!.toString()).toBe('# GO');

    await expect(uploadArtifact('none', [], dir)).rejects.toThrow("artifact 'none': no files to upload");
    delete process.env.ACTIONS_RUNTIME_TOKEN;
    await expect(uploadArtifact('x', [join(dir, 'decision.json')], dir)).rejects.toThrow(
      "artifact 'x' cannot be uploaded: ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL are not set",
    );
  } finally {
    process.stdout.write = write;
    process.env = saved;
    await server.close();
  }
});
