import { DRILL_LOG_HEADER, drillLogProblem } from '../src/drill/markdown.js';
import { markdownCell, parseReleaseLog, RELEASE_LOG_COLUMNS } from '../src/report/release-log.js';

const HEADER = RELEASE_LOG_COLUMNS.join('\t');
const good = [
  '2026-11-20T10:00:00Z',
  'staging',
  'shop',
  'a'.repeat(40),
  '1.4.0',
  'passed',
  'promote',
  'alice',
  'https://github.com/acme/shop/actions/runs/1',
];
const line = (changes: Record<number, string>) => good.map((v, i) => changes[i] ?? v).join('\t');

test.each([
  ['a date that is not UTC ISO', { 0: 'yesterday' }, "date_utc 'yesterday' is not a UTC timestamp"],
  ['an unknown smoke result', { 5: 'maybe' }, "smoke 'maybe' is not one of passed, failed, error, not run"],
  ['an unknown verdict', { 6: 'ship-it' }, "verdict 'ship-it' is not one of promote, blocked, -"],
  [
    'a javascript: run url',
    { 8: 'javascript:alert(1)' },
    "run_url 'javascript:alert(1)' is not an http(s) URL",
  ],
  ['an empty owner', { 7: '' }, 'owner is empty'],
  ['padded values', { 1: ' staging' }, 'environment has leading or trailing spaces'],
])('release log: %s is malformed', (_name, changes, message) => {
  expect(() => parseReleaseLog(`${HEADER}\n${line(changes)}\n`, 'p.tsv')).toThrow(
    `release log 'p.tsv' line 2: ${message}`,
  );
});

test('release log: valid rows and placeholders parse; a header with extra spaces does not', () => {
  expect(
    parseReleaseLog(`${HEADER}\n${line({ 3: '-', 4: '-', 5: 'not run', 6: '-', 8: '-' })}\n`, 'p'),
  ).toHaveLength(1);
  expect(() => parseReleaseLog(`${HEADER} \n`, 'p')).toThrow('line 1: expected the header');
});

test('markdownCell renders any text as text', () => {
  expect(markdownCell('<b>x</b> [a](b) *c* | `d` ![i](j) & _e_')).toBe(
    '&lt;b&gt;x&lt;/b&gt; \\[a\\]\\(b\\) \\*c\\* \\| \\`d\\` \\!\\[i\\]\\(j\\) &amp; \\_e\\_',
  );
});

const table = `# Rollback drill log\n\n${DRILL_LOG_HEADER}`;
test.each([
  ['no table', '# just a title\n', 'no table'],
  ['a wrong header', '| Date | Status |\n| --- | --- |\n', 'line 1: expected the header'],
  ['a short row', `${table}| 2026-01-08 11:00 | drill_passed |\n`, 'line 5: expected 6 cells, got 2'],
  [
    'a bad date',
    `${table}| soon | drill_passed | drill_passed | no | bob | - |\n`,
    "line 5: date 'soon' is not YYYY-MM-DD HH:MM",
  ],
  [
    'a bad status',
    `${table}| 2026-01-08 11:00 | great | drill_passed | no | bob | - |\n`,
    "line 5: staging status 'great' is not one of",
  ],
  [
    'HTML',
    `${table}| 2026-01-08 11:00 | drill_passed | drill_passed | no | <b>bob</b> | - |\n`,
    'line 5 holds HTML',
  ],
  [
    'a link',
    `${table}| 2026-01-08 11:00 | drill_passed | drill_passed | no | [bob](https://x) | - |\n`,
    'line 5 holds a link or image',
  ],
  [
    'prose after the table',
    `${table}| 2026-01-08 11:00 | drill_passed | drill_passed | no | bob | - |\ntrailing text\n`,
    'line 6 is not a table row',
  ],
])('drill log: %s is malformed', (_name, text, problem) => {
  expect(drillLogProblem(text)).toContain(problem);
});

test('drill log: our own log, a custom title and an escaped pipe are fine', () => {
  expect(
    drillLogProblem(`${table}| 2026-01-08 11:00 | drill_passed | missing | yes: a \\| b | bob | - |\n`),
  ).toBeUndefined();
  expect(
    drillLogProblem(
      '# Our drills\n\n| Date (UTC) | Staging Status | Production Status | Delta Applied | Owner | Notes |\n|---|---|---|---|---|---|\n| 2026-01-08 11:00 | drill_passed | attention_required |  no | bob | odd   spacing kept |\n',
    ),
  ).toBeUndefined();
});
