import { evaluateAssertion } from '../src/assertions.js';
import { formatDuration, parseDuration } from '../src/duration.js';
import { getJsonPath, parseJsonPath } from '../src/json-path.js';
import { Redactor, redactUrl } from '../src/redact.js';
import { backoffDelay, nextDelay, parseRetryAfter } from '../src/retry.js';
import { parseStatusList, statusMatches } from '../src/status-list.js';

describe('parseDuration', () => {
  test.each([
    ['500ms', 500],
    ['10s', 10_000],
    ['2m', 120_000],
    ['1h30m', 5_400_000],
    ['7d', 604_800_000],
    ['30', 30_000],
    ['1.5', 1_500],
    [' 10s ', 10_000],
  ])('%s -> %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  test.each(['', 'ten', '10x', '1h30', 'm', '-5s', '10 s'])('rejects %j', (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );

  test('formats back into a readable duration', () => {
    expect(formatDuration(250)).toBe('250ms');
    expect(formatDuration(1500)).toBe('1.5s');
    expect(formatDuration(90_000)).toBe('1m30s');
    expect(formatDuration(5_400_000)).toBe('1h30m');
  });
});

describe('parseStatusList', () => {
  test.each([
    ['200', [[200, 200]]],
    [
      '200,204',
      [
        [200, 200],
        [204, 204],
      ],
    ],
    ['200-299', [[200, 299]]],
    [
      '200-299, 301',
      [
        [200, 299],
        [301, 301],
      ],
    ],
  ])('%s', (text, ranges) => expect(parseStatusList(text)).toEqual(ranges));

  test.each(['', 'ok', '2xx', '299-200', '99', '600', '200-'])('rejects %j', (text) =>
    expect(parseStatusList(text)).toBeUndefined(),
  );

  test('matches inside ranges only', () => {
    const list = parseStatusList('200-299,301')!;
    expect(statusMatches(list, 204)).toBe(true);
    expect(statusMatches(list, 301)).toBe(true);
    expect(statusMatches(list, 302)).toBe(false);
  });
});

describe('json paths', () => {
  const doc = { status: 'UP', checks: { db: [{ status: 'pass' }, { status: 'fail' }] }, zero: 0, nil: null };

  test.each([
    ['status', 'UP'],
    ['checks.db[0].status', 'pass'],
    ['checks.db[1].status', 'fail'],
    ['$.zero', 0],
    ['nil', null],
  ])('%s', (path, value) => expect(getJsonPath(doc, path)).toEqual({ found: true, value }));

  test.each(['missing', 'checks.db[2]', 'status.inner', 'checks[0]'])('%s is not found', (path) =>
    expect(getJsonPath(doc, path).found).toBe(false),
  );

  test('rejects malformed paths', () => {
    expect(parseJsonPath('a..b')).toBeUndefined();
    expect(parseJsonPath('a[x]')).toBeUndefined();
  });
});

describe('assertions', () => {
  test('equals compares deeply and reports both sides', () => {
    expect(evaluateAssertion({ equals: 'sso' }, true, 'sso').ok).toBe(true);
    expect(evaluateAssertion({ equals: { a: [1] } }, true, { a: [1] }).ok).toBe(true);
    expect(evaluateAssertion({ equals: 'sso' }, true, 'password')).toEqual({
      ok: false,
      expected: 'equals "sso"',
      actual: '"password"',
    });
  });

  test('in, matches, exists, contains', () => {
    expect(evaluateAssertion({ in: ['UP', 'WARN'] }, true, 'UP').ok).toBe(true);
    expect(evaluateAssertion({ in: ['UP'] }, true, 'DOWN').ok).toBe(false);
    expect(evaluateAssertion({ matches: '^https://id\\.' }, true, 'https://id.example').ok).toBe(true);
    expect(evaluateAssertion({ matches: '^x' }, false, undefined).actual).toBe('(missing)');
    expect(evaluateAssertion({ exists: true }, false, undefined).ok).toBe(false);
    expect(evaluateAssertion({ exists: false }, false, undefined).ok).toBe(true);
    expect(evaluateAssertion({ contains: 'ok' }, true, 'all ok').ok).toBe(true);
  });
});

describe('redaction', () => {
  test('removes userinfo and secret query values, keeps the rest', () => {
    expect(redactUrl('https://user:pw@example.com/h?token=abc&region=eu')).toBe(
      'https://***@example.com/h?token=***&region=eu',
    );
    expect(redactUrl('https://example.com/h?api_key=1&sig=2')).toBe(
      'https://example.com/h?api_key=***&sig=***',
    );
    expect(redactUrl('not a url')).toBe('not a url');
  });

  test('Redactor replaces every registered secret, longest first', () => {
    const redactor = new Redactor();
    redactor.add('abc');
    redactor.add('abcdef');
    redactor.add('');
    expect(redactor.redact('x abcdef y abc')).toBe('x *** y ***');
    expect(redactor.size).toBe(2);
  });
});

describe('retry policy', () => {
  test('Retry-After as seconds or HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  test('full jitter stays under the exponential ceiling and the cap', () => {
    expect(backoffDelay(1, 500, 30_000, () => 0.999)).toBe(499);
    expect(backoffDelay(4, 500, 30_000, () => 0.999)).toBe(3996);
    expect(backoffDelay(20, 500, 30_000, () => 0.999)).toBe(29_970);
    expect(backoffDelay(3, 500, 30_000, () => 0)).toBe(0);
  });

  test('the deadline caps every wait, Retry-After included', () => {
    expect(nextDelay({ attempt: 1, retryAfterMs: 2000, deadlineAt: 10_000, now: 0 })).toBe(2000);
    expect(nextDelay({ attempt: 1, retryAfterMs: 20_000, deadlineAt: 10_000, now: 0 })).toBeUndefined();
    expect(nextDelay({ attempt: 1, deadlineAt: 0, now: 0 })).toBeUndefined();
  });
});
