import * as z from 'zod';
import {
  booleanInput,
  durationInput,
  integerInput,
  optionalString,
  requiredString,
  signingSecretInput,
} from '../inputs/schemas.js';
import type { InputSpecs } from '../inputs/spec.js';
import { secretParts } from '../secret-parts.js';
import { isValidIdempotencyKey } from '../webhooks/idempotency.js';

/**
 * A webhook URL: validated and returned exactly as given. Empty is allowed here; actions that need it say
 * so in their own checks. The URL is a secret, and so is its normalised form when that is another string
 * (see `urlSecretForms`).
 */
export const webhookUrlInput = z.string().transform((raw, ctx) => {
  if (raw === '') return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
    return raw;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be an http:// or https:// URL' });
    return z.NEVER;
  }
});

/**
 * The parts of a secret URL to mask besides the raw text parsing already masked: its normalised form
 * (`new URL()` writes `https://Hooks.example.com:443/x` as `https://hooks.example.com/x`), its path and
 * query, and each distinctive part a server may echo alone (userinfo, query values, credential-looking
 * path segments and host labels; see `secretParts`).
 */
export function urlSecretForms(raw: string | undefined): string[] {
  return secretParts(raw, 'url').filter((part) => part !== raw);
}

export const idempotencyKeyInput = z.string().transform((raw, ctx) => {
  if (raw === '') return undefined;
  if (!isValidIdempotencyKey(raw)) {
    ctx.addIssue({ code: 'custom', message: 'must be 1 to 255 printable characters without spaces' });
    return z.NEVER;
  }
  return raw;
});

/** Delivery attempts of one webhook. */
export const maxAttemptsInput = integerInput(5, 1, 20);

/**
 * The inputs every webhook action shares (names as in action.yml; defaults there too, repeated here for
 * the CLI). The CLI takes the secrets from the environment when the flag is absent, to keep them out of
 * shell history.
 */
export const webhookInputSpecs = {
  'webhook-url': {
    schema: webhookUrlInput,
    example: '${{ secrets.DEPLOY_WEBHOOK_URL }}',
    secret: true,
    env: 'RELEASE_GATE_WEBHOOK_URL',
  },
  'signing-secret': {
    schema: signingSecretInput,
    example: '${{ secrets.RELEASE_GATE_SIGNING_SECRET }}',
    secret: true,
    env: 'RELEASE_GATE_SIGNING_SECRET',
  },
  'bearer-token': {
    schema: optionalString,
    example: '${{ secrets.DEPLOY_TOKEN }}',
    secret: true,
    env: 'RELEASE_GATE_BEARER_TOKEN',
  },
  'idempotency-key': { schema: idempotencyKeyInput, example: 'shop-prod-${{ github.run_id }}' },
  environment: { schema: requiredString, example: 'production' },
  service: { schema: optionalString, example: 'shop' },
  ref: { schema: optionalString, example: '${{ github.ref }}' },
  sha: { schema: optionalString, example: '${{ github.sha }}' },
  version: { schema: optionalString, example: '1.4.2' },
  drill: { schema: booleanInput(false), example: 'false', flag: 'boolean' },
  timeout: { schema: durationInput('10s'), example: '10s' },
  deadline: { schema: durationInput('2m'), example: '2m' },
  'max-attempts': { schema: maxAttemptsInput, example: '5' },
  'dry-run': { schema: booleanInput(false), example: 'true', flag: 'boolean' },
  'report-path': { schema: optionalString, example: 'release-gate/report.json' },
} satisfies InputSpecs;

/** The token input, where an action talks to the GitHub API (the CLI also reads GITHUB_TOKEN). */
export const githubTokenSpec = {
  'github-token': {
    schema: optionalString,
    example: '${{ github.token }}',
    secret: true,
    env: 'GITHUB_TOKEN',
  },
} satisfies InputSpecs;

/** `wait` and `poll-interval` of the actions that can poll a deploy or rollback to its end. */
export const waitInputSpecs = {
  wait: { schema: booleanInput(false), example: 'true', flag: 'boolean' },
  'poll-interval': { schema: durationInput('2s'), example: '2s' },
} satisfies InputSpecs;
