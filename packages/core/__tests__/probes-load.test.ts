import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '../src/errors.js';
import { captureLines } from '../src/probes/evaluate.js';
import {
  classifyUrl,
  loadProbes,
  parseProbesText,
  splitCommandLine,
  splitUrlList,
} from '../src/probes/load.js';
import { smokePolicySchema } from '../src/probes/schema.js';

describe('urls lists', () => {
  test('split on commas and newlines, blanks ignored', () => {
    expect(splitUrlList('https://a/x, https://b/y\n\n  tcp://db:5432 ,')).toEqual([
      'https://a/x',
      'https://b/y',
      'tcp://db:5432',
    ]);
  });

  test.each([
    ['https://shop.example.com/healthz', 'http'],
    ['http://[::1]:8080/health', 'http'],
    ['wss://shop.example.com/socket', 'ws'],
    ['tcp://db.internal:5432', 'tcp'],
    ['tcp://[::1]:5432', 'tcp'],
  ])('%s is a %s probe', (url, type) => {
    const result = classifyUrl(url);
    expect(typeof result === 'string' ? result : result.type).toBe(type);
  });

  test.each([
    ['shop.example.com/healthz', 'is not a URL'],
    ['ftp://files.example.com/', "unsupported scheme 'ftp:'"],
    ['tcp://db.internal', 'has no port'],
  ])('%s is rejected', (url, message) => {
    expect(classifyUrl(url)).toEqual(expect.stringContaining(message));
  });

  test('a rejected URL is shown without its secrets', () => {
    expect(classifyUrl('ftp://user:hunter22@files.example.com/?token=abc123')).not.toMatch(/hunter22|abc123/);
  });
});

describe('loadProbes', () => {
  test('urls become probes with defaults, names from host and path, types from schemes', async () => {
    const probes = await loadProbes({
      urls: 'https://shop.example.com/healthz?token=s3cret, wss://shop.example.com/ws\ntcp://[::1]:5432',
      defaults: { headers: { Authorization: 'Bearer t0ken' }, expectedStatus: [[200, 204]] },
    });
    expect(probes.map((p) => [p.type, p.name, p.target])).toEqual([
      ['http', 'shop.example.com/healthz', 'https://shop.example.com/healthz?token=***'],
      ['ws', 'shop.example.com/ws', 'wss://shop.example.com/ws'],
      ['tcp', '[::1]:5432', '[::1]:5432'],
    ]);
    const [http, ws, tcp] = probes;
    expect(http).toMatchObject({
      method: 'GET',
      expectedStatus: [[200, 204]],
      headers: { Authorization: 'Bearer t0ken' },
    });
    expect(http?.type === 'http' && http.secretHeaders).toEqual([
      'authorization',
      'proxy-authorization',
      'cookie',
    ]);
    expect(ws).toMatchObject({ headers: { Authorization: 'Bearer t0ken' } });
    expect(tcp).toMatchObject({ host: '::1', port: 5432 });
  });

  test('a YAML probes file with every field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'probes-'));
    await writeFile(
      join(dir, 'probes.yml'),
      `probes:
  - name: api
    url: https://shop.example.com/api/health
    method: post
    headers: { X-Api-Key: k3y, authorization: Bearer own }
    secretHeaders: [X-Api-Key]
    body: { ping: true }
    expectedStatus: [200, "201-204"]
    assertions:
      - path: checks.db[0].status
        equals: UP
      - path: version
        matches: "^1\\\\."
    latencyBudget: 500ms
    timeout: 2s
    dryRun: true
  - type: command
    command: ./scripts/check.sh --db "primary db"
    args: [--fast]
`,
    );
    const probes = await loadProbes({
      probesFile: 'probes.yml',
      baseDir: dir,
      defaults: { headers: { Authorization: 'Bearer default' } },
    });
    expect(probes[0]).toMatchObject({
      type: 'http',
      name: 'api',
      method: 'POST',
      body: '{"ping":true}',
      headers: { 'X-Api-Key': 'k3y', authorization: 'Bearer own' },
      expectedStatus: [
        [200, 200],
        [201, 204],
      ],
      latencyBudgetMs: 500,
      timeoutMs: 2000,
      dryRun: true,
      assertions: [
        { subject: 'body', path: 'checks.db[0].status', op: { equals: 'UP' } },
        { subject: 'body', path: 'version', op: { matches: '^1\\.' } },
      ],
    });
    expect(probes[0]?.type === 'http' && probes[0].secretHeaders).toContain('x-api-key');
    expect(probes[1]).toMatchObject({
      type: 'command',
      name: './scripts/check.sh',
      command: './scripts/check.sh',
      args: ['--db', 'primary db', '--fast'],
    });
  });

  test('a JSON probes file (a plain list) and duplicate names get a suffix', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'probes-'));
    await writeFile(
      join(dir, 'p.json'),
      JSON.stringify([{ url: 'http://a.test/x' }, { url: 'http://a.test/x?v=2' }]),
    );
    const probes = await loadProbes({ probesFile: join(dir, 'p.json') });
    expect(probes.map((p) => p.name)).toEqual(['a.test/x', 'a.test/x #2']);
  });

  test.each([
    ['- url: https://a.test/\n  expectedStatus: 2xx', "probe 1, field 'expectedStatus'", 'not a status list'],
    [
      '- url: https://a.test/\n  assertions: [{ path: status, equals: UP, in: [UP] }]',
      'probe 1',
      'exactly one of',
    ],
    ['- url: https://a.test/\n  assertions: [{ path: status, matches: "(" }]', 'probe 1', 'invalid regex'],
    ['- url: https://a.test/\n  latencyBudget: fast', "field 'latencyBudget'", 'not a duration'],
    ['- url: https://a.test/\n  retries: 3', 'probe 1', 'known fields'],
    [
      '- url: https://a.test/\n  headers: { X-A: "a\\nb" }',
      "field 'headers.X-A'",
      'cannot contain line breaks',
    ],
    ['- name: no target', 'probe 1', "needs 'url'"],
    ['- url: ftp://a.test/', 'probe 1', 'unsupported scheme'],
    ['- url: https://a.test/\n  type: ws', 'probe 1', "type 'ws' does not match"],
    ['- url: https://a.test/\n  command: ls', 'probe 1', "either 'url' or 'command'"],
    ['probes: [\n', 'the file', 'not valid YAML'],
    ['just text', 'the file', 'Expected a list of probes'],
  ])('rejects %j naming %s', async (text, where, message) => {
    const load = async () => {
      const entries = await parseProbesText(text, "probes file 'p.yml'");
      const { normaliseProbe } = await import('../src/probes/load.js');
      return entries.map((entry, i) => normaliseProbe(entry, {}, `probes file 'p.yml', probe ${i + 1}`));
    };
    await expect(load()).rejects.toThrow(ConfigurationError);
    await expect(load()).rejects.toThrow(
      where === 'the file' ? message : new RegExp(`${where}.*${message}|${message}`),
    );
  });

  test('nothing to probe and a missing file are configuration errors naming the source', async () => {
    await expect(loadProbes({ urls: ' , ' })).rejects.toThrow(/nothing to probe: give urls .* or probes/);
    await expect(loadProbes({ probesFile: 'missing.yml', baseDir: tmpdir() })).rejects.toThrow(
      "probes file 'missing.yml' cannot be read (no such file)",
    );
  });
});

describe('command lines and captured values', () => {
  test.each([
    ['./check.sh', ['./check.sh']],
    ['bash -c "echo a=1; echo b=2"', ['bash', '-c', 'echo a=1; echo b=2']],
    ["node -e 'console.log(1)'", ['node', '-e', 'console.log(1)']],
    ['say "a \\"quoted\\" word" ""', ['say', 'a "quoted" word', '']],
  ])('%s', (line, words) => expect(splitCommandLine(line)).toEqual(words));

  test('key=value lines become typed values', () => {
    expect(
      captureLines(
        'noise\nreconnectOk=true\nlatency=12.5\nversion=1.4.2\nzip=007\nempty=\nflag=false\n x = y',
      ),
    ).toEqual({
      reconnectOk: true,
      latency: 12.5,
      version: '1.4.2',
      zip: '007',
      empty: '',
      flag: false,
    });
  });
});

test('policy defaults follow the issue', () => {
  expect(smokePolicySchema.parse({})).toMatchObject({
    timeoutMs: 10_000,
    deadlineMs: 300_000,
    maxAttempts: 3,
    consecutiveSuccesses: 1,
    concurrency: 10,
    maxRedirects: 5,
  });
});
