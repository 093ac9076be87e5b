// Input and output tables in each action's README.md, generated from its action.yml, between the markers
// <!-- inputs:start --> ... <!-- inputs:end --> and <!-- outputs:start --> ... <!-- outputs:end -->.
// Every root folder with an action.yml is covered; a missing README or missing markers fail the run.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { markdownCell, markdownCode } from '../lib/markdown.mjs';

const root = new URL('../..', import.meta.url).pathname;

function inputsTable(inputs) {
  const rows = Object.entries(inputs ?? {}).map(([name, spec]) => {
    const value = spec?.default;
    const shown = markdownCode(value);
    return `| \`${name}\` | ${spec?.required ? 'yes' : 'no'} | ${shown} | ${markdownCell(spec?.description)} |`;
  });
  if (!rows.length) return '_This action has no inputs._';
  return ['| Input | Required | Default | Description |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

function outputsTable(outputs) {
  const rows = Object.entries(outputs ?? {}).map(
    ([name, spec]) => `| \`${name}\` | ${markdownCell(spec?.description)} |`,
  );
  if (!rows.length) return '_This action has no outputs._';
  return ['| Output | Description |', '| --- | --- |', ...rows].join('\n');
}

function replaceBetween(text, marker, content) {
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) return undefined;
  return `${text.slice(0, from + start.length)}\n<!-- generated from action.yml by npm run generate; do not edit -->\n${content}\n${text.slice(to)}`;
}

let updated = 0;
let current = 0;
const unmarked = [];
const touched = [];
for (const name of readdirSync(root).sort()) {
  const actionYml = join(root, name, 'action.yml');
  if (name.startsWith('.') || name === 'node_modules' || !existsSync(actionYml)) continue;
  const readme = join(root, name, 'README.md');
  let action;
  try {
    action = parse(readFileSync(actionYml, 'utf8'));
  } catch (error) {
    console.error(`readme-tables: ${name}/action.yml cannot be parsed: ${error.message.split('\n')[0]}`);
    process.exitCode = 1;
    continue;
  }
  if (!existsSync(readme)) {
    unmarked.push(`${name}/README.md (missing)`);
    continue;
  }
  const before = readFileSync(readme, 'utf8');
  let text = before;
  for (const [marker, table] of [
    ['inputs', inputsTable(action.inputs)],
    ['outputs', outputsTable(action.outputs)],
  ]) {
    const next = replaceBetween(text, marker, table);
    if (next === undefined) unmarked.push(`${name}/README.md (no ${marker} markers)`);
    else text = next;
  }
  if (text !== before) writeFileSync(readme, text);
  touched.push({ readme, before });
}
for (const { readme, before } of touched) {
  if (readFileSync(readme, 'utf8') !== before) updated++;
  else current++;
}
// Every action's README must carry its tables: a missing README or missing markers fails the run.
if (unmarked.length) {
  console.error(
    `readme-tables: every action needs a README.md with <!-- inputs:start/end --> and <!-- outputs:start/end --> markers; missing in: ${unmarked.join(', ')}`,
  );
  process.exitCode = 1;
}
console.log(`readme-tables: ${updated} README(s) updated, ${current} already current`);
