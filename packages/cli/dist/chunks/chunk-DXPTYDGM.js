import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  parseJsonPath
} from "./chunk-YGJASLSA.js";

// packages/core/src/probes/scenario/schema.ts
function parseValueSource(raw) {
  const text = raw.trim();
  const header = /^header:\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)$/i.exec(text);
  if (header) return { from: "header", header: header[1].toLowerCase() };
  if (/^header:/i.test(text)) return `'${raw}' names no header; use e.g. header:x-app-version`;
  const path = text.replace(/^body:\s*/i, "");
  if (!parseJsonPath(path) || path === "" || path === "$")
    return `'${raw}' is not a JSON path or header; use e.g. build.version or header:x-app-version`;
  return { from: "body", path };
}
function describeSource(source) {
  return source.from === "header" ? `header ${source.header}` : `body ${source.path}`;
}

export {
  parseValueSource,
  describeSource
};
