import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// packages/core/src/errors.ts
var ConfigurationError = class extends Error {
  name = "ConfigurationError";
};
function errorMessage(error) {
  return error instanceof Error ? error.message : String(error);
}
var GateBlocked = class extends Error {
  name = "GateBlocked";
};

export {
  ConfigurationError,
  errorMessage,
  GateBlocked
};
