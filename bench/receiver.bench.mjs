// The reference receiver (`release-gate receiver`, the CLI bundle in its own process):
// 1. Start over a large event log (1 GB generated into a temp dir, deleted after; scaled down when the disk
//    has less than 3x that free): time from spawn to listening and peak RSS (VmHWM), against a receiver
//    started on an empty log and a bare read of the same file (a stream counting newlines, no parsing: the
//    read floor). The file was just written, so both read it from the page cache.
// 2. Acknowledged events per second under a bounded concurrent load (CONCURRENCY signed callbacks in flight,
//    keep-alive), against the disk's floor measured in the same run: an append-only loop writing and
//    fsyncing the same lines one by one in its own process. Rounds alternate the two; medians reported.
// Writes bench/results/receiver.json. `node bench/receiver.bench.mjs [logMb]`.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat, statfs, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, ratio, root, round } from './cold-start.mjs';

const cli = join(root, 'packages/cli/dist/index.js');
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const WANTED_MB = Number(process.argv[2]) || 1024;
const ROUNDS = 3;
const CONCURRENCY = 16;
const EVENTS_PER_ROUND = 1500;
const DAY = 86_400_000;

const data = {
  environment: 'production',
  service: 'shop',
  ref: 'refs/heads/main',
  sha: 'a'.repeat(40),
  version: '1.4.0',
  runUrl: null,
  drill: true,
  rollbackCallbackState: 'verified',
  rollbackState: 'accepted',
  durationMs: 900,
};
const logLine = (webhookId, receivedAt) =>
  `${JSON.stringify({ receivedAt, type: 'release_gate.callback', webhookId, data })}\n`;

/** `bytes` of events received 3 days ago (outside the 24h dedupe window), then one received a minute ago. */
async function writeLog(path, bytes) {
  const out = createWriteStream(path);
  const old = new Date(Date.now() - 3 * DAY).toISOString();
  let written = 0;
  let lines = 0;
  for (let batch = 0; written < bytes; batch++) {
    let chunk = '';
    for (let i = 0; i < 5000; i++) chunk += logLine(`msg_old_${batch}_${i}`, old);
    written += chunk.length;
    lines += 5000;
    if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
  }
  out.end(logLine('msg_recent', new Date(Date.now() - 60_000).toISOString()));
  await new Promise((resolve) => out.once('finish', resolve));
  return lines + 1;
}

/** Starts the receiver; resolves once it listens, with the time that took, its URL and a stop(). */
function startReceiver(eventLog) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cli, 'receiver', '--port', '0', '--event-log', eventLog], {
      env: { PATH: process.env.PATH, RELEASE_GATE_SIGNING_SECRET: SECRET },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.once('exit', (code) => reject(new Error(`receiver exited ${code}: ${stderr}`)));
    child.stdout.on('data', async (chunk) => {
      stdout += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (!match || child.listening) return;
      child.listening = true;
      const ms = performance.now() - started;
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => '');
      const hwmKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
      resolve({
        ms,
        peakRssMb: round(hwmKb / 1024),
        url: match[1],
        stderr: () => stderr,
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', done);
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** A node child that streams the file and counts newlines: the cost of reading it at all. */
function bareRead(path) {
  return timeNode(`
    const started = performance.now(); let lines = 0;
    const stream = require('node:fs').createReadStream(${JSON.stringify(path)}, { highWaterMark: 256 * 1024 });
    stream.on('data', (b) => { for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) lines++; });
    stream.on('end', () => console.log(JSON.stringify({ ms: performance.now() - started, lines })));`);
}

/** The disk's floor: append and fsync the same lines one at a time, in a process of its own. */
function fsyncFloor(path, count, round) {
  return timeNode(`
    const fs = require('node:fs');
    const data = ${JSON.stringify(data)};
    const fd = fs.openSync(${JSON.stringify(path)}, 'a');
    const started = performance.now();
    for (let i = 0; i < ${count}; i++) {
      const line = JSON.stringify({ receivedAt: new Date().toISOString(), type: 'release_gate.callback',
        webhookId: 'msg_floor_${round}_' + i, data }) + '\\n';
      fs.writeSync(fd, line); fs.fsyncSync(fd);
    }
    console.log(JSON.stringify({ ms: performance.now() - started }));`);
}

function timeNode(script) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`exit ${code}`))));
  });
}

const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
function post(url, agent, id) {
  const body = JSON.stringify({ type: 'release_gate.callback', timestamp: new Date().toISOString(), data });
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/internal/release-gate/callbacks`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': `v1,${signature}`,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** CONCURRENCY senders share `count` events; returns acknowledged (202) events per second. */
async function load(url, count, round) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let next = 0;
  let acknowledged = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const id = `msg_load_${round}_${next++}`;
        if ((await post(url, agent, id)) === 202) acknowledged += 1;
      }
    }),
  );
  const ms = performance.now() - started;
  agent.destroy();
  if (acknowledged !== count) throw new Error(`only ${acknowledged} of ${count} events acknowledged`);
  return { ms, perSecond: (acknowledged / ms) * 1000 };
}

const dir = await mkdtemp(join(tmpdir(), 'receiver-bench-'));
try {
  const { bavail, bsize } = await statfs(dir);
  const freeMb = (bavail * bsize) / 1024 / 1024;
  const logMb = Math.min(WANTED_MB, Math.floor(freeMb / 3));
  const scaledNote =
    logMb < WANTED_MB ? `scaled down from ${WANTED_MB} MB: ${Math.round(freeMb)} MB free` : undefined;
  if (scaledNote) console.log(scaledNote);

  // 1. Start over a large log.
  const bigLog = join(dir, 'big.jsonl');
  const generated = performance.now();
  const lines = await writeLog(bigLog, logMb * 1024 * 1024);
  const fileMb = round((await stat(bigLog)).size / 1024 / 1024);
  console.log(
    `generated ${fileMb} MB (${lines} events) in ${round((performance.now() - generated) / 1000)}s`,
  );
  const empty = [];
  const big = [];
  const reads = [];
  for (let i = 0; i < 2; i++) {
    const emptyRun = await startReceiver(join(dir, `empty-${i}.jsonl`));
    await emptyRun.stop();
    empty.push(emptyRun);
    reads.push(await bareRead(bigLog));
    const bigRun = await startReceiver(bigLog);
    const agent = new Agent({ keepAlive: false });
    const replay = await post(bigRun.url, agent, 'msg_recent');
    await bigRun.stop();
    if (replay !== 200) throw new Error(`the recent event replayed after start got ${replay}, not 200`);
    big.push(bigRun);
    console.log(
      `start over ${fileMb} MB: ${round(bigRun.ms)} ms, peak RSS ${bigRun.peakRssMb} MB (empty log ${round(emptyRun.ms)} ms, ${emptyRun.peakRssMb} MB; bare read ${round(reads.at(-1).ms)} ms)`,
    );
  }
  await rm(bigLog);
  const fastest = (runs) => Math.min(...runs.map((run) => run.ms));
  const start = {
    logMb: fileMb,
    events: lines,
    ...(scaledNote ? { note: scaledNote } : {}),
    ms: round(fastest(big)),
    peakRssMb: Math.max(...big.map((run) => run.peakRssMb)),
    emptyLog: { ms: round(fastest(empty)), peakRssMb: Math.max(...empty.map((run) => run.peakRssMb)) },
    bareReadMs: round(fastest(reads)),
    msPerGb: round(((fastest(big) - fastest(empty)) / fileMb) * 1024),
    ratioToBareRead: ratio(fastest(big) - fastest(empty), fastest(reads)),
  };

  // 2. Acknowledged events per second against the fsync floor, rounds interleaved.
  const receiverRates = [];
  const floorRates = [];
  for (let round_ = 0; round_ < ROUNDS; round_++) {
    const floor = await fsyncFloor(join(dir, `floor-${round_}.jsonl`), EVENTS_PER_ROUND, round_);
    floorRates.push((EVENTS_PER_ROUND / floor.ms) * 1000);
    const receiver = await startReceiver(join(dir, `load-${round_}.jsonl`));
    const measured = await load(receiver.url, EVENTS_PER_ROUND, round_);
    await receiver.stop();
    receiverRates.push(measured.perSecond);
    console.log(
      `round ${round_ + 1}: receiver ${Math.round(measured.perSecond)} acknowledged events/s (${CONCURRENCY} in flight), fsync floor ${Math.round(floorRates.at(-1))} lines/s`,
    );
  }
  const throughput = {
    concurrency: CONCURRENCY,
    eventsPerRound: EVENTS_PER_ROUND,
    rounds: ROUNDS,
    acknowledgedPerSecond: Math.round(median(receiverRates)),
    fsyncFloorPerSecond: Math.round(median(floorRates)),
    ratioToFloor: ratio(median(receiverRates), median(floorRates)),
    all: { receiver: receiverRates.map(Math.round), floor: floorRates.map(Math.round) },
  };

  const result = {
    benchmark: 'receiver',
    description:
      'release-gate receiver (CLI bundle, own process): start over a large event log vs an empty one and a bare read of the file; acknowledged signed events per second under bounded concurrency vs an append+fsync loop of the same lines',
    node: process.version,
    start,
    throughput,
  };
  await writeFile(join(root, 'bench/results/receiver.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
} finally {
  await rm(dir, { recursive: true, force: true });
}
