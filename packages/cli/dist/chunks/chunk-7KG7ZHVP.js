import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// packages/core/src/yaml.ts
async function parseYaml(text) {
  const { parse } = await import("./yaml-parser-KNA74PYR.js");
  return parse(text);
}

export {
  parseYaml
};
