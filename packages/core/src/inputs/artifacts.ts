import * as z from 'zod';
import { splitList } from '../list.js';

// Schemas for the inputs that name artifacts and the runs they may come from. They live in core because
// an action's spec does; only the action on GitHub acts on them.

/** Characters GitHub refuses in an artifact name (NTFS limits plus path separators). */
const FORBIDDEN_NAME_CHARS = /["':<>|*?\r\n\\/]/;

/** `artifact-name` input: '' means the default; anything GitHub would refuse is an error now, not at upload. */
export const artifactNameInput = z.string().superRefine((raw, ctx) => {
  if (raw && FORBIDDEN_NAME_CHARS.test(raw))
    ctx.addIssue({ code: 'custom', message: 'must not contain " : < > | * ? \\ / or line breaks' });
  if (raw.length > 256) ctx.addIssue({ code: 'custom', message: 'must be at most 256 characters' });
});

/** `retention-days` input: '' = the repository's setting; otherwise 1 to 90. */
export const retentionDaysInput = z.string().transform((raw, ctx) => {
  if (raw === '' || raw === '0') return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 90) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be a whole number of days from 1 to 90 (empty: repository default)',
    });
    return z.NEVER;
  }
  return Number(raw);
});

/** The starter templates' workflow file names (action-templates/): the runs that write these artifacts. */
export const DEFAULT_TRUSTED_WORKFLOWS = [
  'release-gate.yml',
  'release-gate-drill.yml',
  'rollback.yml',
  'readiness-checklist.yml',
] as const;

const WORKFLOW_FILE = /^[A-Za-z0-9._-]+\.ya?ml$/;

/** `trusted-workflows` input: workflow file names (`release-gate.yml`); empty means the defaults. */
export const trustedWorkflowsInput = z.string().transform((raw, ctx) => {
  const names = splitList(raw).map((name) => name.replace(/^\.github\/workflows\//, ''));
  if (!names.length) return [...DEFAULT_TRUSTED_WORKFLOWS];
  const bad = names.filter((name) => !WORKFLOW_FILE.test(name));
  if (bad.length) {
    ctx.addIssue({
      code: 'custom',
      message: `must be workflow file names like release-gate.yml, not ${bad.map((b) => `'${b}'`).join(', ')}`,
    });
    return z.NEVER;
  }
  return names;
});

/** Artifact names (comma or newline separated), for `evidence-artifacts`. */
export const artifactNamesInput = z.string().transform((raw, ctx) => {
  const names = splitList(raw);
  const bad = names.filter((name) => FORBIDDEN_NAME_CHARS.test(name));
  if (bad.length) {
    ctx.addIssue({
      code: 'custom',
      message: `artifact names must not contain " : < > | * ? \\ /: ${bad.map((b) => `'${b}'`).join(', ')}`,
    });
    return z.NEVER;
  }
  return [...new Set(names)];
});
