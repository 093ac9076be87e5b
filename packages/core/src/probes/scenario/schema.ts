import type { AssertionOperators } from '../../assertions.js';
import { parseJsonPath } from '../../json-path.js';

/**
 * The scenario additions to a probe: header and text-body assertions, redirect inspection, captured
 * values, WebSocket conversation scripts, the expected-version check and step membership. Everything a
 * probe gains lives in one optional `scenario` field, so probes without any of it are unchanged.
 *
 * This module holds the shapes a run uses and no schema; the probes file's scenario fields are validated
 * by entry-schema.ts, which only a probes file loads.
 */

/** A response header checked with one operator: `{ header: location, matches: ^https://id\.example\.com/ }`. */
export interface HeaderAssertion {
  subject: 'header';
  /** Lower case. */
  header: string;
  op: AssertionOperators;
}

/** The whole body as text: `{ contains: "Sign in" }` or `{ matches: "^OK" }` (no path, no header). */
export interface TextAssertion {
  subject: 'text';
  op: AssertionOperators;
}

export type ScenarioAssertion = HeaderAssertion | TextAssertion;

/** Where a value comes from: a dotted JSON path in the body, or a response header. */
export type ValueSource = { from: 'body'; path: string } | { from: 'header'; header: string };

export interface CaptureSpec {
  name: string;
  source: ValueSource;
  /** Secret by default: masked, redacted everywhere, `***` in the report. */
  secret: boolean;
}

export type WsScriptStep =
  | { kind: 'send'; text: string }
  | {
      kind: 'expect';
      /** A JSON path and operator, or only `contains`/`matches` on the message text. */
      path?: string;
      op: AssertionOperators;
      withinMs?: number;
      captures: CaptureSpec[];
    }
  | { kind: 'reconnect' };

export interface VersionCheck {
  expected: string;
  source: ValueSource;
}

/** A probe that is one step of a scenario. */
export interface StepRef {
  scenario: string;
  /** The step's own name, as templates refer to it: `{{ steps.<step>.<capture> }}`. */
  step: string;
  index: number;
  count: number;
  /** The scenario's `resultKey`: `captured.<key>` is true when every step passed. */
  scenarioResultKey?: string;
}

export interface ScenarioOptions {
  assertions: ScenarioAssertion[];
  captures: CaptureSpec[];
  /** `false`: the first answer is judged, redirects are not followed. */
  followRedirects?: boolean;
  script?: WsScriptStep[];
  version?: VersionCheck;
  /** `captured.<key>` is true when this probe passed, false otherwise. */
  resultKey?: string;
  step?: StepRef;
  /** The probe uses `{{ ... }}` templates: resolved before each run from this raw entry. */
  template?: TemplateSource;
  /** Set at run time: registers a secret (capture, env value) for masking and redaction at once. */
  registerSecret?: (value: string) => void;
}

/** The raw entry, kept for resolving templates at run time (see run.ts). */
export interface TemplateSource {
  entry: Record<string, unknown>;
  where: string;
}

/** `header:x-app-version`, `body:build.version`, or a bare JSON path (`build.version`). */
export function parseValueSource(raw: string): ValueSource | string {
  const text = raw.trim();
  const header = /^header:\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)$/i.exec(text);
  if (header) return { from: 'header', header: header[1]!.toLowerCase() };
  if (/^header:/i.test(text)) return `'${raw}' names no header; use e.g. header:x-app-version`;
  const path = text.replace(/^body:\s*/i, '');
  if (!parseJsonPath(path) || path === '' || path === '$')
    return `'${raw}' is not a JSON path or header; use e.g. build.version or header:x-app-version`;
  return { from: 'body', path };
}

export function describeSource(source: ValueSource): string {
  return source.from === 'header' ? `header ${source.header}` : `body ${source.path}`;
}
