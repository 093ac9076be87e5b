// Loads a workflow the way GitHub does: GitHub's own parser (@actions/workflow-parser) validates the file
// and converts it, fetching the reusable workflows it calls; the `if:` of every job and step arrives already
// wrapped in `success() && (...)` where it names no status function, as the service does.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  convertWorkflowTemplate,
  isMapping,
  isSequence,
  isString,
  NoOperationTraceWriter,
  parseWorkflow,
} from '@actions/workflow-parser';
import type { WorkflowTemplate } from '@actions/workflow-parser/model/workflow-template';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { parse as parseYaml } from 'yaml';
import { type ActionsRepository, checkoutRef, ownReference } from './refs.js';

/** The repository this checkout is, as users reference it (the owner placeholder of the templates). */
export const OWN_REPOSITORY = 'org/release-actions';

export interface LoadedWorkflow {
  path: string;
  template: WorkflowTemplate;
  /** The file as plain YAML: `permissions:` and other keys the converter does not keep. */
  raw: RawWorkflow;
  /** The parsed token tree: step `with:` lives only here (the converter does not keep it). */
  tokens: TemplateToken;
  /** Every reusable workflow it calls, by `uses:` reference: raw YAML and parsed tokens. */
  called: Map<string, { raw: RawWorkflow; tokens: TemplateToken }>;
}

// biome-ignore lint/suspicious/noExplicitAny: raw YAML
export type RawWorkflow = Record<string, any>;

/**
 * Where a `uses:` reference to a reusable workflow lives in this checkout: `org/release-actions/<path>@<ref>`
 * and `./<path>` both resolve to the working tree (which ref `@v1` names on github.com is not provable here).
 */
export function calledWorkflowPath(repoRoot: string, reference: string): string {
  const own = new RegExp(`^${OWN_REPOSITORY}/(.+)@[^@]+$`).exec(reference);
  if (own) return join(repoRoot, own[1]!);
  if (reference.startsWith('./')) return join(repoRoot, reference.slice(2));
  throw new Error(`the runner resolves only this repository's workflows, not '${reference}'`);
}

/**
 * The text of a called reusable workflow: from the working tree (`calledWorkflowPath`), or, for
 * `org/release-actions/<path>@<ref>` with an actions repository, from that ref's commit (refs.ts).
 */
export async function calledWorkflowText(
  repoRoot: string,
  reference: string,
  actionsRepository?: ActionsRepository,
): Promise<string> {
  const own = actionsRepository ? ownReference(OWN_REPOSITORY, reference) : undefined;
  if (actionsRepository && own) {
    const { dir } = await checkoutRef(actionsRepository, own.ref);
    const file = join(dir, own.path);
    if (!existsSync(file))
      throw new Error(`'${reference}': no ${own.path} at that ref of the actions repository`);
    return readFile(file, 'utf8');
  }
  return readFile(calledWorkflowPath(repoRoot, reference), 'utf8');
}

export async function loadWorkflow(
  repoRoot: string,
  path: string,
  actionsRepository?: ActionsRepository,
): Promise<LoadedWorkflow> {
  const content = await readFile(join(repoRoot, path), 'utf8');
  const parsed = parseWorkflow({ name: path, content }, new NoOperationTraceWriter());
  const called: LoadedWorkflow['called'] = new Map();
  // The parser reports only "Unable to find reusable workflow"; keep why (e.g. an unknown ref).
  const fetchErrors: string[] = [];
  const errors = parsed.context.errors.getErrors().map((error) => error.message);
  if (!parsed.value || errors.length) throw new Error(`${path}: ${errors.join('; ')}`);
  const template = await convertWorkflowTemplate(
    parsed.context,
    parsed.value,
    {
      async getFileContent(ref) {
        const reference =
          'owner' in ref ? `${ref.owner}/${ref.repository}/${ref.path}@${ref.version}` : `./${ref.path}`;
        const text = await calledWorkflowText(repoRoot, reference, actionsRepository).catch(
          (error: Error) => {
            fetchErrors.push(error.message);
            throw error;
          },
        );
        const tokens = parseWorkflow({ name: reference, content: text }, new NoOperationTraceWriter()).value;
        if (tokens) called.set(reference, { raw: parseYaml(text) as RawWorkflow, tokens });
        return { name: reference, content: text };
      },
    },
    { fetchReusableWorkflowDepth: 1 },
  );
  const conversionErrors = [
    ...fetchErrors,
    ...(template.errors ?? []).map((error) => error.Message),
    ...parsed.context.errors.getErrors().map((error) => error.message),
  ];
  if (conversionErrors.length) throw new Error(`${path}: ${[...new Set(conversionErrors)].join('; ')}`);
  return { path, template, raw: parseYaml(content) as RawWorkflow, tokens: parsed.value, called };
}

/** A key of a mapping token, or undefined. */
function child(token: TemplateToken | undefined, key: string): TemplateToken | undefined {
  if (!token || !isMapping(token)) return undefined;
  for (const pair of token) if (isString(pair.key) && pair.key.value === key) return pair.value;
  return undefined;
}

/** The `with:` mapping of step `index` of job `jobId`, from the parsed tokens. */
export function stepWith(tokens: TemplateToken, jobId: string, index: number): TemplateToken | undefined {
  const steps = child(child(child(tokens, 'jobs'), jobId), 'steps');
  if (!steps || !isSequence(steps) || index >= steps.count) return undefined;
  return child(steps.get(index), 'with');
}
