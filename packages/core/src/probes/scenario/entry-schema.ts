import * as z from 'zod';
import { type AssertionOperators, assertionOperatorsSchema } from '../../assertions.js';
import { durationSchema } from '../../duration.js';
import { parseJsonPath } from '../../json-path.js';
import { type CaptureSpec, parseValueSource, type ScenarioAssertion, type WsScriptStep } from './schema.js';

/**
 * The probes file's scenario fields (captures, header and text assertions, ws scripts, version source,
 * result keys), validated into the shapes of schema.ts. Only a probes file loads this module.
 *
 * It imports nothing from `../probes-file.ts` (which spreads `scenarioEntryShape` into the probe entry
 * schema); the body-assertion schema is passed in instead.
 */

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const keySchema = z
  .string()
  .regex(KEY, { message: 'use letters, digits and _ (starting with a letter), e.g. reconnectOk' });

export const valueSourceSchema = z.string().transform((raw, ctx) => {
  const parsed = parseValueSource(raw);
  if (typeof parsed === 'string') {
    ctx.addIssue({ code: 'custom', message: parsed });
    return z.NEVER;
  }
  return parsed;
});

/** `token: session.token` (a secret body path), or `{ path | header, secret }`. */
const captureEntrySchema = z.union([
  z.string(),
  z
    .object({
      path: z.string().optional(),
      header: z.string().optional(),
      secret: z.boolean().optional(),
    })
    .strict(),
]);

export const capturesSchema = z.record(keySchema, captureEntrySchema).transform((record, ctx) => {
  const captures: CaptureSpec[] = [];
  for (const [name, raw] of Object.entries(record)) {
    const spec = typeof raw === 'string' ? { path: raw } : raw;
    if ((spec.path === undefined) === (spec.header === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: `capture '${name}' needs exactly one of path or header, e.g. { path: session.token }`,
      });
      return z.NEVER;
    }
    const source = parseValueSource(spec.header !== undefined ? `header:${spec.header}` : spec.path!);
    if (typeof source === 'string') {
      ctx.addIssue({ code: 'custom', path: [name], message: source });
      return z.NEVER;
    }
    captures.push({ name, source, secret: spec.secret ?? true });
  }
  return captures;
});

function operators(value: Record<string, unknown>, ctx: z.RefinementCtx): AssertionOperators | undefined {
  const parsed = assertionOperatorsSchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
    return undefined;
  }
  return parsed.data;
}

const TEXT_OPS = ['contains', 'matches'];

/**
 * Every assertion a probe file accepts: `{ path, op }` (JSON body, the existing schema passed in),
 * `{ header, op }`, or `{ contains | matches }` on the body text.
 */
export function assertionSchemaWith<B extends z.ZodType>(bodySchema: B) {
  return z.looseObject({}).transform((value, ctx): z.output<B> | ScenarioAssertion => {
    if (Object.hasOwn(value, 'path')) {
      const parsed = bodySchema.safeParse(value);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
        return z.NEVER;
      }
      return parsed.data;
    }
    if (Object.hasOwn(value, 'header')) {
      const { header, ...rest } = value;
      if (typeof header !== 'string' || !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(header)) {
        ctx.addIssue({
          code: 'custom',
          message: `'${String(header)}' is not a header name; use e.g. location`,
        });
        return z.NEVER;
      }
      const op = operators(rest, ctx);
      if (!op) return z.NEVER;
      return { subject: 'header', header: header.toLowerCase(), op: headerOperators(op) };
    }
    const used = Object.keys(value);
    if (!used.length || used.some((key) => !TEXT_OPS.includes(key))) {
      ctx.addIssue({
        code: 'custom',
        message:
          'an assertion needs a path (JSON body, e.g. { path: mode, equals: sso }), a header (e.g. { header: location, matches: ^https:// }), or only contains/matches for the body text',
      });
      return z.NEVER;
    }
    const op = operators(value, ctx);
    if (!op) return z.NEVER;
    return { subject: 'text', op };
  });
}

/** Header values are text: `equals: 410` compares with "410". */
function headerOperators(op: AssertionOperators): AssertionOperators {
  const text = (v: unknown) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v);
  return {
    ...op,
    ...(op.equals !== undefined ? { equals: text(op.equals) } : {}),
    ...(op.in !== undefined ? { in: op.in.map(text) } : {}),
  };
}

/** What a message must match: `{ path, <op> }`, or `{ contains | matches }` on the message text. */
const expectSchema = z.looseObject({}).transform((value, ctx) => {
  const { path, ...rest } = value;
  if (path !== undefined && (typeof path !== 'string' || !parseJsonPath(path))) {
    ctx.addIssue({ code: 'custom', message: `'${String(path)}' is not a path; use e.g. type` });
    return z.NEVER;
  }
  if (path === undefined && Object.keys(rest).some((key) => !TEXT_OPS.includes(key))) {
    ctx.addIssue({
      code: 'custom',
      message:
        'expect needs a path with an operator (e.g. { path: type, equals: joined }) or contains/matches',
    });
    return z.NEVER;
  }
  const op = operators(rest, ctx);
  if (!op) return z.NEVER;
  return { path: path as string | undefined, op };
});

const messageSchema = z.union([
  z.string(),
  z.number().transform(String),
  z.record(z.string(), z.unknown()).transform((v) => JSON.stringify(v)),
  z.array(z.unknown()).transform((v) => JSON.stringify(v)),
]);

const scriptItemSchema = z
  .object({
    send: messageSchema.optional(),
    expect: expectSchema.optional(),
    within: durationSchema.optional(),
    capture: capturesSchema.optional(),
    reconnect: z.literal(true).optional(),
  })
  .strict()
  .transform((item, ctx): WsScriptStep => {
    const kinds = (['send', 'expect', 'reconnect'] as const).filter((k) => item[k] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `each script step is one of send, expect or reconnect (got ${kinds.join(', ') || 'none'}), e.g. - send: { type: join }`,
      });
      return z.NEVER;
    }
    if (kinds[0] !== 'expect' && (item.within !== undefined || item.capture !== undefined)) {
      ctx.addIssue({ code: 'custom', message: 'within and capture belong to an expect step' });
      return z.NEVER;
    }
    if (item.capture?.some((capture) => capture.source.from === 'header')) {
      ctx.addIssue({
        code: 'custom',
        message:
          'a message has no headers: capture from it with a path, e.g. { sessionId: { path: sessionId } }',
      });
      return z.NEVER;
    }
    if (item.send !== undefined) return { kind: 'send', text: item.send };
    if (item.reconnect) return { kind: 'reconnect' };
    const expectation = item.expect!;
    return {
      kind: 'expect',
      ...(expectation.path !== undefined ? { path: expectation.path } : {}),
      op: expectation.op,
      ...(item.within !== undefined ? { withinMs: item.within } : {}),
      captures: (item.capture ?? []).map((c) => ({ ...c })),
    };
  });

/** The fields a probe file entry gains (spread into `probeFileEntrySchema`). */
export const scenarioEntryShape = {
  /** `false`: judge the first answer (inspect a redirect). Default true (up to 5 redirects). */
  followRedirects: z.boolean().optional(),
  /** Values to capture from the response, for later steps and the report. */
  capture: capturesSchema.optional(),
  /** A WebSocket conversation (ws probes only). */
  script: z.array(scriptItemSchema).min(1).optional(),
  /** Where this probe's response reports its version (overrides the `version-from` input). */
  versionFrom: valueSourceSchema.optional(),
  /** `false`: this probe is not held to `expected-version`. */
  checkVersion: z.boolean().optional(),
  /** `captured.<key>` in the report: true when this probe passed. */
  resultKey: keySchema.optional(),
};

/** The probe-file fields added by scenarios, for the "known fields" hint. */
export const SCENARIO_FIELDS = Object.keys(scenarioEntryShape);
