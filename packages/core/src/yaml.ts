/**
 * Parses YAML (and so JSON). The parser is imported on the first call, so a run that reads no YAML never
 * loads it. It comes through yaml-parser.ts, an ES module: `yaml` is CommonJS under Node, and in a
 * code-split bundle a CommonJS module reached by import() has only a default export.
 */
export async function parseYaml(text: string): Promise<unknown> {
  const { parse } = await import('./yaml-parser.js');
  return parse(text);
}
