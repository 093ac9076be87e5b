import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// packages/core/src/logger.ts
function consoleLogger(options = {}) {
  const stream = options.stream ?? process.stderr;
  const write = (line) => stream.write(`${line}
`);
  return {
    info: (message) => write(message),
    warning: (message) => write(`warning: ${message}`),
    error: (message) => write(`error: ${message}`),
    debug: (message) => {
      if (options.verbose) write(`debug: ${message}`);
    },
    group: async (name, fn) => {
      write(`== ${name}`);
      return fn();
    }
  };
}
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
  consoleLogger,
  silentLogger
};
