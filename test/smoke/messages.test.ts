import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { run as smokeCli } from '../../packages/cli/src/commands/smoke.js';
import { runInProcess } from '../harness/in-process.js';

/*
 * The messages a user gets for the mistakes people make: each mistake, through `release-gate smoke` (its
 * exported run(), in this process) and where the action words it differently through the action, must
 * name the thing and the fix. A row is a mistake and the phrases its message must contain (and, for the
 * weak messages this table replaced, the phrases it must no longer contain).
 */

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    // etcd's /health answers the string "true", not the boolean.
    if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"health":"true"}');
    }
    // `/hang` never answers: only the deadline ends the attempt.
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

interface CliResult {
  code: number;
  /** stderr then stdout: the error, the log lines and the summary. */
  output: string;
  cwd: string;
}

/** Runs `release-gate smoke <args>` in a fresh folder holding `files`, capturing what it writes. */
async function cli(args: string[], files: Record<string, string> = {}): Promise<CliResult> {
  const cwd = await mkdtemp(join(tmpdir(), 'smoke-messages-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(cwd, path)), { recursive: true });
    await writeFile(join(cwd, path), text);
  }
  const stderr: string[] = [];
  const stdout: string[] = [];
  const writes = { err: process.stderr.write, out: process.stdout.write };
  const previousDir = process.cwd();
  const capture = (into: string[]) =>
    ((chunk: string | Uint8Array) => {
      into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
      return true;
    }) as typeof process.stdout.write;
  process.chdir(cwd);
  process.stderr.write = capture(stderr);
  process.stdout.write = capture(stdout);
  try {
    const code = await smokeCli(args);
    return { code, output: `${stderr.join('')}${stdout.join('')}`, cwd };
  } finally {
    process.stderr.write = writes.err;
    process.stdout.write = writes.out;
    process.chdir(previousDir);
  }
}

const probesFile = (yaml: string) => ({ 'probes.yml': yaml });

interface Row {
  mistake: string;
  args: string[] | (() => string[]);
  /** Written into the folder first; a function when it needs the local server's address. */
  files?: Record<string, string> | (() => Record<string, string>);
  code?: number;
  says: Array<string | RegExp | ((cwd: string) => string)>;
  not?: string[];
}

const rows: Row[] = [
  // The messages issue 15 asked for.
  {
    mistake: 'a mistyped field (expectStatus)',
    args: ['--probes', 'probes.yml'],
    files: probesFile('probes:\n  - url: https://shop.example.com/healthz\n    expectStatus: 200\n'),
    says: [
      "--probes file 'probes.yml': probe 1: unknown field 'expectStatus' (did you mean 'expectedStatus'?)",
    ],
    not: ['Expected a list of probes', 'known fields'],
  },
  {
    mistake: 'probe: instead of probes:',
    args: ['--probes', 'probes.yml'],
    files: probesFile('probe:\n  - url: https://shop.example.com/healthz\n'),
    says: [
      "the file has 'probe:' (did you mean 'probes'?) but no 'probes:' list",
      'Expected a list of probes such as',
    ],
    not: ['expected array, received undefined'],
  },
  {
    mistake: 'an unknown assertion operator (equal:)',
    args: ['--probes', 'probes.yml'],
    files: probesFile(
      'probes:\n  - url: https://shop.example.com/healthz\n    assertions:\n      - path: status\n        equals: UP\n      - path: db\n        equal: UP\n',
    ),
    says: [
      "probe 1, assertion 2: unknown operator 'equal' (did you mean 'equals'?); use one of equals, in, matches, exists, contains",
    ],
    not: ['assertions.1', 'Expected a list of probes'],
  },
  {
    mistake: '--url without a scheme (an IP and port)',
    args: ['--url', '127.0.0.1:18080/healthz'],
    says: [
      "--url '127.0.0.1:18080/healthz' is invalid",
      'add http:// (or https://), e.g. http://127.0.0.1:18080/healthz',
      'Example: --url https://shop.example.com/healthz',
    ],
    not: ['--urls'],
  },
  {
    mistake: '--url without a scheme (localhost and port)',
    args: ['--url', 'localhost:18080/healthz'],
    says: ["--url 'localhost:18080/healthz' is invalid", 'add http://'],
    not: ['unsupported scheme', '--urls'],
  },
  {
    mistake: '--urls without a scheme names --urls',
    args: ['--urls', 'shop.example.com/healthz'],
    says: ["--urls 'shop.example.com/healthz' is invalid", 'add http:// (or https://)'],
  },
  {
    mistake: 'a missing probes file (the CLI resolves against the current directory)',
    args: ['--probes', 'smoke/probes.yml'],
    says: [
      "--probes file 'smoke/probes.yml' cannot be read (no such file) at ",
      (cwd) => `${join(cwd, 'smoke/probes.yml')} (resolved against the current directory)`,
    ],
    not: ['workspace'],
  },
  {
    mistake: 'a YAML syntax error',
    args: ['--probes', 'probes.yml'],
    files: probesFile('probes:\n  - url: https://shop.example.com/healthz\n   bad: : x\n'),
    says: [/--probes file 'probes.yml' is not valid YAML: .+ at line 3, column \d+\n/],
    not: [':\n'],
  },
  {
    mistake: 'equals: true against the string "true" (comparisons are type-strict)',
    args: ['--probes', 'probes.yml', '--max-attempts', '1'],
    files: () => probesFile(`- url: ${base}/health\n  assertions:\n    - { path: health, equals: true }\n`),
    code: 1,
    says: ['health: expected equals true, got the string "true"; write equals: "true"'],
  },
  {
    mistake: 'an attempt the deadline cut short',
    args: () => ['--url', `${base}/hang`, '--timeout', '30s', '--deadline', '300ms', '--max-attempts', '1'],
    code: 1,
    says: [/no complete answer within the \d+ms left \(deadline reached\)/],
    not: ['(timeout)', 'deadline reached; deadline reached'],
  },
  // Good messages that were already there: they stay.
  {
    mistake: 'nothing to probe',
    args: [],
    says: ['--urls or --probes is required: nothing to probe', 'Example: --urls https://'],
  },
  {
    mistake: 'an unsupported scheme',
    args: ['--url', 'ftp://files.example.com/'],
    says: ["unsupported scheme 'ftp:'; use http(s)://, ws(s)://, or tcp://host:port"],
  },
  {
    mistake: 'a tcp target without a port',
    args: ['--url', 'tcp://db.internal'],
    says: ["'tcp://db.internal' has no port; use e.g. tcp://db.internal:5432"],
  },
  {
    mistake: 'a duration that is not one',
    args: ['--url', 'https://shop.example.com/', '--timeout', 'soon'],
    says: ["--timeout 'soon' is invalid: 'soon' is not a duration", 'Example: --timeout 10s'],
  },
  {
    mistake: 'an unknown field with no near match lists the known fields',
    args: ['--probes', 'probes.yml'],
    files: probesFile('- url: https://shop.example.com/healthz\n  retryPolicy: fast\n'),
    says: ["probe 1: unknown field 'retryPolicy' (known fields: name, type, url, command"],
  },
  {
    mistake: 'a status list that is not one',
    args: ['--probes', 'probes.yml'],
    files: probesFile('- url: https://shop.example.com/healthz\n  expectedStatus: ok\n'),
    says: ["probe 1, field 'expectedStatus': 'ok' is not a status list; use e.g. 200, 200,204 or 200-299"],
  },
  {
    mistake: 'an invalid regex in an assertion',
    args: ['--probes', 'probes.yml'],
    files: probesFile(
      '- url: https://shop.example.com/healthz\n  assertions:\n    - { path: v, matches: "(" }\n',
    ),
    says: ['probe 1, assertion 1: invalid regex'],
  },
  {
    mistake: 'both url and command',
    args: ['--probes', 'probes.yml'],
    files: probesFile('- url: https://shop.example.com/healthz\n  command: ./check.sh\n'),
    says: ["probe 1: give either 'url' or 'command', not both"],
  },
  {
    mistake: 'a file that is not a list',
    args: ['--probes', 'probes.yml'],
    files: probesFile('just text\n'),
    says: ['the file holds a string, not a list of probes', 'Expected a list of probes such as'],
  },
  {
    mistake: 'expected-version without version-from',
    args: ['--url', 'https://shop.example.com/', '--expected-version', 'abc123'],
    says: ['--version-from is required when --expected-version is set'],
  },
];

describe('release-gate smoke: each mistake names the thing and the fix', () => {
  test.each(rows.map((row) => [row.mistake, row] as const))('%s', async (_mistake, row) => {
    const files = typeof row.files === 'function' ? row.files() : row.files;
    const args = typeof row.args === 'function' ? row.args() : row.args;
    const result = await cli(args, files);
    expect(result.code).toBe(row.code ?? 2);
    for (const phrase of row.says) {
      if (phrase instanceof RegExp) expect(result.output).toMatch(phrase);
      else expect(result.output).toContain(typeof phrase === 'function' ? phrase(result.cwd) : phrase);
    }
    for (const phrase of row.not ?? []) expect(result.output).not.toContain(phrase);
  });
});

describe('the smoke action words the same mistakes for its inputs', () => {
  /** The action's `::error::smoke: ...` line, file-command escapes undone. */
  async function actionError(inputs: Record<string, string>, workspace?: string): Promise<string> {
    const run = await runInProcess('smoke', { inputs, ...(workspace ? { workspace } : {}) });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('error');
    const line = run.stdout.split('\n').find((l) => l.startsWith('::error::smoke: ')) ?? '';
    return line.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
  }

  test('a URL without a scheme: add http://', async () => {
    const message = await actionError({ urls: 'localhost:18080/healthz' });
    expect(message).toContain("Input 'urls' 'localhost:18080/healthz' is invalid");
    expect(message).toContain('add http:// (or https://), e.g. http://localhost:18080/healthz');
    expect(message).not.toContain('unsupported scheme');
  });

  test('a missing probes file resolves against the workspace and shows the path', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'smoke-messages-ws-'));
    const message = await actionError({ probes: 'smoke/probes.yml' }, workspace);
    expect(message).toContain("input 'probes' file 'smoke/probes.yml' cannot be read (no such file)");
    expect(message).toContain(`at ${join(workspace, 'smoke/probes.yml')} (resolved against the workspace)`);
    expect(message).toContain('give a path relative to the workspace');
  });

  test('a mistyped field in the probes file: did you mean', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'smoke-messages-ws-'));
    await writeFile(join(workspace, 'probes.yml'), '- url: https://shop.example.com/\n  expectStatus: 200\n');
    const message = await actionError({ probes: 'probes.yml' }, workspace);
    expect(message).toContain("probe 1: unknown field 'expectStatus' (did you mean 'expectedStatus'?)");
    expect(message).not.toContain('Expected a list of probes');
  });
});
