// Secrets that leak through what servers echo back: every action that takes a secret URL, run as its
// bundle against a server that repeats one part of that URL (userinfo, a query token, a path-segment
// token, a host-label token) through one channel (an error body, a status URL's body, an error message,
// a redirect's Location, a DNS failure, a refused connection). Everything the run wrote is scanned for
// the part as is, percent-encoded, JSON-escaped and lower-cased.
import { randomBytes } from 'node:crypto';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { runBundle } from '../harness/action.js';
import { runCli } from '../harness/cli.js';
import { leakedParts, readTree, visibleOutput } from '../harness/secrets.js';
import {
  closedPort,
  ECHO_CHANNELS,
  type EchoChannel,
  type EchoServer,
  startEchoServer,
} from './echo-server.js';

const SIGNING_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const CONCURRENCY = 8;

const URL_PARTS = ['userinfo', 'query-token', 'path-token', 'host-label-token'] as const;
type UrlPart = (typeof URL_PARTS)[number];

/** A fresh credential-looking value per case (mixed case and digits, so every form differs). */
function token(part: UrlPart): string {
  const random = randomBytes(18).toString('base64url').replace(/[-_]/g, 'x');
  switch (part) {
    case 'userinfo':
      return `Pw7${random}`;
    case 'query-token':
      // base64 with `+` and `/`: its percent-encoded form is another string.
      return `Qt7${random.slice(0, 10)}+${random.slice(10)}/Z`;
    case 'path-token':
      return `Hk7${random}`;
    case 'host-label-token':
      return `Ht7${random.slice(0, 20)}`;
  }
}

/** Where the secret URL points for a channel: the echo server, a closed port, or a name that does not resolve. */
interface Endpoint {
  /** `scheme://host[:port]` with `{host-label}` where a host-label token goes. */
  origin: string;
  env: Record<string, string | undefined>;
}

/** The secret URL with the part in its place (the rest of the URL is plain). */
function secretUrl(part: UrlPart, value: string, origin: string, path: string): string {
  const at = origin.indexOf('//') + 2;
  switch (part) {
    case 'userinfo':
      return `${origin.slice(0, at)}relgate:${value}@${origin.slice(at)}${path}`;
    case 'query-token':
      return `${origin}${path}?env=staging&token=${value}`;
    case 'path-token': {
      const [first, ...rest] = path.split('/').filter(Boolean);
      return `${origin}/${first}/${[rest[0], value, ...rest.slice(1)].filter(Boolean).join('/')}`;
    }
    case 'host-label-token':
      return `${origin.slice(0, at)}${value}.${origin.slice(at)}${path}`;
  }
}

interface Action {
  name: string;
  /** Which of its secret URLs carries the part. */
  target: string;
  /** The channels this action can meet (a status URL only where the action waits on one). */
  channels: readonly EchoChannel[];
  inputs(url: string, health: string): Record<string, string>;
  /** Gate steps merge into the report; the report step then bundles it (summary.json, summary.md, logs/). */
  gate: boolean;
}

const NO_STATUS = ECHO_CHANNELS.filter((channel) => channel !== 'status-body');
const webhook = { timeout: '2s', deadline: '4s', 'max-attempts': '1', environment: 'staging' };

const ACTIONS: Action[] = [
  {
    name: 'deploy-webhook',
    target: 'webhook-url',
    channels: ECHO_CHANNELS,
    gate: true,
    inputs: (url) => ({ ...webhook, 'webhook-url': url, wait: 'true', 'poll-interval': '100ms' }),
  },
  {
    name: 'trigger-rollback',
    target: 'webhook-url',
    channels: ECHO_CHANNELS,
    gate: true,
    inputs: (url) => ({
      ...webhook,
      'webhook-url': url,
      'rollback-ref': 'v1.2.2',
      wait: 'true',
      'poll-interval': '100ms',
    }),
  },
  {
    name: 'rollback-verify',
    target: 'webhook-url',
    channels: NO_STATUS,
    gate: true,
    inputs: (url, health) => ({
      urls: health,
      environment: 'staging',
      'webhook-url': url,
      'webhook-timeout': '2s',
      'webhook-deadline': '4s',
      'webhook-max-attempts': '1',
    }),
  },
  {
    name: 'rollback-verify',
    target: 'metrics-url',
    channels: NO_STATUS,
    gate: true,
    inputs: (url, health) => ({
      urls: health,
      environment: 'staging',
      'metrics-url': url,
      'webhook-timeout': '2s',
      'webhook-deadline': '4s',
      'webhook-max-attempts': '1',
    }),
  },
  {
    name: 'smoke',
    target: 'urls',
    channels: NO_STATUS,
    gate: true,
    inputs: (url) => ({
      urls: url,
      environment: 'staging',
      timeout: '2s',
      deadline: '4s',
      'max-attempts': '1',
    }),
  },
  {
    name: 'evidence',
    target: 'receiver-url',
    channels: NO_STATUS,
    gate: false,
    inputs: (url) => ({
      kind: 'receiver-validation',
      'receiver-url': url,
      'signing-secret': SIGNING_SECRET,
      timeout: '2s',
      'fail-on-failed': 'false',
    }),
  },
];

interface Case {
  label: string;
  action: Action;
  channel: EchoChannel;
  part: UrlPart;
}

const cases: Case[] = ACTIONS.flatMap((action) =>
  action.channels.flatMap((channel) =>
    URL_PARTS.map((part) => ({
      label: `${action.name} ${action.target} x ${channel} x ${part}`,
      action,
      channel,
      part,
    })),
  ),
);

let echo: EchoServer;
let refusedPort: number;
beforeAll(async () => {
  echo = await startEchoServer();
  refusedPort = await closedPort();
});
afterAll(() => echo.close());

/** Where the URL goes: the echo server (through it as a proxy when the host carries the part), a closed port, `.invalid`. */
function endpoint(channel: EchoChannel, part: UrlPart): Endpoint {
  const viaProxy = part === 'host-label-token';
  const direct = { NO_PROXY: '127.0.0.1', HTTP_PROXY: undefined, http_proxy: undefined };
  if (channel === 'dns-failure') return { origin: 'http://hooks.invalid', env: direct };
  if (channel === 'connection-refused') {
    return viaProxy
      ? {
          origin: 'http://hooks.example.test',
          env: { ...direct, HTTP_PROXY: `http://127.0.0.1:${refusedPort}` },
        }
      : { origin: `http://127.0.0.1:${refusedPort}`, env: direct };
  }
  return viaProxy
    ? { origin: 'http://hooks.example.test', env: { ...direct, HTTP_PROXY: echo.proxy } }
    : { origin: echo.url, env: direct };
}

/** A fresh secret for the part, registered with the echo server, in a URL that meets the channel. */
function echoedSecretUrl(channel: EchoChannel, part: UrlPart) {
  const value = token(part);
  const id = echo.add({ channel, part: value });
  const { origin, env } = endpoint(channel, part);
  return { value, env, url: secretUrl(part, value, origin, `/c/${id}/hooks/deploy`) };
}

/** Checks every case, CONCURRENCY at a time; each check returns what leaked (empty when nothing did). */
async function leaksOf<T>(
  items: readonly T[],
  check: (item: T) => Promise<string | undefined>,
): Promise<string[]> {
  const leaks: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const leak = await check(items[next++]!);
      if (leak) leaks.push(leak);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return leaks.sort();
}

async function runCase(c: Case): Promise<string[]> {
  const { value, url, env } = echoedSecretUrl(c.channel, c.part);
  const run = await runBundle(c.action.name, {
    inputs: c.action.inputs(url, `${echo.url}/healthz`),
    env,
    timeoutMs: 30_000,
  });
  let written = await visibleOutput(run);
  const report = join(run.workspace, 'release-gate', 'report.json');
  if (
    c.action.gate &&
    (await access(report).then(
      () => true,
      () => false,
    ))
  ) {
    const bundled = await runBundle('report', { workspace: run.workspace, env, timeoutMs: 30_000 });
    written += await visibleOutput(bundled);
  }
  return leakedParts(written, { [c.part]: value });
}

test('no part of a secret URL that a server echoes back reaches anything an action writes', async () => {
  const started = performance.now();
  const leaks = await leaksOf(cases, async (c) => {
    const found = await runCase(c);
    return found.length ? `${c.label}: ${found.join(', ')}` : undefined;
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `leak fuzz: ${cases.length} cases (${ACTIONS.length} action targets x up to ${ECHO_CHANNELS.length} echo channels x ${URL_PARTS.length} URL parts) in ${seconds}s; ${leaks.length} leaked`,
  );
  expect(leaks).toEqual([]);
}, 120_000);

/** The CLI runs the same use cases: the same secret URL as a flag, the same echo, everything it prints and writes scanned. */
const COMMANDS: Array<{ name: string; flags(url: string, health: string): string[] }> = [
  { name: 'deploy-webhook', flags: (url) => ['--webhook-url', url, '--wait', '--poll-interval', '100ms'] },
  { name: 'trigger-rollback', flags: (url) => ['--webhook-url', url, '--rollback-ref', 'v1.2.2'] },
  { name: 'rollback-verify', flags: (url, health) => ['--url', health, '--webhook-url', url] },
  { name: 'smoke', flags: (url) => ['--url', url] },
];
const CLI_FLAGS = ['--environment', 'staging', '--timeout', '2s', '--deadline', '4s', '--max-attempts', '1'];
const VERIFY_FLAGS = ['--environment', 'staging', '--webhook-timeout', '2s', '--webhook-deadline', '4s'];

test('no part of a secret URL that a server echoes back reaches anything the CLI prints or writes', async () => {
  const cliCases = COMMANDS.flatMap((command) =>
    NO_STATUS.flatMap((channel) => URL_PARTS.map((part) => ({ command, channel, part }))),
  );
  const leaks = await leaksOf(cliCases, async ({ command, channel, part }) => {
    const { value, url, env } = echoedSecretUrl(channel, part);
    const shared = command.name === 'rollback-verify' ? VERIFY_FLAGS : CLI_FLAGS;
    const flags = [...command.flags(url, `${echo.url}/healthz`), ...shared, '--report-path', 'report.json'];
    const run = await runCli([command.name, ...flags], { env });
    const found = leakedParts([run.stdout, run.stderr, await readTree(run.cwd)].join('\n'), {
      [part]: value,
    });
    return found.length
      ? `release-gate ${command.name} x ${channel} x ${part}: ${found.join(', ')}`
      : undefined;
  });
  console.log(`leak fuzz, CLI: ${cliCases.length} cases; ${leaks.length} leaked`);
  expect(leaks).toEqual([]);
}, 120_000);

test('a probes file carries secret URLs as the urls input does: no echoed part reaches what smoke writes', async () => {
  const probeCases = NO_STATUS.flatMap((channel) => URL_PARTS.map((part) => ({ channel, part })));
  const leaks = await leaksOf(probeCases, async ({ channel, part }) => {
    const { value, url, env } = echoedSecretUrl(channel, part);
    const workspace = await mkdtemp(join(tmpdir(), 'ra-leak-probes-'));
    await writeFile(join(workspace, 'probes.json'), JSON.stringify({ probes: [{ name: 'hook', url }] }));
    const run = await runBundle('smoke', {
      workspace,
      inputs: { probes: 'probes.json', timeout: '2s', deadline: '4s', 'max-attempts': '1' },
      env,
      timeoutMs: 30_000,
    });
    // The file the user wrote holds the URL: only what smoke wrote is scanned.
    await rm(join(workspace, 'probes.json'));
    const found = leakedParts(await visibleOutput(run), { [part]: value });
    return found.length ? `smoke probes x ${channel} x ${part}: ${found.join(', ')}` : undefined;
  });
  console.log(`leak fuzz, probes file: ${probeCases.length} cases; ${leaks.length} leaked`);
  expect(leaks).toEqual([]);
}, 120_000);
