import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { repoRoot } from '../harness/action.js';
import { type CliChild, type CliRun, runCli } from '../harness/cli.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const SHA = 'a'.repeat(40);
const children: CliChild[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** The README's receiver → deploy → rollback block: the `npx -p @release-actions/cli release-gate` lines, as argument lists. */
async function readmeExample(): Promise<string[][]> {
  const readme = await readFile(join(repoRoot, 'README.md'), 'utf8');
  const block = /```sh\n((?:.*\n)*?)```/g;
  for (const [, text] of readme.matchAll(block)) {
    if (!text!.includes('release-gate receiver') || !text!.includes('deploy-webhook')) continue;
    // The test hands every command the secret in its environment: that stands for this one export.
    expect(text).toMatch(/^export RELEASE_GATE_SIGNING_SECRET=/m);
    return text!
      .split('\n')
      .filter((line) => line.startsWith('npx -p @release-actions/cli release-gate '))
      .map((line) => words(line.replace(/\s&.*$/, '').replace(/\s#.*$/, '')).slice(4));
  }
  throw new Error('README has no receiver → deploy-webhook example block');
}

/** Splits a command line as the shell would for these lines: spaces, double quotes, `$SHA`. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map(([, quoted, bare]) =>
    (quoted ?? bare!).replaceAll('$SHA', SHA),
  );
}

/** Starts a long-running `release-gate receiver` and resolves its URL once it listens. */
function startReceiver(args: string[], cwd: string | undefined, env: Record<string, string>) {
  let announced: (url: string) => void = () => {};
  const run = runCli(args, {
    cwd,
    env,
    onSpawn: (child, written) => {
      children.push(child);
      child.stdout.on('data', () => {
        const match = /listening on (http:\/\/\S+)/.exec(written().stdout);
        if (match) announced(match[1]!);
      });
    },
  });
  run.catch(() => {});
  return Promise.race([
    new Promise<string>((resolve) => {
      announced = resolve;
    }),
    run.then((result: CliRun) => Promise.reject(new Error(`receiver exited: ${result.stderr}`))),
  ]);
}

/** The example's address (port 8787) moved to the receiver this test started on a free port. */
function onReceiver(args: string[], url: string): string[] {
  return args
    .map((arg) => arg.replace('http://127.0.0.1:8787', url))
    .map((arg, i, all) => (all[i - 1] === '--port' ? '0' : arg));
}

describe("README's receiver → deploy → rollback example, run as written", () => {
  test('with the exported secret and --complete-after, deploy --wait and rollback --wait reach succeeded', async () => {
    const [receiverArgs, deployArgs, rollbackArgs, ...rest] = await readmeExample();
    expect(rest).toEqual([]);
    expect(receiverArgs![0]).toBe('receiver');
    expect(deployArgs).toContain('--wait');
    const env = { RELEASE_GATE_SIGNING_SECRET: SECRET };
    const cwd = (await runCli(['--version'])).cwd;
    const url = await startReceiver(onReceiver(receiverArgs!, ''), cwd, env);

    const deploy = await runCli(onReceiver(deployArgs!, url), { cwd, env });
    expect(deploy.stdout).toMatch(/^deploy-state=succeeded$/m);
    expect(deploy.code).toBe(0);
    const rollback = await runCli(onReceiver(rollbackArgs!, url), { cwd, env });
    expect(rollback.stdout).toMatch(/^rollback-state=succeeded$/m);
    expect(rollback.code).toBe(0);
    expect(`${deploy.stderr}${rollback.stderr}`).not.toMatch(/hint:|warning:/);
  }, 30_000);

  test('the two mistakes the example used to make say how to fix them', async () => {
    const [receiverArgs, deployArgs] = await readmeExample();
    // The receiver as the example once started it: secret for the receiver only, no --complete-after.
    const bare = receiverArgs!.filter(
      (arg, i, all) => arg !== '--complete-after' && all[i - 1] !== '--complete-after',
    );
    const cwd = (await runCli(['--version'])).cwd;
    const url = await startReceiver(onReceiver(bare, ''), cwd, { RELEASE_GATE_SIGNING_SECRET: SECRET });

    const unsigned = await runCli(onReceiver(deployArgs!, url), { cwd });
    expect(unsigned.code).toBe(1);
    expect(unsigned.stderr).toContain('HTTP 401');
    expect(unsigned.stderr).toMatch(
      /^hint: the event was sent unsigned; pass --signing-secret <secret> or set RELEASE_GATE_SIGNING_SECRET/m,
    );

    const noStatusUrl = await runCli(onReceiver(deployArgs!, url), {
      cwd,
      env: { RELEASE_GATE_SIGNING_SECRET: SECRET },
    });
    expect(noStatusUrl.stdout).toMatch(/^deploy-state=accepted$/m);
    expect(noStatusUrl.stderr).toMatch(
      /^hint: to wait, the webhook must answer with a Location header or statusUrl; the reference receiver does when started with --complete-after/m,
    );
    expect(noStatusUrl.stderr).not.toContain('unsigned');
  }, 30_000);
});
