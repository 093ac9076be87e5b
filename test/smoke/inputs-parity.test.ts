import { runCli } from '../harness/cli.js';
import { runInProcess } from '../harness/in-process.js';

// The action and `release-gate smoke` parse one spec: the same bad values get the same message, apart from
// how an input is named (`Input 'x'` and `x: value` in the action, `--x` and `--x value` in the CLI).

const URL = 'http://127.0.0.1:9/healthz';

/** The message with the input names written one way: `<x>`, examples as `<x> value`. */
function neutral(message: string, naming: 'action' | 'cli'): string {
  return naming === 'action'
    ? message.replace(/Example: ([\w-]+): /g, 'Example: <$1> ').replace(/Input '([\w-]+)'/g, '<$1>')
    : message.replace(/--([\w-]+)/g, '<$1>');
}

/** The action's failure, from its `::error::smoke: ...` annotation (file-command escapes undone). */
async function actionMessage(inputs: Record<string, string>): Promise<string> {
  const run = await runInProcess('smoke', { inputs });
  expect(run.exitCode).toBe(1);
  expect(run.outputs.result).toBe('error');
  const line = run.stdout.split('\n').find((l) => l.startsWith('::error::smoke: ')) ?? '';
  return line
    .slice('::error::smoke: '.length)
    .replace(/%0A/g, '\n')
    .replace(/%0D/g, '\r')
    .replace(/%25/g, '%');
}

/** The CLI's failure: exit 2 and `release-gate smoke: <message>` before the hint. */
async function cliMessage(inputs: Record<string, string>): Promise<string> {
  const args = Object.entries(inputs).flatMap(([name, value]) => (value === '' ? [] : [`--${name}`, value]));
  const run = await runCli(['smoke', ...args], { timeoutMs: 20_000 });
  expect(run.code).toBe(2);
  expect(run.stderr.startsWith('release-gate smoke: ')).toBe(true);
  return run.stderr.slice('release-gate smoke: '.length).split("\n\nRun 'release-gate smoke --help'")[0]!;
}

test.each<[string, Record<string, string>, string]>([
  [
    'version-from without expected-version (the CLI used to ignore it)',
    { urls: URL, 'version-from': 'header:x-app-version' },
    '<expected-version> is required when <version-from> is set',
  ],
  [
    'expected-version without version-from',
    { urls: URL, 'expected-version': '2.0.0' },
    '<version-from> is required when <expected-version> is set',
  ],
  ['nothing to probe', { urls: '' }, '<urls> or <probes> is required: nothing to probe'],
  ['a bad duration', { urls: URL, timeout: 'soon' }, "<timeout> 'soon' is invalid"],
  ['a bad boolean', { urls: URL, 'fail-on-error': 'yes' }, "<fail-on-error> 'yes' is invalid"],
  ['a bad status list', { urls: URL, 'expected-status': '2xx' }, "<expected-status> '2xx' is invalid"],
  ['a bad URL', { urls: 'notaurl' }, "<urls> 'notaurl' is invalid: entry 1"],
  [
    'two bad inputs at once',
    { urls: URL, timeout: 'soon', 'max-attempts': '0' },
    "<max-attempts> '0' is invalid",
  ],
])('%s: the action and the CLI say the same', async (_name, inputs, expected) => {
  const [action, cli] = await Promise.all([actionMessage(inputs), cliMessage(inputs)]);
  expect(neutral(action, 'action')).toBe(neutral(cli, 'cli'));
  expect(neutral(cli, 'cli')).toContain(expected);
});
