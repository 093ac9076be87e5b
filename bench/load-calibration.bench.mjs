// Load calibration figures against the reference receiver, through the real CLI bundle: starts
// `release-gate receiver` on a free loopback port, runs `release-gate calibrate-load` at a few shapes
// (kept small: the machine is shared), and writes bench/results/load-calibration.json.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'packages/cli/dist/index.js');
const temp = mkdtempSync(join(tmpdir(), 'bench-load-'));
const secret = `whsec_${randomBytes(24).toString('base64')}`;

const receiver = spawn(
  process.execPath,
  [cli, 'receiver', '--port', '0', '--event-log', join(temp, 'events.jsonl')],
  { env: { ...process.env, RELEASE_GATE_SIGNING_SECRET: secret }, stdio: ['ignore', 'pipe', 'ignore'] },
);
const url = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('the receiver did not start within 10s')), 10_000);
  let text = '';
  receiver.stdout.on('data', (chunk) => {
    text += chunk;
    const match = /listening on (http:\/\/\S+)/.exec(text);
    if (match) {
      clearTimeout(timer);
      resolve(match[1]);
    }
  });
  receiver.on('exit', (code) => reject(new Error(`the receiver exited (${code})`)));
});

const shapes = [
  { requests: 200, rate: 0, concurrency: 4 },
  { requests: 1000, rate: 0, concurrency: 4 },
  { requests: 1000, rate: 500, concurrency: 8 },
];
const results = [];
try {
  for (const shape of shapes) {
    const run = spawnSync(
      process.execPath,
      [
        cli,
        'calibrate-load',
        '--target',
        `${url}/healthz`,
        '--requests',
        String(shape.requests),
        '--rate',
        String(shape.rate),
        '--concurrency',
        String(shape.concurrency),
        '--out-dir',
        temp,
        '--json',
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    if (run.status !== 0 && run.status !== 1) throw new Error(`calibrate-load failed: ${run.stderr}`);
    const target = JSON.parse(run.stdout).targets[0];
    const row = {
      ...shape,
      target: '/healthz',
      throughput: target.throughput,
      ...target.latency,
      errorRate: target.errorRate,
    };
    results.push(row);
    console.log(
      `load-calibration: ${shape.requests} requests, rate ${shape.rate || 'max'}, concurrency ${shape.concurrency}: ` +
        `${row.throughput} req/s, p50 ${row.p50Ms}ms, p95 ${row.p95Ms}ms, p99 ${row.p99Ms}ms, max ${row.maxMs}ms, errors ${row.errorRate}`,
    );
  }
} finally {
  receiver.kill('SIGTERM');
  rmSync(temp, { recursive: true, force: true });
}
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(
  join(root, 'bench/results/load-calibration.json'),
  `${JSON.stringify({ bench: 'load-calibration', at: new Date().toISOString(), node: process.version, results }, null, 2)}\n`,
);
