// docs/workflows.md: the inputs, secrets and outputs of every reusable workflow (`on: workflow_call`),
// generated from .github/workflows/*.yml, plus the starter templates that call them.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { markdownCell, markdownCode } from '../lib/markdown.mjs';

const root = new URL('../..', import.meta.url).pathname;
const cell = markdownCell;
const code = markdownCode;

function table(header, rows) {
  if (!rows.length) return '_none_\n';
  return `${[
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n')}\n`;
}

const dir = join(root, '.github/workflows');
const reusable = readdirSync(dir)
  .filter((name) => /\.ya?ml$/.test(name))
  // The gate first, then the rest by name.
  .sort((a, b) => (a === 'release-gate.yml' ? -1 : b === 'release-gate.yml' ? 1 : a.localeCompare(b)))
  .map((name) => ({ name, doc: parse(readFileSync(join(dir, name), 'utf8')) }))
  .filter(({ doc }) => doc?.on && typeof doc.on === 'object' && 'workflow_call' in doc.on);

const templatesDir = join(root, 'action-templates');
const templates = existsSync(templatesDir)
  ? readdirSync(templatesDir)
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
  : [];

const parts = [
  '# Reusable workflows',
  '',
  '<!-- generated from .github/workflows/*.yml by npm run generate; do not edit -->',
  '',
  'Call them from your own workflow with `uses: org/release-actions/.github/workflows/<file>@v1`; they only',
  'run when called (`on: workflow_call`), so schedules and manual triggers live in your workflow: copy one',
  'of the [starter templates](../action-templates/). Start with [getting-started.md](getting-started.md).',
  '',
];
for (const { name, doc } of reusable) {
  const call = doc.on.workflow_call ?? {};
  const header = readFileSync(join(dir, name), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('# '))
    .map((line) => line.slice(2))
    .join(' ');
  parts.push(
    `## ${name}`,
    '',
    header,
    '',
    '```yaml',
    `uses: org/release-actions/.github/workflows/${name}@v1`,
    '```',
    '',
  );
  parts.push(
    '### Inputs',
    '',
    table(
      ['Input', 'Type', 'Required', 'Default', 'Description'],
      Object.entries(call.inputs ?? {}).map(([key, spec]) => [
        `\`${key}\``,
        spec?.type ?? '',
        spec?.required ? 'yes' : 'no',
        code(spec?.default),
        cell(spec?.description),
      ]),
    ),
  );
  parts.push(
    '### Secrets',
    '',
    table(
      ['Secret', 'Required', 'Description'],
      Object.entries(call.secrets ?? {}).map(([key, spec]) => [
        `\`${key}\``,
        spec?.required ? 'yes' : 'no',
        cell(spec?.description),
      ]),
    ),
  );
  parts.push(
    '### Outputs',
    '',
    table(
      ['Output', 'Description'],
      Object.entries(call.outputs ?? {}).map(([key, spec]) => [`\`${key}\``, cell(spec?.description)]),
    ),
  );
  const permissions = Object.entries(doc.jobs ?? {}).map(
    ([id, job]) =>
      `- \`${id}\`: ${
        job?.permissions && Object.keys(job.permissions).length
          ? Object.entries(job.permissions)
              .map(([scope, level]) => `${scope}: ${level}`)
              .join(', ')
          : 'none'
      }`,
  );
  parts.push('### Permissions (the calling job must grant at least these)', '', ...permissions, '');
}
parts.push('## Starter templates', '');
for (const name of templates) {
  const meta = existsSync(join(templatesDir, name.replace(/\.ya?ml$/, '.properties.json')))
    ? JSON.parse(readFileSync(join(templatesDir, name.replace(/\.ya?ml$/, '.properties.json')), 'utf8'))
    : {};
  parts.push(
    `- [\`${name}\`](../action-templates/${name}): **${meta.name ?? name}**. ${meta.description ?? ''}`,
  );
}
parts.push('');
const out = join(root, 'docs/workflows.md');
writeFileSync(out, parts.join('\n'));
console.log(
  `workflow-docs: ${reusable.length} reusable workflows, ${templates.length} templates in docs/workflows.md`,
);
