import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// packages/core/src/logger.ts
var silentLogger = {
  info: () => {
  },
  warning: () => {
  },
  error: () => {
  },
  debug: () => {
  },
  group: (_name, fn) => fn()
};

// packages/core/src/version.ts
var VERSION = "1.0.0";
var USER_AGENT = `release-actions/${VERSION}`;

export {
  silentLogger,
  USER_AGENT
};
