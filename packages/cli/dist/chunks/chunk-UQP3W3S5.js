import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// packages/cli/src/exit-codes.ts
var GATE_FAILED_EXIT = 1;
var USAGE_EXIT = 2;

export {
  GATE_FAILED_EXIT,
  USAGE_EXIT
};
