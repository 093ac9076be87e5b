import { runSmoke } from '../src/probes/engine.js';
import { commandOutputTail, lastLines } from '../src/probes/executors/command-output.js';
import type { RunCommand } from '../src/probes/executors/types.js';
import { normaliseProbe } from '../src/probes/load.js';
import { Redactor } from '../src/redact.js';
import { renderSmokeSummary, smokeLogLine } from '../src/render/smoke-summary.js';

// A failing command probe says what the command printed last (bounded, redacted), not only its exit code.

const numbered = (count: number) => Array.from({ length: count }, (_, i) => `line ${i + 1}`).join('\n');

test('the tail keeps the last 20 lines and at most 2 KB of each stream', () => {
  expect(lastLines(undefined)).toBe('');
  expect(lastLines('one\ntwo\n\n')).toBe('one\ntwo');
  const tail = lastLines(numbered(100));
  expect(tail.split('\n')).toEqual(['…', ...Array.from({ length: 20 }, (_, i) => `line ${i + 81}`)]);
  const long = lastLines(`${'x'.repeat(10_000)}END`);
  expect(Buffer.byteLength(long)).toBeLessThanOrEqual(2048 + 3);
  expect(long.endsWith('END')).toBe(true);
  expect(lastLines(`${'é'.repeat(3000)}`)).toMatch(/^…é+$/);
  expect(commandOutputTail({ stdout: '', stderr: '' })).toBe('');
  expect(commandOutputTail({ stdout: 'out\n', stderr: 'err\n' })).toBe(
    '\nstderr (last lines):\n  err\nstdout (last lines):\n  out',
  );
});

test('the reason, the log line and the summary show the redacted tail of a failed or timed-out command', async () => {
  const runCommand: RunCommand = async (request) =>
    request.args[0] === 'slow'
      ? { exitCode: null, stdout: 'waiting for db\n', stderr: '', timedOut: true }
      : {
          exitCode: 3,
          stdout: `${numbered(30)}\n`,
          stderr: 'connect to db failed: password=hunter2-secret\n',
          timedOut: false,
        };
  const redactor = new Redactor();
  redactor.add('hunter2-secret');
  const section = await runSmoke(
    [
      normaliseProbe({ command: 'check migrations', name: 'migrations' }, {}, 'a'),
      normaliseProbe({ command: 'check slow', name: 'slow' }, {}, 'b'),
    ],
    { timeoutMs: 1000, maxAttempts: 2, backoffBaseMs: 10, backoffCapMs: 20 },
    { runCommand, redactor },
  );
  const [failed, slow] = section.probes;
  expect(failed?.reason).toBe(
    [
      'exit code 3 after 2 attempts',
      'stderr (last lines):',
      '  connect to db failed: password=***',
      'stdout (last lines):',
      '  …',
      ...Array.from({ length: 20 }, (_, i) => `  line ${i + 11}`),
    ].join('\n'),
  );
  expect(slow?.reason).toBe(
    'command did not finish within 1000ms (timeout) after 2 attempts\nstdout (last lines):\n  waiting for db',
  );
  expect(smokeLogLine(failed!)).toContain('password=***');
  const summary = renderSmokeSummary(section);
  expect(summary).toContain(
    'exit code 3 after 2 attempts<br>stderr (last lines):<br>  connect to db failed: password=***',
  );
  expect(summary).not.toContain('hunter2');
});
