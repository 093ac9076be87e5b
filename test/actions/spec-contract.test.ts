import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ACTIONS, repoRoot } from '../harness/action.js';

/**
 * Each action's inputs and outputs are declared twice: in `<action>/action.yml` (what the runner and users
 * see) and in its spec in core (what the action and the CLI parse). They must name the same things.
 */
const camel = (name: string) => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
const pascal = (name: string) => camel(name).replace(/^\w/, (c) => c.toUpperCase());

interface SpecModule {
  [name: string]: unknown;
}

async function specOf(action: string) {
  const module = (await import(join(repoRoot, 'packages/core/src/specs', `${action}.ts`))) as SpecModule;
  const spec = module[`${camel(action)}Spec`] as { inputs: Record<string, unknown> } | undefined;
  const outputs = module[`${pascal(action)}Outputs`] as Record<string, string> | undefined;
  return { spec, outputs };
}

function actionYaml(action: string) {
  return parseYaml(readFileSync(join(repoRoot, action, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
  };
}

describe.each(ACTIONS)('%s', (action) => {
  test(`its spec (packages/core/src/specs/${action}.ts) declares exactly the inputs of action.yml`, async () => {
    const { spec } = await specOf(action);
    expect(spec).toBeDefined();
    expect(Object.keys(spec!.inputs).sort()).toEqual(Object.keys(actionYaml(action).inputs ?? {}).sort());
  });

  test('its outputs map names exactly the outputs of action.yml', async () => {
    const { outputs } = await specOf(action);
    expect(outputs).toBeDefined();
    expect(Object.values(outputs!).sort()).toEqual(Object.keys(actionYaml(action).outputs ?? {}).sort());
  });
});
