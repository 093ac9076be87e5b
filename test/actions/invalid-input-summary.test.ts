import { runInProcess } from '../harness/in-process.js';

// Every action that stops on an invalid input says so in its step summary (an empty summary tells the
// reader nothing) and exits 1; an action that writes its own error summary (smoke) keeps only its own.

const BAD_INPUT: Record<string, Record<string, string>> = {
  smoke: {},
  'deploy-webhook': {},
  'trigger-rollback': {},
  'rollback-verify': {},
  report: { upload: 'maybe' },
  'drill-evaluate': { 'fail-on-attention': 'maybe' },
  'readiness-checklist': { 'report-max-age': 'soon' },
  evidence: {},
};

/** The actions that write an error summary of their own (smoke's `result: error`, report's "no verdict"). */
const OWN_ERROR_SUMMARY: Record<string, string> = {
  smoke: '(result: error)',
  report: 'Release gate: no verdict',
};

/** The message `core.setFailed` printed, without the `<action>: ` prefix. */
function failedMessage(stdout: string, action: string): string {
  const line = stdout.split('\n').find((l) => l.startsWith(`::error::${action}: `));
  expect(line).toBeDefined();
  return line!.slice(`::error::${action}: `.length);
}

test.each(Object.entries(BAD_INPUT))(
  '%s: an invalid input → the summary holds the message, exit 1',
  async (action, inputs) => {
    const run = await runInProcess(action, { inputs });
    expect(run.exitCode).toBe(1);
    const message = failedMessage(run.stdout, action);
    expect(message).toMatch(/^Input '/);
    expect(run.summary).toContain(message);
    const own = OWN_ERROR_SUMMARY[action];
    if (own) {
      // The action wrote its own error summary: runAction adds nothing to it.
      expect(run.summary).toContain(own);
      expect(run.summary).not.toContain('invalid input');
    } else {
      expect(run.summary).toMatch(new RegExp(`^### ⛔ ${action}: invalid input\\n`));
    }
  },
);

test('rollback-verify on an invalid input fails its callback state and says why', async () => {
  const run = await runInProcess('rollback-verify', { inputs: {} });
  expect(run.outputs['rollback-callback-state']).toBe('failed');
  expect(run.summary).toContain('`rollback-callback-state: failed`: the rollback was not verified');
  expect(run.stdout).toContain('rollback-callback-state=failed (the rollback was not verified');
});
