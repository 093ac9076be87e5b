import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChatRoom, startChatRoom } from '../../../test/servers/chat-room.js';
import { type SsoApi, startSsoApi } from '../../../test/servers/sso-api.js';
import { runSmoke } from '../src/probes/engine.js';
import { loadProbes, parseProbesText } from '../src/probes/load.js';
import { sameVersion } from '../src/probes/scenario/checks.js';
import { parseValueSource } from '../src/probes/scenario/schema.js';
import { renderTemplate, templateRefs } from '../src/probes/scenario/template.js';
import type { SmokePolicyInput } from '../src/probes/schema.js';
import { Redactor } from '../src/redact.js';
import { smokeSectionSchema } from '../src/report/smoke-section.js';

const FAST: SmokePolicyInput = { timeoutMs: 2000, deadlineMs: 10_000, backoffBaseMs: 10, backoffCapMs: 50 };

let api: SsoApi;
let chat: ChatRoom;
let slow: Server;
let slowBase = '';
/** Per path: [start, end] of each request to the slow server (performance.now). */
const spans = new Map<string, Array<[number, number]>>();
beforeAll(async () => {
  [api, chat] = await Promise.all([startSsoApi(), startChatRoom()]);
  slow = createServer((req, res) => {
    const start = performance.now();
    setTimeout(() => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      spans.set(path, [...(spans.get(path) ?? []), [start, performance.now()]]);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `id-${path.slice(1)}` }));
    }, 150);
  });
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
  slowBase = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await Promise.all([api.close(), chat.close(), new Promise((resolve) => slow.close(resolve))]);
});

async function probesFrom(text: string) {
  const dir = await mkdtemp(join(tmpdir(), 'ra-scenario-unit-'));
  await writeFile(join(dir, 'probes.yml'), text);
  return loadProbes({ probesFile: 'probes.yml', baseDir: dir });
}

describe('templates', () => {
  test.each([
    ['Bearer {{ steps.login.token }}', [{ kind: 'step', step: 'login', capture: 'token' }]],
    [
      '{{env.PASSWORD}}-{{ steps.a-b.c_d }}',
      [
        { kind: 'env', name: 'PASSWORD' },
        { kind: 'step', step: 'a-b', capture: 'c_d' },
      ],
    ],
    ['no templates here', []],
  ])('%s', (text, refs) => {
    expect(templateRefs(text)).toEqual({ refs });
  });

  test.each([['{{ steps.login }}'], ['{{ secrets.X }}'], ['{{ env.A | upper }}']])(
    '%s is refused',
    (text) => {
      expect(templateRefs(text).error).toMatch(
        /is not a template; use \{\{ steps\.<step>\.<capture> \}\} or \{\{ env\.<NAME> \}\}/,
      );
    },
  );

  test('renders every reference', () => {
    const out = renderTemplate('a={{ steps.s.x }}&b={{ env.B }}', (ref) =>
      ref.kind === 'env' ? 'B!' : 'X!',
    );
    expect(out).toBe('a=X!&b=B!');
  });
});

describe('version sources and matching', () => {
  test.each([
    ['header:x-app-version', { from: 'header', header: 'x-app-version' }],
    ['header: X-App-Version', { from: 'header', header: 'x-app-version' }],
    ['version', { from: 'body', path: 'version' }],
    ['body:build.sha', { from: 'body', path: 'build.sha' }],
    ['items[0].version', { from: 'body', path: 'items[0].version' }],
  ])('%s', (raw, source) => {
    expect(parseValueSource(raw)).toEqual(source);
  });

  test.each([['header:'], ['a..b'], ['']])('%j is refused with an example', (raw) => {
    expect(parseValueSource(raw)).toMatch(/use e\.g\./);
  });

  test.each([
    ['2.0.0', '2.0.0', true],
    ['v2.0.0', '2.0.0', true],
    ['2.0.0', 'v2.0.0', true],
    ['2.0.1', '2.0.0', false],
    ['2.0.0-rc1', '2.0.0', false],
    ['c0ffee1', `c0ffee1${'0'.repeat(33)}`, true],
    [`C0FFEE1${'0'.repeat(33)}`, 'c0ffee1', true],
    ['c0ffee', `c0ffee${'0'.repeat(34)}`, false],
    ['b'.repeat(40), 'c0ffee1', false],
  ])('reported %s, expected %s: %s', (reported, expected, same) => {
    expect(sameVersion(reported, expected)).toBe(same);
  });
});

describe('probes file validation', () => {
  const cases: Array<[string, string, RegExp]> = [
    [
      'assertion without a subject',
      '- url: https://a.example/x\n  assertions:\n    - { equals: sso }\n',
      /an assertion needs a path \(JSON body.*a header.*or only contains\/matches for the body text/,
    ],
    [
      'two operators on a header',
      '- url: https://a.example/x\n  assertions:\n    - { header: location, matches: a, equals: b }\n',
      /use exactly one of equals, in, matches, exists, contains \(got equals, matches\)/,
    ],
    [
      'a step without a usable name',
      'steps:\n  - name: log in\n    url: https://a.example/x\n',
      /scenario 'steps', step 1: a step needs a name of letters, digits, _ and -/,
    ],
    [
      'a reference to a later step',
      'steps:\n  - name: me\n    url: https://a.example/me\n    headers: { Authorization: "Bearer {{ steps.login.token }}" }\n  - name: login\n    url: https://a.example/login\n    capture: { token: token }\n',
      /step 1: \{\{ steps\.login\.token \}\} refers to no earlier step of scenario 'steps' \(steps run in order; earlier steps: none\)/,
    ],
    [
      'a step reference outside a scenario',
      'probes:\n  - url: https://a.example/me\n    headers: { X: "{{ steps.login.token }}" }\nsteps:\n  - name: login\n    url: https://a.example/login\n    capture: { token: token }\n',
      /probe 1: \{\{ steps\.login\.token \}\} can only be used by a step of a scenario/,
    ],
    [
      'a script on an http probe',
      '- url: https://a.example/x\n  script:\n    - send: hi\n',
      /script applies to ws:\/\/ and wss:\/\/ probes only/,
    ],
    [
      'a capture with both path and header',
      '- url: https://a.example/x\n  capture: { t: { path: a, header: b } }\n',
      /capture 't' needs exactly one of path or header/,
    ],
    [
      'a runner variable in a template',
      '- url: https://a.example/x\n  headers: { Authorization: "Bearer {{ env.ACTIONS_RUNTIME_TOKEN }}" }\n',
      /runner variables \(ACTIONS_\*, INPUT_\*, RUNNER_\*\) cannot be sent to a probe/,
    ],
    [
      'a header capture from a WebSocket message',
      '- url: ws://a.example/chat\n  script:\n    - expect: { contains: hi }\n      capture: { id: { header: x-id } }\n',
      /a message has no headers: capture from it with a path/,
    ],
    [
      'an unknown scenario key',
      'scenarios:\n  - name: a\n    steps: [{ name: s, url: "https://a.example/x" }]\n    parallel: true\n',
      /scenario 1: unknown key 'parallel' \(a scenario file has/,
    ],
    [
      'a misspelt probe field',
      '- url: https://a.example/x\n  followRedirect: false\n',
      /unknown field 'followRedirect' \(did you mean 'followRedirects'\?\)/,
    ],
    [
      'an unknown probe field with no near match',
      '- url: https://a.example/x\n  retryPolicy: fast\n',
      /known fields: .*followRedirects, capture, script, versionFrom, checkVersion, resultKey/,
    ],
  ];
  test.each(cases)('%s', async (_name, text, message) => {
    await expect(probesFrom(text)).rejects.toThrow(message);
  });

  test('a plain file without scenario fields gives the same probes as before', async () => {
    const [probe] = await parseProbesText(
      '- url: https://a.example/x\n  assertions: [{ path: a, equals: 1 }]\n',
      'f',
    );
    expect(probe).toEqual({
      url: 'https://a.example/x',
      assertions: [{ subject: 'body', path: 'a', op: { equals: 1 } }],
    });
    const [loaded] = await probesFrom('- url: https://a.example/x\n');
    expect(loaded).not.toHaveProperty('scenario');
  });

  test('headers filled from templates are secret headers; JSON bodies get a Content-Type', async () => {
    const [, me] = await probesFrom(
      'steps:\n  - { name: login, url: "https://a.example/login", body: { u: 1 }, capture: { t: token } }\n  - { name: me, url: "https://a.example/me", headers: { X-Session: "{{ steps.login.t }}" } }\n',
    );
    expect(me).toMatchObject({ secretHeaders: expect.arrayContaining(['x-session', 'authorization']) });
    const [login, form] = await probesFrom(
      '- { url: "https://a.example/login", body: { u: 1 } }\n- { url: "https://a.example/form", body: "a=1" }\n',
    );
    expect(login).toMatchObject({
      method: 'POST',
      body: '{"u":1}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(form).toHaveProperty('headers', {});
  });

  test('a JSON probes file takes scenarios too', async () => {
    const text = JSON.stringify({
      scenarios: [
        {
          name: 'json',
          steps: [
            { name: 'login', url: 'https://a.example/login', capture: { token: 'token' } },
            {
              name: 'me',
              url: 'https://a.example/me',
              headers: { Authorization: 'Bearer {{ steps.login.token }}' },
            },
          ],
        },
      ],
    });
    const entries = await parseProbesText(text, 'f.json', 'json');
    expect(entries.map((e) => e.step)).toEqual([
      { scenario: 'json', step: 'login', index: 0, count: 2 },
      { scenario: 'json', step: 'me', index: 1, count: 2 },
    ]);
  });

  test('followRedirects: false expects a redirect unless the probe says otherwise', async () => {
    const [inspect, explicit] = await probesFrom(
      '- url: https://a.example/x\n  followRedirects: false\n- url: https://a.example/y\n  followRedirects: false\n  expectedStatus: 302\n',
    );
    expect(inspect).toMatchObject({ expectedStatus: [[300, 399]], scenario: { followRedirects: false } });
    expect(explicit).toMatchObject({ expectedStatus: [[302, 302]] });
  });
});

describe('scenarios in the engine', () => {
  test('steps run in order while independent probes and other scenarios run at the same time', async () => {
    const probes = await probesFrom(`probes:
  - url: ${slowBase}/free1
  - url: ${slowBase}/free2
scenarios:
  - name: a
    steps:
      - { name: one, url: "${slowBase}/a1", capture: { id: { path: id, secret: false } } }
      - { name: two, url: "${slowBase}/a2?after={{ steps.one.id }}" }
      - { name: three, url: "${slowBase}/a3" }
  - name: b
    steps:
      - { name: one, url: "${slowBase}/b1" }
      - { name: two, url: "${slowBase}/b2" }
`);
    const started = performance.now();
    const section = await runSmoke(probes, { ...FAST, concurrency: 10 });
    const elapsed = performance.now() - started;
    expect(section.result).toBe('passed');
    const span = (path: string) => spans.get(path)!.at(-1)!;
    // In order within a scenario: each step starts after the previous one ended.
    expect(span('/a2')[0]).toBeGreaterThanOrEqual(span('/a1')[1]);
    expect(span('/a3')[0]).toBeGreaterThanOrEqual(span('/a2')[1]);
    expect(span('/b2')[0]).toBeGreaterThanOrEqual(span('/b1')[1]);
    // Concurrently across: the free probes and scenario b's first step started before a's first step ended.
    for (const path of ['/free1', '/free2', '/b1']) expect(span(path)[0]).toBeLessThan(span('/a1')[1]);
    // Three sequential 150 ms steps bound the run, not the sum of all seven requests (1050 ms).
    expect(elapsed).toBeLessThan(900);
    expect(section.captured).toEqual({ id: 'id-a1' });
  });

  test('a scenario holds one worker: with concurrency 2, another scenario runs beside it at once', async () => {
    const probes = await probesFrom(`scenarios:
  - name: long
    steps:
      - { name: one, url: "${slowBase}/h1" }
      - { name: two, url: "${slowBase}/h2" }
      - { name: three, url: "${slowBase}/h3" }
  - name: short
    steps:
      - { name: one, url: "${slowBase}/h4" }
`);
    const section = await runSmoke(probes, { ...FAST, concurrency: 2 });
    expect(section.result).toBe('passed');
    const span = (path: string) => spans.get(path)!.at(-1)!;
    // Had waiting steps held workers, /h4 would only start once /h2 began (after /h1 ended).
    expect(span('/h4')[0]).toBeLessThan(span('/h1')[1]);
    expect(span('/h3')[0]).toBeGreaterThanOrEqual(span('/h2')[1]);
  });

  test('a WebSocket conversation with a capture, a reconnect and the round trip measured', async () => {
    const secrets: string[] = [];
    const probes = await probesFrom(`- name: chat
  url: ${chat.wsBase}/chat?delay=20
  headers: { Authorization: "Bearer ${chat.token}" }
  resultKey: chatOk
  script:
    - send: { type: join, room: r1 }
    - expect: { path: type, equals: joined }
      capture: { session: sessionId }
    - send: ping
    - expect: { matches: "^pong$" }
    - reconnect: true
    - send: { type: join, room: r1 }
    - expect: { path: members, in: [1, 2] }
`);
    const section = await runSmoke(probes, FAST, { onSecret: (value) => secrets.push(value) });
    expect(smokeSectionSchema.safeParse(section).success).toBe(true);
    const [result] = section.probes;
    expect(result).toMatchObject({ verdict: 'passed', type: 'ws' });
    const rtt = /round trip ([\d.]+)ms \(max ([\d.]+)ms\), reconnected once$/.exec(result!.reason);
    expect(rtt).not.toBeNull();
    // The server holds each answer back 20 ms: the round trip measures it, with a generous upper bound.
    expect(Number(rtt![1])).toBeGreaterThanOrEqual(19);
    expect(Number(rtt![2])).toBeLessThan(1000);
    // The same numbers, for evidence: three round trips (join, ping, join again after the reconnect).
    expect(result!.roundTrip!.minMs).toBeGreaterThanOrEqual(19);
    expect(Math.abs(result!.roundTrip!.maxMs - Number(rtt![2]))).toBeLessThan(1); // the reason rounds
    expect(section.captured).toEqual({ chatOk: true, session: '***' });
    expect(secrets).toEqual([expect.stringMatching(/^s\d+$/)]);
  });

  test('pipelined sends: each round trip runs from the latest send before its answer, never negative', async () => {
    const probes = await probesFrom(`- url: ${chat.wsBase}/chat?delay=30
  headers: { Authorization: "Bearer ${chat.token}" }
  script:
    - send: { type: join, room: p }
    - send: ping
    - expect: { path: type, equals: joined }
    - expect: { contains: pong }
`);
    const section = await runSmoke(probes, FAST);
    const [result] = section.probes;
    expect(result!.verdict).toBe('passed');
    // Both answers come ~30 ms after the second send (the server delays each by 30 ms).
    expect(result!.roundTrip!.minMs).toBeGreaterThanOrEqual(25);
    expect(result!.roundTrip!.maxMs).toBeLessThan(1000);
  });

  test('without a redactor from the host, captured secrets are still scrubbed from reasons', async () => {
    const probes = await probesFrom(`steps:
  - name: login
    url: ${api.base}/v1/session
    body: { user: smoke-bot, password: "{{ env.SCENARIO_UNIT_PASSWORD }}" }
    expectedStatus: 201
    capture: { token: session.token }
  - name: echo
    url: ${api.base}/v1/echo
    headers: { Authorization: "Bearer {{ steps.login.token }}" }
    resultKey: echoOk
    assertions: [{ path: youSent, equals: nope }]
`).catch((error) => error as Error);
    // The env variable is checked at load: unset, the file is refused.
    expect(probes).toBeInstanceOf(Error);
    process.env.SCENARIO_UNIT_PASSWORD = api.password;
    try {
      const loaded = await probesFrom(`steps:
  - name: login
    url: ${api.base}/v1/session
    body: { user: smoke-bot, password: "{{ env.SCENARIO_UNIT_PASSWORD }}" }
    expectedStatus: 201
    capture: { token: session.token }
  - name: echo
    url: ${api.base}/v1/echo
    headers: { Authorization: "Bearer {{ steps.login.token }}" }
    resultKey: echoOk
    assertions: [{ path: youSent, equals: nope }]
`);
      const section = await runSmoke(loaded, { ...FAST, maxAttempts: 1 });
      const text = JSON.stringify(section);
      expect(text).not.toContain(api.tokens.at(-1)!);
      expect(text).not.toContain(api.password);
      expect(section.probes[1]!.failures).toEqual(['youSent: expected equals "nope", got "***"']);
      expect(section.captured).toEqual({ token: '***', echoOk: false });
    } finally {
      delete process.env.SCENARIO_UNIT_PASSWORD;
    }
  });

  test('a host redactor learns captured secrets too (the CLI scrubs its own output with it)', async () => {
    const redactor = new Redactor();
    const probes = await probesFrom(`steps:
  - name: login
    url: ${api.base}/v1/session
    body: { user: smoke-bot, password: wrong }
    expectedStatus: 401
    capture: { code: { path: error, secret: true } }
`);
    await runSmoke(probes, FAST, { redactor });
    expect(redactor.redact('error BadLogin')).toBe('error ***');
  });

  test('cancelling a scenario reports the later steps as cancelled, not as failed by the earlier one', async () => {
    const probes = await probesFrom(
      `steps:\n  - { name: one, url: "${slowBase}/c1" }\n  - { name: two, url: "${slowBase}/c2" }\n`,
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const section = await runSmoke(probes, FAST, { signal: controller.signal });
    expect(section.cancelled).toBe(true);
    expect(section.probes[0]!.reason).toMatch(/cancelled/);
    expect(section.probes[1]!.reason).toBe('not run: cancelled');
  });

  test('warmup delays the first probe and is not counted in the run time', async () => {
    const probes = await loadProbes({ urls: `${slowBase}/warm` });
    const started = performance.now();
    const section = await runSmoke(probes, { ...FAST, warmupMs: 300 });
    expect(spans.get('/warm')!.at(-1)![0] - started).toBeGreaterThanOrEqual(295);
    expect(section.durationMs).toBeLessThan(300 + 150);
  });
});

/**
 * A rolling deploy on 127.0.0.1: `POST /pods/<key>?seq=old_new` answers each request to `<key>` from
 * the next pod of the sequence (the last repeating) with 201, its `x-app-version` and a fresh session
 * `{ session: { token, user: "user-<version>" } }`: an old pod answers, it just runs the old version.
 */
async function startRollingPods() {
  const served = new Map<string, number>();
  const tokens: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const seq = (url.searchParams.get('seq') ?? 'new').split('_');
    const count = served.get(url.pathname) ?? 0;
    served.set(url.pathname, count + 1);
    const version = seq[Math.min(count, seq.length - 1)] === 'old' ? '1.9.0' : '2.0.0';
    const token = `tok-${version}-${count}-${'x'.repeat(16)}`;
    tokens.push(token);
    res.writeHead(201, { 'content-type': 'application/json', 'x-app-version': version });
    res.end(JSON.stringify({ session: { token, user: `user-${version}` } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, tokens, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('captures are evidence only from answers that passed', () => {
  let pods: Awaited<ReturnType<typeof startRollingPods>>;
  beforeAll(async () => {
    pods = await startRollingPods();
  });
  afterAll(() => pods.close());

  async function heldToTheNewVersion(text: string) {
    const dir = await mkdtemp(join(tmpdir(), 'ra-scenario-unit-'));
    await writeFile(join(dir, 'probes.yml'), text);
    return loadProbes({
      probesFile: 'probes.yml',
      baseDir: dir,
      defaults: {
        scenario: { expectedVersion: '2.0.0', versionFrom: { from: 'header', header: 'x-app-version' } },
      },
    });
  }

  test('a login answered by an old pod fails and captures nothing; its resultKeys are false', async () => {
    const probes = await heldToTheNewVersion(`probes:
  - name: single
    url: ${pods.base}/pods/single?seq=old
    method: POST
    expectedStatus: 201
    resultKey: singleOk
    capture: { singleUser: { path: session.user, secret: false } }
scenarios:
  - name: service-account
    resultKey: serviceAccountOk
    steps:
      - name: login
        url: ${pods.base}/pods/login?seq=old
        method: POST
        expectedStatus: 201
        resultKey: loginOk
        capture:
          token: session.token
          user: { path: session.user, secret: false }
      - name: me
        url: "${pods.base}/pods/me?token={{ steps.login.token }}"
        method: POST
        expectedStatus: 201
`);
    const section = await runSmoke(probes, { ...FAST, maxAttempts: 2 });
    expect(section.probes.map((p) => [p.name, p.verdict, p.reason])).toEqual([
      ['single', 'failed', 'version (header x-app-version): expected "2.0.0", got "1.9.0" after 2 attempts'],
      [
        'service-account/login',
        'failed',
        'version (header x-app-version): expected "2.0.0", got "1.9.0" after 2 attempts',
      ],
      [
        'service-account/me',
        'failed',
        "not run: step 'login' of scenario 'service-account' failed before it",
      ],
    ]);
    expect(section.captured).toEqual({ singleOk: false, loginOk: false, serviceAccountOk: false });
    // The old pods' tokens were still treated as secrets: never in the section.
    const text = JSON.stringify(section);
    for (const token of pods.tokens) expect(text).not.toContain(token);
  });

  test('after an old pod, the new pod that passes gives the capture', async () => {
    const probes = await heldToTheNewVersion(`- name: rollout
  url: ${pods.base}/pods/rollout?seq=old_old_new
  method: POST
  expectedStatus: 201
  capture: { user: { path: session.user, secret: false } }
`);
    const section = await runSmoke(probes, { ...FAST, maxAttempts: 5 });
    expect(section.probes[0]!.verdict).toBe('passed');
    expect(section.captured).toEqual({ user: 'user-2.0.0' });
  });

  test('a probe that fails after a passing answer (the streak broken) captures nothing', async () => {
    const probes = await heldToTheNewVersion(`- name: streak
  url: ${pods.base}/pods/streak?seq=new_old
  method: POST
  expectedStatus: 201
  resultKey: streakOk
  capture: { user: { path: session.user, secret: false } }
`);
    const section = await runSmoke(probes, {
      ...FAST,
      maxAttempts: 1,
      consecutiveSuccesses: 2,
      stabilisationIntervalMs: 10,
    });
    expect(section.probes[0]!.verdict).toBe('failed');
    expect(section.captured).toEqual({ streakOk: false });
  });

  test('a WebSocket conversation that fails after a capture captures nothing', async () => {
    const probes = await probesFrom(`- name: chat
  url: ${chat.wsBase}/chat
  headers: { Authorization: "Bearer ${chat.token}" }
  resultKey: chatOk
  script:
    - send: { type: join, room: lost }
    - expect: { path: type, equals: joined }
      capture: { session: { path: sessionId, secret: false } }
    - send: ping
    - expect: { matches: "^never$" }
      within: 100ms
`);
    const section = await runSmoke(probes, { ...FAST, maxAttempts: 1 });
    expect(section.probes[0]!.verdict).toBe('failed');
    expect(section.captured).toEqual({ chatOk: false });
  });

  test('a failed command prints key=value lines that are not captured', async () => {
    const { normaliseProbe } = await import('../src/probes/load.js');
    const section = await runSmoke([normaliseProbe({ command: 'drill', name: 'drill' }, {}, 'a')], FAST, {
      runCommand: async () => ({ exitCode: 1, stdout: 'reconnectOk=true\n', stderr: '', timedOut: false }),
    });
    expect(section.probes[0]!.verdict).toBe('failed');
    expect(section.captured).toEqual({});
  });

  test('a step whose template has no value at run time fails its scenario: resultKey false', async () => {
    process.env.SCENARIO_UNIT_LATE = 'present-at-load';
    try {
      const probes = await probesFrom(`scenarios:
  - name: late
    resultKey: lateOk
    steps:
      - { name: one, url: "${slowBase}/l1" }
      - { name: two, url: "${slowBase}/l2?v={{ env.SCENARIO_UNIT_LATE }}" }
`);
      const section = await runSmoke(probes, FAST, { env: {} });
      expect(section.probes[1]!.reason).toBe(
        'not run: the environment variable SCENARIO_UNIT_LATE is not set',
      );
      expect(section.captured).toEqual({ lateOk: false });
    } finally {
      delete process.env.SCENARIO_UNIT_LATE;
    }
  });
});
