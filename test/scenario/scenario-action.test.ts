import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { releaseGateReportSchema } from '../../packages/core/src/report/schema.js';
import { type ActionRun, repoRoot, runBundle } from '../harness/action.js';
import { runCli } from '../harness/cli.js';
import { leakedSecrets, visibleOutput } from '../harness/secrets.js';
import { type ChatRoom, startChatRoom } from '../servers/chat-room.js';
import { type SsoApi, startSsoApi } from '../servers/sso-api.js';

let api: SsoApi;
let chat: ChatRoom;
beforeAll(async () => {
  [api, chat] = await Promise.all([startSsoApi(), startChatRoom()]);
});
afterAll(async () => {
  await Promise.all([api.close(), chat.close()]);
});

async function report(run: ActionRun) {
  const text = await readFile(join(run.workspace, 'release-gate/report.json'), 'utf8');
  return releaseGateReportSchema.parse(JSON.parse(text));
}

const visible = visibleOutput;

async function workspaceWith(files: Record<string, string>): Promise<string> {
  const workspace = await mkdtemp(join(tmpdir(), 'ra-scenario-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(workspace, path, '..'), { recursive: true });
    await writeFile(join(workspace, path), text);
  }
  return workspace;
}

function smoke(workspace: string, inputs: Record<string, string>, env: Record<string, string> = {}) {
  return runBundle('smoke', { inputs, env, workspace, timeoutMs: 30_000 });
}

function probe(run: Awaited<ReturnType<typeof report>>, name: string) {
  const found = run.smoke?.probes.find((p) => p.name === name);
  if (!found) throw new Error(`no probe ${name} in ${run.smoke?.probes.map((p) => p.name).join(', ')}`);
  return found;
}

/** The probes file of docs/scenario-smoke.md, pointed at the local servers. */
async function docsExample(): Promise<string> {
  const doc = await readFile(join(repoRoot, 'docs/scenario-smoke.md'), 'utf8');
  const block = /<!-- example:start -->\n```yaml\n([\s\S]*?)```\n<!-- example:end -->/.exec(doc);
  if (!block) throw new Error('docs/scenario-smoke.md has no example block');
  return block[1]!
    .replaceAll('https://api.example.com', api.base)
    .replaceAll('wss://chat.example.com', chat.wsBase);
}

describe('scenario smoke through dist/smoke/index.js', () => {
  test('the docs example passes end to end: SSO checks, chat round trip with reconnect, steps, version', async () => {
    const workspace = await workspaceWith({
      'smoke/scenarios.yml': await docsExample(),
      'scripts/chat-reconnect.mjs': "console.log('reconnectOk=true');\n",
    });
    const connectionsBefore = chat.connections;
    const run = await smoke(
      workspace,
      {
        probes: 'smoke/scenarios.yml',
        'expected-version': '2.0.0',
        'version-from': 'header:x-app-version',
        'max-attempts': '1',
      },
      { CHAT_TOKEN: chat.token, SMOKE_PASSWORD: api.password },
    );
    const gate = await report(run);
    expect({ code: run.code, result: run.outputs.result, stderr: run.stderr }).toEqual({
      code: 0,
      result: 'passed',
      stderr: '',
    });
    expect(gate.smoke?.probes.map((p) => [p.name, p.verdict])).toEqual([
      ['auth mode is sso', 'passed'],
      ['password login is closed', 'passed'],
      ['sso redirects to the identity host', 'passed'],
      ['sign-in page', 'passed'],
      ['chat round trip', 'passed'],
      ['reconnect drill', 'passed'],
      ['service-account/login', 'passed'],
      ['service-account/me', 'passed'],
    ]);
    expect(probe(gate, 'password login is closed').statusCodes).toEqual([410]);
    expect(probe(gate, 'sso redirects to the identity host')).toMatchObject({
      statusCodes: [302],
      reason: 'HTTP 302 to https://test.auth.example.com/oauth2/authorize, version 2.0.0',
    });
    expect(probe(gate, 'auth mode is sso').reason).toBe('HTTP 200, version 2.0.0');
    const chatProbe = probe(gate, 'chat round trip');
    expect(chatProbe.reason).toMatch(
      /^WebSocket conversation passed: 3 sent, 3 expected, round trip [\d.]+ms \(max [\d.]+ms\), reconnected once$/,
    );
    expect(chat.connections - connectionsBefore).toBe(2);
    expect(chatProbe.roundTrip).toEqual({
      minMs: expect.any(Number),
      p50Ms: expect.any(Number),
      p95Ms: expect.any(Number),
      maxMs: expect.any(Number),
    });
    expect(probe(gate, 'auth mode is sso')).not.toHaveProperty('roundTrip');
    expect(gate.smoke?.captured).toEqual({
      reconnectOk: true,
      chatRoundTripOk: true,
      chatSessionId: expect.stringMatching(/^s\d+$/),
      serviceAccountOk: true,
      token: '***',
      sessionUser: 'smoke-bot',
    });
    // The captured token was used: /v1/me accepted it (the server only knows tokens it issued).
    expect(api.tokens.length).toBeGreaterThan(0);
    const leaks = leakedSecrets(await visible(run), {
      token: api.tokens.at(-1)!,
      password: api.password,
      chatToken: chat.token,
    });
    expect(leaks).toEqual([]);
    // The runner was told to mask the captured token the moment it was read.
    expect(run.stdout).toContain(`::add-mask::${api.tokens.at(-1)}`);
    // The evidence chain: the guide's readiness rules pass on this report (the checklist is the guide's own).
    const doc = await readFile(join(repoRoot, 'docs/scenario-smoke.md'), 'utf8');
    await writeFile(join(workspace, 'checklist.yml'), /```yaml\n(require:[\s\S]*?)```/.exec(doc)![1]!);
    const readiness = await runCli(['readiness', '--checklist', 'checklist.yml', '--json'], {
      cwd: workspace,
    });
    const rules = (JSON.parse(readiness.stdout) as { rules: Array<{ id: string; status: string }> }).rules;
    expect(rules.filter((rule) => rule.id.startsWith('report:') || rule.id === 'latestSmokePassed')).toEqual([
      expect.objectContaining({ id: 'latestSmokePassed', status: 'passed' }),
      expect.objectContaining({ id: 'report:realtime reconnect works', status: 'passed' }),
      expect.objectContaining({ id: 'report:service account can sign in', status: 'passed' }),
    ]);
    const rtt = /round trip ([\d.]+)ms/.exec(chatProbe.reason)!;
    process.stdout.write(`ws round trip (p50) on loopback: ${rtt[1]}ms\n`);
  });

  test('each assertion failing alone is reported on its own line with expected and actual', async () => {
    const probes = `probes:
  - name: mode
    url: ${api.base}/v1/auth/mode?mode=password
    assertions:
      - { path: mode, equals: sso }
  - name: login status
    url: ${api.base}/v1/auth/login
    method: POST
    body: { user: a, password: b }
    expectedStatus: 200
  - name: login error
    url: ${api.base}/v1/auth/login
    method: POST
    body: "user=a"
    expectedStatus: 410
    assertions:
      - { path: error, equals: PasswordDisabled }
  - name: login error in
    url: ${api.base}/v1/auth/login
    method: POST
    expectedStatus: 410
    body: {}
    assertions:
      - { path: error, in: [Gone, Closed] }
  - name: field exists
    url: ${api.base}/v1/auth/mode
    assertions:
      - { path: tenant, exists: true }
  - name: json matches
    url: ${api.base}/v1/auth/mode
    assertions:
      - { path: mode, matches: "^pass" }
  - name: header contains
    url: ${api.base}/v1/auth/mode
    assertions:
      - { header: content-type, contains: xml }
  - name: cookie flags
    url: ${api.base}/v1/auth/mode
    assertions:
      - { header: set-cookie, contains: Secure }
  - name: header equals
    url: ${api.base}/v1/auth/mode
    assertions:
      - { header: X-App-Version, equals: 3.0.0 }
  - name: header missing
    url: ${api.base}/v1/auth/mode
    assertions:
      - { header: x-frame-options, matches: DENY }
  - name: text contains
    url: ${api.base}/v1/auth/sso/docs
    assertions:
      - { contains: Password }
  - name: text matches
    url: ${api.base}/v1/auth/sso/docs
    assertions:
      - { matches: "^<!doctype" }
  - name: two at once
    url: ${api.base}/v1/auth/mode?mode=password
    assertions:
      - { path: mode, equals: sso }
      - { header: x-app-version, equals: 3.0.0 }
`;
    const workspace = await workspaceWith({ 'smoke/probes.yml': probes });
    const run = await smoke(workspace, { probes: 'smoke/probes.yml', 'max-attempts': '1' });
    const gate = await report(run);
    expect(run.code).toBe(1);
    const failures = Object.fromEntries(gate.smoke!.probes.map((p) => [p.name, p.failures]));
    expect(failures).toEqual({
      mode: ['mode: expected equals "sso", got "password"'],
      'login status': ['expected 200, got 410'],
      'login error': ['error: expected equals "PasswordDisabled", got "SsoOnly"'],
      'login error in': ['error: expected in ["Gone","Closed"], got "SsoOnly"'],
      'field exists': ['tenant: expected exists, got (missing)'],
      'json matches': ['mode: expected matches /^pass/, got "sso"'],
      'header contains': ['header content-type: expected contains "xml", got "application/json"'],
      'cookie flags': ['header set-cookie: expected contains "Secure", got *** (38 characters, not shown)'],
      'header equals': ['header x-app-version: expected equals "3.0.0", got "2.0.0"'],
      'header missing': ['header x-frame-options: expected matches /DENY/, got (missing)'],
      'text contains': [
        'body text: expected contains "Password", got "<html><body><h1>Sign in with your company account</h1></body></html>"',
      ],
      'text matches': [
        'body text: expected matches /^<!doctype/, got "<html><body><h1>Sign in with your company account</h1></body></html>"',
      ],
      'two at once': [
        'mode: expected equals "sso", got "password"',
        'header x-app-version: expected equals "3.0.0", got "2.0.0"',
      ],
    });
    expect(gate.smoke!.failedCount).toBe(13);
    // Cookie values are never shown, even though nothing registered them as secrets.
    expect(
      leakedSecrets(await visible(run), Object.fromEntries(api.cookies.map((c, i) => [`cookie${i}`, c]))),
    ).toEqual([]);
    // Both failures of one probe, each on its own line, in the log and the summary.
    expect(run.stdout).toContain('\n  - mode: expected equals "sso", got "password"');
    expect(run.stdout).toContain('\n  - header x-app-version: expected equals "3.0.0", got "2.0.0"');
    expect(run.summary).toContain('<br>• header x-app-version: expected equals "3.0.0", got "2.0.0"');
  });

  test('a redirect to the wrong identity host fails and names the host it went to', async () => {
    const workspace = await workspaceWith({
      'smoke/probes.yml': `- name: sso start
  url: ${api.base}/v1/auth/sso/start?provider=google&host=evil.example.net
  followRedirects: false
  assertions:
    - header: location
      matches: ^https://test\\.auth\\.example\\.com/
`,
    });
    const run = await smoke(workspace, { probes: 'smoke/probes.yml', 'max-attempts': '1' });
    const gate = await report(run);
    expect(run.code).toBe(1);
    expect(probe(gate, 'sso start')).toMatchObject({
      statusCodes: [302],
      failures: [
        'header location: expected matches /^https://test\\.auth\\.example\\.com//, got "https://evil.example.net/oauth2/authorize?client_id=shop&provider=google&state=st-123"',
      ],
    });
    expect(run.stdout).toContain('::error title=Smoke probe failed::sso start');
  });

  test('a socket that never answers fails at the expect timeout with a clear reason', async () => {
    const workspace = await workspaceWith({
      'smoke/probes.yml': `- name: silent room
  url: ${chat.wsBase}/silent
  script:
    - send: { type: join, room: smoke }
    - expect: { path: type, equals: joined }
      within: 300ms
- name: closing room
  url: ${chat.wsBase}/closing
  script:
    - send: ping
    - expect: { contains: pong }
- name: noisy room
  url: ${chat.wsBase}/chat
  headers: { Authorization: "Bearer ${chat.token}" }
  script:
    - send: { type: join, room: noisy }
    - expect: { path: type, equals: left }
      within: 300ms
- name: no token
  url: ${chat.wsBase}/chat
  script:
    - send: ping
    - expect: { contains: pong }
`,
    });
    const started = performance.now();
    const run = await smoke(workspace, { probes: 'smoke/probes.yml', 'max-attempts': '1', timeout: '2s' });
    const elapsed = performance.now() - started;
    const gate = await report(run);
    expect(run.code).toBe(1);
    expect(probe(gate, 'silent room').reason).toBe(
      'script step 2 (expect type equals "joined"): no matching message within 300ms; no message arrived',
    );
    expect(probe(gate, 'silent room').latency!.maxMs).toBeGreaterThanOrEqual(290);
    expect(probe(gate, 'silent room').latency!.maxMs).toBeLessThan(1500);
    expect(probe(gate, 'closing room').reason).toBe(
      'script step 2 (expect message contains "pong"): the server closed the connection (code 1011) before a matching message; no message arrived',
    );
    // The welcome and the join answer arrived; neither matched, and the last one is shown.
    expect(probe(gate, 'noisy room').reason).toMatch(
      /^script step 2 \(expect type equals "left"\): no matching message within 300ms; 2 other message\(s\), last: "\{\\"type\\":\\"joined\\",\\"room\\":\\"noisy\\",\\"members\\":1,\\"sessionId\\":\\"s\d+\\"\}"$/,
    );
    expect(probe(gate, 'no token').reason).toBe('expected 101 (WebSocket handshake), got 401');
    expect(elapsed).toBeLessThan(10_000);
  });

  test('the bearer-token input opens a scripted WebSocket and never shows up', async () => {
    const workspace = await workspaceWith({
      'smoke/probes.yml': `- name: chat
  url: ${chat.wsBase}/chat
  script:
    - send: ping
    - expect: { matches: "^pong$" }
      within: 1s
`,
    });
    const run = await smoke(workspace, { probes: 'smoke/probes.yml', 'bearer-token': chat.token });
    const gate = await report(run);
    expect(run.code).toBe(0);
    expect(probe(gate, 'chat').reason).toMatch(
      /^WebSocket conversation passed: 1 sent, 1 expected, round trip/,
    );
    expect(leakedSecrets(await visible(run), { token: chat.token })).toEqual([]);
  });

  test('a captured token never leaks, even when a careless endpoint echoes it in a failure', async () => {
    const probes = `steps:
  - name: login
    url: ${api.base}/v1/session
    body: { user: smoke-bot, password: "{{ env.SMOKE_PASSWORD }}" }
    expectedStatus: 201
    capture:
      token: session.token
      headerToken: { header: x-session-token }
  - name: me
    url: ${api.base}/v1/me
    headers: { Authorization: "Bearer {{ steps.login.token }}" }
  - name: echo
    url: ${api.base}/v1/echo?session={{ steps.login.headerToken }}
    headers: { Authorization: "Bearer {{ steps.login.token }}" }
    assertions:
      - { path: youSent, equals: something-else }
      - { contains: nothing-like-this }
  - name: after
    url: ${api.base}/v1/me
`;
    const workspace = await workspaceWith({ 'smoke/probes.yml': probes });
    const run = await smoke(
      workspace,
      { probes: 'smoke/probes.yml', 'max-attempts': '2' },
      { SMOKE_PASSWORD: api.password, RUNNER_DEBUG: '1' },
    );
    const gate = await report(run);
    const token = api.tokens.at(-1)!;
    expect(run.code).toBe(1);
    expect(probe(gate, 'steps/login').verdict).toBe('passed');
    expect(probe(gate, 'steps/me').verdict).toBe('passed');
    const echo = probe(gate, 'steps/echo');
    expect(echo.verdict).toBe('failed');
    expect(echo.failures).toEqual([
      'youSent: expected equals "something-else", got "***"',
      'body text: expected contains "nothing-like-this", got "{\\"youSent\\":\\"***\\"}"',
    ]);
    expect(echo.target).toBe(`${api.base}/v1/echo?session=***`);
    expect(probe(gate, 'steps/after').reason).toBe(
      "not run: step 'echo' of scenario 'steps' failed before it",
    );
    expect(probe(gate, 'steps/after').attempts).toBe(0);
    expect(gate.smoke?.captured).toEqual({ token: '***', headerToken: '***' });
    const seen = await visible(run);
    expect(leakedSecrets(seen, { token, password: api.password })).toEqual([]);
    // The failure really was printed (redacted), so the scan looked at text that had the token in it.
    expect(seen).toContain('youSent: expected equals "something-else", got "***"');
    expect(run.stdout).toContain(`::add-mask::${token}`);
    expect(run.stdout).toContain(`::add-mask::${api.password}`);
  });

  test('expected-version: old pods answering 200 do not pass; the new version passes after the rollout', async () => {
    const workspace = await workspaceWith({});
    const urls = [
      `${api.base}/v1/health?seq=old_old_new&k=rollout`,
      `${api.base}/v1/health?seq=old&k=stuck`,
    ].join('\n');
    const run = await smoke(workspace, {
      urls,
      'expected-version': '2.0.0',
      'version-from': 'header:x-app-version',
      'max-attempts': '3',
    });
    const gate = await report(run);
    expect(run.code).toBe(1);
    const [rollout, stuck] = gate.smoke!.probes;
    expect(gate.smoke!.expectedVersion).toEqual({
      version: '2.0.0',
      sources: ['header x-app-version'],
      probes: 2,
    });
    expect(run.summary).toContain('_2 probe(s) had to report version `2.0.0` (header x-app-version)._');
    expect(rollout).toMatchObject({ verdict: 'passed', attempts: 3, statusCodes: [200, 200, 200] });
    expect(stuck).toMatchObject({
      verdict: 'failed',
      attempts: 3,
      statusCodes: [200, 200, 200],
      failures: ['version (header x-app-version): expected "2.0.0", got "1.9.0"'],
      reason: 'version (header x-app-version): expected "2.0.0", got "1.9.0" after 3 attempts',
    });
  });

  test('expected-version from a JSON path with a short sha; consecutive successes need N new answers in a row', async () => {
    const workspace = await workspaceWith({});
    const run = await smoke(workspace, {
      urls: [
        `${api.base}/v1/health?seq=new_old_new_new_new&k=flap`,
        `${api.base}/v1/health?seq=new_old_new_old_new_old&k=mixed`,
      ].join('\n'),
      'expected-version': 'c0ffee1',
      'version-from': 'build.sha',
      'consecutive-successes': '3',
      'max-attempts': '2',
    });
    const gate = await report(run);
    const [flap, mixed] = gate.smoke!.probes;
    expect(flap).toMatchObject({
      verdict: 'passed',
      attempts: 5,
      reason: `HTTP 200, version ${'c0ffee1'.padEnd(40, '0')}, 3 in a row after 5 attempts`,
    });
    expect(mixed).toMatchObject({ verdict: 'failed', attempts: 4 });
    expect(mixed!.failures).toEqual([
      `version (body build.sha): expected "c0ffee1", got "${'b'.repeat(40)}"`,
    ]);
    expect(run.code).toBe(1);
  });

  test('warmup waits before the first probe; the deadline starts after it', async () => {
    const workspace = await workspaceWith({});
    let spawnedAt = 0;
    const key = `${api.base}/v1/health?k=warmup-${Date.now()}`;
    const run = await runBundle('smoke', {
      inputs: { urls: key, warmup: '600ms', deadline: '5s' },
      workspace,
      onSpawn: () => {
        spawnedAt = performance.now();
      },
    });
    expect(run.code).toBe(0);
    const first = api.times.get(new URL(key).pathname + new URL(key).search)![0]!;
    expect(first - spawnedAt).toBeGreaterThanOrEqual(600);
    const gate = await report(run);
    expect(gate.smoke!.durationMs).toBeLessThan(600);
    expect(gate.smoke!.policy?.warmupMs).toBe(600);
  });

  test('smoke/action.yml descriptions hold no ${{ }} (GitHub evaluates them when it loads the action)', async () => {
    const text = await readFile(join(repoRoot, 'smoke/action.yml'), 'utf8');
    const action = parseYaml(text) as { inputs: Record<string, { description: string }> };
    const offending = Object.entries(action.inputs)
      .filter(([, spec]) => spec.description.includes('${{'))
      .map(([name]) => name);
    expect(offending).toEqual([]);
    expect(Object.keys(action.inputs)).toEqual(
      expect.arrayContaining(['expected-version', 'version-from', 'warmup']),
    );
  });

  test('invalid scenario inputs and files fail at once, naming the input or the step', async () => {
    const workspace = await workspaceWith({
      'bad-ref.yml': `steps:
  - name: login
    url: ${api.base}/v1/session
  - name: me
    url: ${api.base}/v1/me
    headers: { Authorization: "Bearer {{ steps.login.token }}" }
`,
      'bad-script.yml': `- url: ${chat.wsBase}/chat
  script:
    - send: hi
      expect: { contains: hi }
`,
    });
    const noSource = await smoke(workspace, { urls: `${api.base}/v1/health`, 'expected-version': '2.0.0' });
    expect(noSource.code).toBe(1);
    expect(noSource.stdout).toContain(
      "Input 'version-from' is required when Input 'expected-version' is set",
    );
    const badSource = await smoke(workspace, {
      urls: `${api.base}/v1/health`,
      'expected-version': '2.0.0',
      'version-from': 'header:',
    });
    expect(badSource.stdout).toContain(
      "Input 'version-from' 'header:' is invalid: 'header:' names no header",
    );
    const badRef = await smoke(workspace, { probes: 'bad-ref.yml' });
    expect(badRef.code).toBe(1);
    expect(badRef.stdout).toContain(
      "input 'probes' file 'bad-ref.yml', scenario 'steps', step 2: {{ steps.login.token }}: step 'login' captures no 'token' (it captures: nothing)",
    );
    const badScript = await smoke(workspace, { probes: 'bad-script.yml' });
    expect(badScript.stdout).toContain(
      'each script step is one of send, expect or reconnect (got send, expect)',
    );
    const missingEnv = await smoke(
      await workspaceWith({
        'p.yml': `- url: ${api.base}/v1/me\n  headers: { Authorization: "Bearer {{ env.NOT_SET_ANYWHERE }}" }\n`,
      }),
      { probes: 'p.yml' },
    );
    expect(missingEnv.stdout).toContain(
      '{{ env.NOT_SET_ANYWHERE }}: the environment variable NOT_SET_ANYWHERE is not set',
    );
  });
});
