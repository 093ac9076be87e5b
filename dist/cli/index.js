#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
var __defProp = Object.defineProperty;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// packages/cli/src/version.ts
var VERSION;
var init_version = __esm({
  "packages/cli/src/version.ts"() {
    "use strict";
    VERSION = "1.0.0";
  }
});

// packages/cli/src/commands/version.ts
var version_exports = {};
__export(version_exports, {
  run: () => run
});
async function run() {
  process.stdout.write(`release-gate ${VERSION}
`);
  return 0;
}
var init_version2 = __esm({
  "packages/cli/src/commands/version.ts"() {
    "use strict";
    init_version();
  }
});

// packages/core/src/errors.ts
function errorMessage(error) {
  return error instanceof Error ? error.message : String(error);
}

// packages/cli/src/commands.ts
var USAGE_EXIT = 2;
var COMMANDS = {
  version: { summary: "print the version", load: () => Promise.resolve().then(() => (init_version2(), version_exports)) }
};

// packages/cli/src/main.ts
var HELP = `release-gate <command> [flags]

The release gate outside GitHub: the same logic as the actions, for a laptop or another CI.

Commands:
${Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(18)} ${command.summary}`).join("\n")}

Run 'release-gate <command> --help' for its flags. Exit codes: 0 success, 1 gate failed, 2 bad usage.`;
async function main(argv) {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(`${HELP}
`);
    return name ? 0 : USAGE_EXIT;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`release-gate: unknown command '${name}'

${HELP}
`);
    return USAGE_EXIT;
  }
  const module = await command.load();
  return module.run(rest);
}
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`release-gate: ${errorMessage(error)}
`);
    process.exitCode = 1;
  }
);
