import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// packages/core/src/version.ts
var VERSION = "1.0.0";
var USER_AGENT = `release-actions/${VERSION}`;

export {
  USER_AGENT
};
