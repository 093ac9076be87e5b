import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBundle } from '../harness/action.js';
import { leakedSecrets, readTree } from '../harness/secrets.js';
import { startArtifactServer } from '../servers/artifact-server.js';
import { promotedReport, rolledBackReport, writeReport } from './fixtures.js';

/**
 * What a log reader sees: the runner replaces every value registered with `::add-mask::` (the artifact
 * library masks the signed URL's `sig` before it prints the response as a debug line).
 */
function asRunnerShows(stdout: string): string {
  const masks = [...stdout.matchAll(/^::add-mask::(.+)$/gm)].map((m) => m[1]!);
  let shown = stdout.replace(/^::add-mask::.*$/gm, '');
  for (const mask of masks) shown = shown.split(mask).join('***');
  return shown;
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

async function gateWorkspace(report = rolledBackReport()): Promise<string> {
  const workspace = await mkdtemp(join(tmpdir(), 'ra-report-'));
  await writeReport(workspace, report);
  await mkdir(join(workspace, 'release-gate/logs'), { recursive: true });
  await writeFile(
    join(workspace, 'release-gate/logs/smoke.log'),
    'GET https://shop.example.com/checkout 503\n',
  );
  await mkdir(join(workspace, 'db'), { recursive: true });
  await writeFile(join(workspace, 'db/backup-manifest.json'), '{"backup":"2026-11-22","tables":12}\n');
  await writeFile(join(workspace, 'migrate.log'), 'applied 0042_add_index\n');
  return workspace;
}

test('a rolled-back gate: blocked verdict, bundle uploaded through the artifact protocol, nothing secret anywhere', async () => {
  const server = await startArtifactServer();
  try {
    const workspace = await gateWorkspace();
    const secrets = {
      runtimeToken: server.env.ACTIONS_RUNTIME_TOKEN!,
      webhookSecret: 'whsec_dGhpcyBpcyBhIHNpZ25pbmcgc2VjcmV0',
      bearer: 'smoke-bearer-7f3a9c',
    };
    const run = await runBundle('report', {
      workspace,
      inputs: { evidence: 'db/*.json\nmigrate.log' },
      // Secrets of earlier steps are in the job's environment; none may reach the bundle.
      env: { ...server.env, DEPLOY_SIGNING_SECRET: secrets.webhookSecret, SMOKE_TOKEN: secrets.bearer },
    });
    expect(run.code).toBe(0);
    expect(run.outputs.verdict).toBe('blocked');
    expect(JSON.parse(run.outputs.reasons!)).toEqual([
      'smoke failed: 1 of 2 probes failed (checkout)',
      `rolled back to ${'c'.repeat(40)} (smoke failed: checkout)`,
    ]);
    expect(run.outputs['bundle-path']).toBe(join(workspace, 'release-gate'));
    expect(run.stdout).toContain('::warning::release blocked: smoke failed');

    // The server saw the protocol in order and the finalize hash matches the bytes it received.
    expect(server.uploads).toHaveLength(1);
    const upload = server.uploads[0]!;
    expect(upload.name).toBe('production-release-gate-report');
    expect(upload.version).toBe(7);
    expect(upload.requests).toEqual([
      'POST CreateArtifact',
      'PUT block',
      'PUT blocklist',
      'POST FinalizeArtifact',
    ]);
    expect(upload.finalized?.hash).toBe(`sha256:${sha256(upload.blob!)}`);
    expect(upload.finalized?.size).toBe(upload.blob!.length);
    expect(run.outputs['artifact-id']).toBe(String(upload.artifactId));
    expect(run.outputs['artifact-url']).toBe(
      `https://github.com/acme/shop/actions/runs/1001/artifacts/${upload.artifactId}`,
    );

    // The zip holds exactly the bundle, byte for byte.
    const bundle = join(workspace, 'release-gate');
    const manifest = JSON.parse(upload.files.get('manifest.json')!.toString('utf8'));
    expect([...upload.files.keys()].sort()).toEqual(
      [...manifest.files.map((f: { path: string }) => f.path), 'manifest.json'].sort(),
    );
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual([
      'evidence/db/backup-manifest.json',
      'evidence/migrate.log',
      'logs/smoke.log',
      'release-log.md',
      'release-log.tsv',
      'report.json',
      'summary.json',
      'summary.md',
    ]);
    for (const entry of manifest.files as Array<{ path: string; sha256: string; bytes: number }>) {
      const zipped = upload.files.get(entry.path)!;
      expect(sha256(zipped)).toBe(entry.sha256);
      expect(zipped.equals(await readFile(join(bundle, entry.path)))).toBe(true);
    }
    const zippedReport = JSON.parse(upload.files.get('report.json')!.toString('utf8'));
    expect(zippedReport.verdict.value).toBe('blocked');

    // Summary: headline, reasons, step table, mermaid timeline, release log.
    expect(run.summary).toContain('## ⛔ Release gate: blocked (shop 1.4.0 → production)');
    expect(run.summary).toContain('- rolled back to');
    expect(run.summary).toContain('| smoke | ❌ failed | 4s | 1 passed, 1 failed: checkout |');
    expect(run.summary).toMatch(
      /```mermaid\ngantt\n[\s\S]*section rollback\n {2}succeeded 3s :done, s2, \d+, \d+\n/,
    );
    expect(run.summary).toContain('### Release log (newest first)');

    expect(run.stdout).toContain(`::add-mask::${upload.signature}`);
    const leaked = leakedSecrets(
      `${asRunnerShows(run.stdout)}\n${run.stderr}\n${run.outputFile}\n${run.summary}\n${await readTree(bundle)}\n${[...upload.files.values()].map((b) => b.toString('latin1')).join('\n')}`,
      { ...secrets, uploadSignature: upload.signature },
    );
    expect(leaked).toEqual([]);
  } finally {
    await server.close();
  }
});

test('fail-on-blocked fails the step, after the evidence is uploaded and the summary written', async () => {
  const server = await startArtifactServer();
  try {
    const workspace = await gateWorkspace();
    const run = await runBundle('report', {
      workspace,
      inputs: { 'fail-on-blocked': 'true' },
      env: server.env,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '::error::report: release blocked: smoke failed: 1 of 2 probes failed (checkout)',
    );
    expect(server.uploads[0]?.artifactId).toBeDefined();
    expect(run.outputs['artifact-id']).toBe(String(server.uploads[0]!.artifactId));
    expect(run.outputs.verdict).toBe('blocked');
    expect(run.summary).toContain('Release gate: blocked');
  } finally {
    await server.close();
  }
});

test('a promoted gate extends the previous release log; artifact-name and retention-days reach the service', async () => {
  const server = await startArtifactServer();
  try {
    const workspace = await gateWorkspace(promotedReport());
    await mkdir(join(workspace, 'previous'), { recursive: true });
    const header = 'date_utc\tenvironment\tservice\tsha\tversion\tsmoke\tverdict\towner\trun_url';
    await writeFile(
      join(workspace, 'previous/release-log.tsv'),
      `${header}\n2026-11-20T10:00:00Z\tstaging\tshop\t${'a'.repeat(40)}\t1.3.0\tpassed\tpromote\talice\t-\n`,
    );
    const run = await runBundle('report', {
      workspace,
      inputs: {
        'previous-log': 'previous/release-log.tsv',
        'artifact-name': 'shop-staging-release-gate-report',
        'retention-days': '7',
        owner: 'release-captain',
        'fail-on-blocked': 'true',
      },
      env: server.env,
    });
    expect(run.code).toBe(0);
    expect(run.outputs.verdict).toBe('promote');
    expect(run.outputs.reasons).toBe('[]');
    expect(run.summary).toContain('## ✅ Release gate: promote (shop 1.4.0 → staging)');
    expect(run.summary).not.toContain('Why blocked');
    const upload = server.uploads[0]!;
    expect(upload.name).toBe('shop-staging-release-gate-report');
    const days = (Date.parse(upload.expiresAt!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThan(7.1);
    const log = (await readFile(join(workspace, 'release-gate/release-log.tsv'), 'utf8'))
      .trimEnd()
      .split('\n');
    expect(log).toHaveLength(3);
    expect(log[1]).toContain('\t1.3.0\t');
    expect(log[2]!.split('\t').slice(1)).toEqual([
      'staging',
      'shop',
      'b'.repeat(40),
      '1.4.0',
      'passed',
      'promote',
      'release-captain',
      'https://github.com/acme/shop/actions/runs/1001/attempts/1',
    ]);
    expect(upload.files.get('release-log.tsv')!.toString('utf8').trimEnd().split('\n')).toEqual(log);
  } finally {
    await server.close();
  }
});

test('every invalid input is named with an example; nothing is uploaded', async () => {
  const server = await startArtifactServer();
  try {
    const workspace = await gateWorkspace();
    const run = await runBundle('report', {
      workspace,
      inputs: { 'retention-days': '400', 'fail-on-blocked': 'yes', 'artifact-name': 'a/b:c' },
      env: server.env,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "Input 'retention-days' '400' is invalid: must be a whole number of days from 1 to 90",
    );
    expect(run.stdout).toContain("Input 'fail-on-blocked' 'yes' is invalid: must be true or false");
    expect(run.stdout).toContain("Input 'artifact-name' 'a/b:c' is invalid");
    expect(run.stdout).not.toContain('unexpected error');
    expect(server.uploads).toHaveLength(0);
  } finally {
    await server.close();
  }
});

test('a wrong report names the file and the first wrong field; missing evidence names the pattern', async () => {
  const workspace = await mkdtemp(join(tmpdir(), 'ra-report-'));
  const path = await writeReport(workspace, { ...promotedReport(), deploy: { state: 'exploded' } } as never);
  const bad = await runBundle('report', { workspace });
  expect(bad.code).toBe(1);
  expect(bad.stdout).toContain(
    `release-gate report '${path}' does not match its schema: field 'deploy.state'`,
  );
  expect(bad.stdout).not.toContain('unexpected error');
  expect(bad.summary).toContain('## ⛔ Release gate: no verdict');
  expect(bad.summary).toContain("field 'deploy.state'");

  const good = await gateWorkspace();
  const missing = await runBundle('report', { workspace: good, inputs: { evidence: 'db/restore-*.json' } });
  expect(missing.code).toBe(1);
  expect(missing.stdout).toContain("input 'evidence': 'db/restore-*.json' matched no file");

  const none = await runBundle('report', { workspace: await mkdtemp(join(tmpdir(), 'ra-report-')) });
  expect(none.code).toBe(1);
  expect(none.stdout).toMatch(/release-gate report '.*release-gate\/report.json' cannot be read/);
});

test('outside a job (no runtime token) the bundle is written and the upload skipped with a warning', async () => {
  const workspace = await gateWorkspace(promotedReport());
  const run = await runBundle('report', { workspace });
  expect(run.code).toBe(0);
  expect(run.outputs.verdict).toBe('promote');
  expect(run.outputs['artifact-id']).toBe('');
  expect(run.stdout).toContain(
    "::warning::artifact 'staging-release-gate-report' not uploaded: ACTIONS_RUNTIME_TOKEN",
  );
  expect(JSON.parse(await readFile(join(workspace, 'release-gate/manifest.json'), 'utf8')).files.length).toBe(
    6,
  );
});

test('an artifact name already taken in the run fails the step naming it, with the summary still written', async () => {
  const server = await startArtifactServer({ conflictNames: ['staging-release-gate-report'] });
  try {
    const workspace = await gateWorkspace(promotedReport());
    const run = await runBundle('report', { workspace, env: server.env });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("artifact 'staging-release-gate-report' upload failed");
    expect(run.stdout).toContain('already exists');
    expect(run.summary).toContain('Release gate: promote');
    expect(run.summary).toContain('(not uploaded)');
  } finally {
    await server.close();
  }
});

test('a 20 MiB evidence file travels in several 8 MiB blocks, reassembled in order (upload time measured)', async () => {
  const server = await startArtifactServer();
  try {
    const workspace = await gateWorkspace(promotedReport());
    const big = randomBytes(20 * 1024 * 1024);
    await writeFile(join(workspace, 'db/dump.bin'), big);
    const run = await runBundle('report', {
      workspace,
      inputs: { evidence: 'db/dump.bin' },
      env: server.env,
    });
    expect(run.code).toBe(0);
    const upload = server.uploads[0]!;
    expect(upload.blockIds.length).toBe(3);
    expect(upload.finalized?.hash).toBe(`sha256:${sha256(upload.blob!)}`);
    expect(sha256(upload.files.get('evidence/db/dump.bin')!)).toBe(sha256(big));
    const ms = Number(/uploaded: id \d+, \d+ bytes, sha256 [0-9a-f]+, (\d+)ms/.exec(run.stdout)?.[1]);
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(30_000);
    process.stdout.write(
      `report: 20 MiB evidence bundle upload ${ms}ms (step total ${Math.round(run.durationMs)}ms)\n`,
    );
  } finally {
    await server.close();
  }
});
