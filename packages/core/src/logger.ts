/**
 * Where progress goes. Actions back it with `@actions/core` (annotations, groups); the CLI and tests with
 * the console. Core logic only ever sees this interface.
 */
export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

export function consoleLogger(options: { verbose?: boolean; stream?: NodeJS.WritableStream } = {}): Logger {
  const stream = options.stream ?? process.stderr;
  const write = (line: string) => stream.write(`${line}\n`);
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
    },
  };
}

export const silentLogger: Logger = {
  info: () => {},
  warning: () => {},
  error: () => {},
  debug: () => {},
  group: (_name, fn) => fn(),
};
