import { parseInputs, valueSource } from '../src/inputs/index.js';
import { EVIDENCE_KIND_INPUTS, evidenceInputSpecs, evidenceSpec } from '../src/specs/evidence.js';

const parse = (values: Record<string, string>) => parseInputs(evidenceSpec, valueSource(values));

test('defaults are the action.yml defaults', () => {
  expect(parse({ kind: 'load-calibration', targets: 'http://127.0.0.1:9/a' })).toMatchObject({
    kind: 'load-calibration',
    targets: ['http://127.0.0.1:9/a'],
    method: 'GET',
    requests: 200,
    duration: undefined,
    rate: 100,
    concurrency: 4,
    timeout: 5000,
    'hard-stop': 120_000,
    'latency-budget-p95': 500,
    'latency-budget-p99': 1000,
    'error-budget': 0.01,
    headroom: 0.5,
    'out-dir': 'build-artifacts',
    'fail-on-failed': true,
  });
  expect(
    parse({ kind: 'receiver-drill', 'receiver-url': 'http://127.0.0.1:9/x', 'event-log': 'events.jsonl' }),
  ).toMatchObject({ environments: ['staging', 'production'], deadline: 30_000, tolerance: 300_000 });
});

test.each([
  [{ method: 'post' }, { method: 'POST' }],
  [{ 'error-budget': '0.5%' }, { 'error-budget': 0.005 }],
  [{ 'error-budget': '0.02' }, { 'error-budget': 0.02 }],
  [{ headroom: '200%' }, { headroom: 2 }],
  [{ duration: '1m30s' }, { duration: 90_000 }],
  [{ rate: '0' }, { rate: 0 }],
  [
    { targets: 'http://127.0.0.1:9/a,\nhttps://example.com/b' },
    { targets: ['http://127.0.0.1:9/a', 'https://example.com/b'] },
  ],
])('load-calibration %j parses to %j', (given, expected) => {
  expect(parse({ kind: 'load-calibration', targets: 'http://127.0.0.1:9/a', ...given })).toMatchObject(
    expected,
  );
});

test.each([
  [
    { kind: 'load-calibration', targets: 'http://x/', headroom: '1001%' },
    "Input 'headroom' '1001%' is invalid",
  ],
  [{ kind: 'load-calibration', targets: 'http://x/', duration: '0s' }, 'must be longer than 0'],
  [{ kind: 'load-calibration', targets: 'http://x/', timeout: 'soon' }, "'soon' is not a duration"],
  [{ kind: 'receiver-validation', 'receiver-url': 'ws://x/' }, 'must be an http:// or https:// URL'],
  [
    { kind: 'receiver-validation' },
    "Input 'receiver-url' is required for receiver-validation: the receiver endpoint events are sent to. Example: receiver-url: https://hooks.example.com/internal/release-gate/callbacks\nInput 'signing-secret' is required for receiver-validation",
  ],
])('%j is refused: %s', (values, message) => {
  expect(() => parse(values)).toThrow(message);
});

test('every kind takes only inputs the spec has, and out-dir and fail-on-failed', () => {
  for (const inputs of Object.values(EVIDENCE_KIND_INPUTS)) {
    for (const name of inputs) expect(evidenceInputSpecs).toHaveProperty([name]);
    expect(inputs).toEqual(expect.arrayContaining(['out-dir', 'fail-on-failed']));
  }
});
