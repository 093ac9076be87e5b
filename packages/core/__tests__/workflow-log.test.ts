import { scrubWorkflowLog } from '../src/workflow-log.js';

test('masked values are replaced everywhere and the mask commands dropped', () => {
  const log = [
    '::add-mask::s3cret-token',
    'Smoking 2 probe(s)',
    'GET https://shop.example.com/?t=s3cret-token failed',
    '::error::probe failed',
  ].join('\n');
  expect(scrubWorkflowLog(log)).toBe(
    ['Smoking 2 probe(s)', 'GET https://shop.example.com/?t=*** failed', '::error::probe failed'].join('\n'),
  );
});

test('mask values are unescaped as the toolkit escapes them (%25, %0D, %0A)', () => {
  const log = ['::add-mask::multi%0Aline%25value', 'value: multi', 'line%value here'].join('\n');
  expect(scrubWorkflowLog(log)).toBe('value: *** here');
});

test('a log with no masks is unchanged', () => {
  expect(scrubWorkflowLog('one\r\ntwo\n')).toBe('one\r\ntwo\n');
});
