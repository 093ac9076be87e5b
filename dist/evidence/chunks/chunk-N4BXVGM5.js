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

export {
  silentLogger
};
