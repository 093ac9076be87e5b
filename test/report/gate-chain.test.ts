import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ActionRun, runBundle } from '../harness/action.js';
import { leakedSecrets, readTree } from '../harness/secrets.js';
import { startArtifactServer } from '../servers/artifact-server.js';

const visible = (run: ActionRun) => run.everything.replace(/^::add-mask::.*$/gm, '');

test('the gate chain with real bundles: deploy, failing smoke, rollback, verify, report; no secret in any output or artifact', async () => {
  const secrets = {
    webhookToken: 'wh-query-token-5b1f0c',
    signingSecret: 'whsec_c2VjcmV0LXNpZ25pbmcta2V5LTEyMzQ1Njc4OTA=',
    webhookBearer: 'webhook-bearer-93ad71',
    smokeBearer: 'smoke-bearer-e7c2d4',
    basicPassword: 'basic-pass-71f0',
  };
  const received: string[] = [];
  const service = createServer((request, response) => {
    received.push(`${request.method} ${request.url?.split('?')[0]}`);
    request.resume();
    if (request.method === 'POST') {
      response.writeHead(202, { 'content-type': 'application/json' });
      return response.end('{"accepted":true}');
    }
    if (request.url === '/healthz') {
      response.writeHead(200, { 'content-type': 'application/json' });
      return response.end('{"status":"UP"}');
    }
    response.writeHead(503, { 'content-type': 'text/plain' });
    response.end('checkout is down');
  });
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
  const artifacts = await startArtifactServer();
  try {
    const workspace = await mkdtemp(join(tmpdir(), 'ra-chain-'));
    const common = { workspace, env: artifacts.env };
    const identity = { environment: 'production', service: 'shop', version: '1.4.0', sha: 'd'.repeat(40) };
    const webhook = {
      'signing-secret': secrets.signingSecret,
      'bearer-token': secrets.webhookBearer,
      'github-token': '',
    };

    const deploy = await runBundle('deploy-webhook', {
      ...common,
      inputs: { ...identity, ...webhook, 'webhook-url': `${base}/deploy?token=${secrets.webhookToken}` },
    });
    expect(deploy.code).toBe(0);
    expect(deploy.outputs['deploy-state']).toBe('accepted');

    const smoke = await runBundle('smoke', {
      ...common,
      inputs: {
        environment: 'production',
        urls: `${base}/healthz\nhttp://ops:${secrets.basicPassword}@127.0.0.1:${new URL(base).port}/checkout`,
        'bearer-token': secrets.smokeBearer,
        'max-attempts': '1',
        timeout: '2s',
        'fail-on-error': 'false',
      },
    });
    expect(smoke.outputs.result).toBe('failed');

    const rollback = await runBundle('trigger-rollback', {
      ...common,
      inputs: {
        ...identity,
        ...webhook,
        'webhook-url': `${base}/rollback?token=${secrets.webhookToken}`,
        'rollback-ref': 'c'.repeat(40),
        reason: `smoke failed: ${smoke.outputs['failed-probes']}`,
      },
    });
    expect(rollback.code).toBe(0);
    expect(rollback.outputs['rollback-ref']).toBe('c'.repeat(40));

    const verify = await runBundle('rollback-verify', {
      ...common,
      inputs: {
        ...identity,
        urls: `${base}/healthz`,
        'bearer-token': secrets.smokeBearer,
        'webhook-url': `${base}/verify?token=${secrets.webhookToken}`,
        'metrics-url': `${base}/internal/release-gate/callbacks?token=${secrets.webhookToken}`,
        'signing-secret': secrets.signingSecret,
        'webhook-bearer-token': secrets.webhookBearer,
        'rollback-ref': 'c'.repeat(40),
      },
    });
    expect(verify.code).toBe(0);
    expect(verify.outputs['rollback-callback-state']).toBe('verified');

    const report = await runBundle('report', { ...common, inputs: { 'fail-on-blocked': 'true' } });
    expect(report.code).toBe(1);
    expect(report.outputs.verdict).toBe('blocked');
    const reasons = JSON.parse(report.outputs.reasons!) as string[];
    expect(reasons[0]).toMatch(/^smoke failed: 1 of 2 probes failed/);
    expect(reasons[1]).toMatch(new RegExp(`^rolled back to ${'c'.repeat(40)}`));
    expect(received).toEqual(
      expect.arrayContaining([
        'POST /deploy',
        'GET /healthz',
        'GET /checkout',
        'POST /rollback',
        'POST /verify',
        'POST /internal/release-gate/callbacks',
      ]),
    );

    const bundle = join(workspace, 'release-gate');
    const written = JSON.parse(await readFile(join(bundle, 'report.json'), 'utf8'));
    expect(Object.keys(written)).toEqual(
      expect.arrayContaining(['deploy', 'smoke', 'rollback', 'verdict', 'evidence']),
    );
    expect(report.summary).toMatch(
      /section deploy[\s\S]*section smoke[\s\S]*section rollback[\s\S]*section verify/,
    );

    // Each step's raw log is in the bundle, listed in the manifest, with its secrets scrubbed.
    const manifest = JSON.parse(await readFile(join(bundle, 'manifest.json'), 'utf8')) as {
      files: Array<{ path: string }>;
    };
    const listed = manifest.files.map((file) => file.path);
    for (const step of ['deploy-webhook', 'smoke', 'trigger-rollback', 'rollback-verify']) {
      expect(listed).toContain(`logs/${step}.log`);
    }
    const smokeLog = await readFile(join(bundle, 'logs/smoke.log'), 'utf8');
    expect(smokeLog).toContain('checkout');
    expect(smokeLog).not.toContain('::add-mask::');

    const upload = artifacts.uploads[0]!;
    expect(upload.name).toBe('production-release-gate-report');
    const everything = [
      ...[deploy, smoke, rollback, verify, report].map(visible),
      await readTree(bundle),
      ...[...upload.files.values()].map((bytes) => bytes.toString('latin1')),
    ].join('\n');
    expect(
      leakedSecrets(everything, { ...secrets, runtimeToken: artifacts.env.ACTIONS_RUNTIME_TOKEN! }),
    ).toEqual([]);
  } finally {
    await artifacts.close();
    await new Promise<void>((resolve) => service.close(() => resolve()));
  }
}, 60_000);
