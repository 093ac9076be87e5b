import * as z from 'zod';

/** Where every gate action writes (and merges) its section of the one release-gate report. */
export const DEFAULT_REPORT_PATH = 'release-gate/report.json';

/** `report-path`: a file path, relative to the workspace; empty means DEFAULT_REPORT_PATH. */
export const reportPathInput = z.string().transform((raw, ctx) => {
  const value = raw === '' ? DEFAULT_REPORT_PATH : raw;
  if (/[\r\n]/.test(value) || value.endsWith('/')) {
    ctx.addIssue({ code: 'custom', message: 'must be a file path' });
    return z.NEVER;
  }
  return value;
});
