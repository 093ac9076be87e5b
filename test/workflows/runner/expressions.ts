// Expression evaluation as the runner does it: GitHub's own lexer, parser and evaluator
// (@actions/expressions) over plain JSON contexts, with the status functions supplied as GitHub defines them.
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { TokenType } from '@actions/expressions/lexer';
import {
  isBasicExpression,
  isBoolean,
  isMapping,
  isNumber,
  isSequence,
  isString,
} from '@actions/workflow-parser';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';

/** Plain JSON contexts by name (`github`, `inputs`, `secrets`, `steps`, ...). */
export type Contexts = Record<string, unknown>;

/**
 * The job's state as the status functions see it: `success()` is true while nothing before failed
 * (a step with continue-on-error does not count), `failure()` once something failed, `cancelled()` once
 * the run was cancelled; `always()` is always true.
 */
export interface JobStatus {
  failed: boolean;
  cancelled: boolean;
}

const toData = (value: unknown): data.ExpressionData =>
  JSON.parse(JSON.stringify(value ?? null), data.reviver) as data.ExpressionData;
const fromData = (value: data.ExpressionData): unknown => JSON.parse(JSON.stringify(value, data.replacer));

function statusFunctions(status: JobStatus): Map<string, FunctionDefinition> {
  const fn = (name: string, maxArgs: number, value: () => boolean): [string, FunctionDefinition] => [
    name,
    { name, minArgs: 0, maxArgs, call: () => new data.BooleanData(value()) },
  ];
  return new Map([
    fn('success', 0, () => !status.failed && !status.cancelled),
    fn('failure', 0, () => status.failed && !status.cancelled),
    fn('cancelled', 0, () => status.cancelled),
    fn('always', 0, () => true),
  ]);
}

const STATUS_INFO = ['success', 'failure', 'cancelled', 'always'].map((name) => ({
  name,
  minArgs: 0,
  maxArgs: 0,
}));

/** Evaluates one expression (the text inside `${{ }}`) to a plain JSON value. */
export function evaluateExpression(
  expression: string,
  contexts: Contexts,
  status: JobStatus = { failed: false, cancelled: false },
): unknown {
  const lexed = new Lexer(expression).lex();
  // @actions/expressions 0.3.61 unescapes only the first `''` of a string literal (`replace`, not
  // `replaceAll`); GitHub's service unescapes every one. Recompute string values from their lexemes.
  for (const token of lexed.tokens) {
    if (token.type === TokenType.STRING) token.value = token.lexeme.slice(1, -1).replaceAll("''", "'");
  }
  const tree = new Parser(lexed.tokens, Object.keys(contexts), STATUS_INFO).parse();
  const dictionary = new data.Dictionary();
  for (const [name, value] of Object.entries(contexts)) dictionary.add(name, toData(value));
  return fromData(new Evaluator(tree, dictionary, statusFunctions(status)).evaluate());
}

/** Truthiness as GitHub's expression language defines it (`if:` conditions). */
export function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === '' || value === 0) return false;
  if (typeof value === 'number' && Number.isNaN(value)) return false;
  return true;
}

/** Evaluates a template token (mapping, sequence, literal or expression) to plain JSON. */
export function evaluateToken(
  token: TemplateToken | undefined,
  contexts: Contexts,
  status?: JobStatus,
): unknown {
  if (!token) return undefined;
  if (isBasicExpression(token)) return evaluateExpression(token.expression, contexts, status);
  if (isString(token)) return token.value;
  if (isBoolean(token)) return token.value;
  if (isNumber(token)) return token.value;
  if (isSequence(token)) {
    const out: unknown[] = [];
    for (let i = 0; i < token.count; i++) out.push(evaluateToken(token.get(i), contexts, status));
    return out;
  }
  if (isMapping(token)) {
    const out: Record<string, unknown> = {};
    for (const pair of token)
      out[String(evaluateToken(pair.key, contexts, status))] = evaluateToken(pair.value, contexts, status);
    return out;
  }
  return null;
}

/** A value as the runner passes it to a step (`with:`, `env:`): strings as they are, the rest as JSON text. */
export function asString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Evaluates a mapping token to a string map (`with:`, `env:`, `outputs:`). */
export function evaluateStringMap(
  token: TemplateToken | undefined,
  contexts: Contexts,
  status?: JobStatus,
): Record<string, string> {
  const value = evaluateToken(token, contexts, status);
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, asString(item)]));
}
