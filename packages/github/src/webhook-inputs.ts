import * as core from '@actions/core';
import {
  booleanInput,
  durationInput,
  type InputSpec,
  optionalString,
  requiredString,
} from '@release-actions/core';
import { isValidIdempotencyKey, signingSecretProblem } from '@release-actions/core/webhooks/index';
import * as z from 'zod';

/**
 * A webhook URL: validated, masked (the raw text and its normalised form) and returned exactly as given.
 * Empty is allowed here; actions that need it say so in their own checks.
 */
export const webhookUrlInput = z.string().transform((raw, ctx) => {
  if (raw === '') return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
    if (url.toString() !== raw) core.setSecret(url.toString());
    return raw;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be an http:// or https:// URL' });
    return z.NEVER;
  }
});

export const signingSecretInput = z.string().transform((raw, ctx) => {
  if (raw === '') return undefined;
  const problem = signingSecretProblem(raw);
  if (problem) {
    ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  }
  return raw;
});

export const idempotencyKeyInput = z.string().transform((raw, ctx) => {
  if (raw === '') return undefined;
  if (!isValidIdempotencyKey(raw)) {
    ctx.addIssue({ code: 'custom', message: 'must be 1 to 255 printable characters without spaces' });
    return z.NEVER;
  }
  return raw;
});

/** Input specs every webhook action shares (names as in action.yml; defaults there too). */
export const webhookInputSpecs = {
  'webhook-url': {
    schema: webhookUrlInput,
    example: '${{ secrets.DEPLOY_WEBHOOK_URL }}',
    secret: true,
  },
  'signing-secret': {
    schema: signingSecretInput,
    example: '${{ secrets.RELEASE_GATE_SIGNING_SECRET }}',
    secret: true,
  },
  'bearer-token': { schema: optionalString, example: '${{ secrets.DEPLOY_TOKEN }}', secret: true },
  'idempotency-key': { schema: idempotencyKeyInput, example: 'shop-prod-${{ github.run_id }}' },
  environment: { schema: requiredString, example: 'production' },
  service: { schema: optionalString, example: 'shop' },
  ref: { schema: optionalString, example: '${{ github.ref }}' },
  sha: { schema: optionalString, example: '${{ github.sha }}' },
  version: { schema: optionalString, example: '1.4.2' },
  drill: { schema: booleanInput(false), example: 'false' },
  timeout: { schema: durationInput('10s'), example: '10s' },
  deadline: { schema: durationInput('2m'), example: '2m' },
  'max-attempts': {
    schema: z.string().transform((raw, ctx) => {
      if (raw === '') return 5;
      if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 20) {
        ctx.addIssue({ code: 'custom', message: 'must be a whole number from 1 to 20' });
        return z.NEVER;
      }
      return Number(raw);
    }),
    example: '5',
  },
  'dry-run': { schema: booleanInput(false), example: 'true' },
  'report-path': { schema: optionalString, example: 'release-gate/report.json' },
} satisfies Record<string, InputSpec>;

/** The token input, where an action talks to the GitHub API. */
export const githubTokenSpec = {
  'github-token': { schema: optionalString, example: '${{ github.token }}', secret: true },
} satisfies Record<string, InputSpec>;

/** `wait` and `poll-interval` of the actions that can poll a deploy or rollback to its end. */
export const waitInputSpecs = {
  wait: { schema: booleanInput(false), example: 'true' },
  'poll-interval': { schema: durationInput('2s'), example: '2s' },
} satisfies Record<string, InputSpec>;

/** Default report path, relative to GITHUB_WORKSPACE (DESIGN: one report per gate). */
export const DEFAULT_REPORT_PATH = 'release-gate/report.json';
