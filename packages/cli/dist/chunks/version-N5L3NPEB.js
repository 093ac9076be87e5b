import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  VERSION
} from "./chunk-WQ3LWH7R.js";
import "./chunk-ONBS6DE5.js";

// packages/cli/src/commands/version.ts
async function run() {
  process.stdout.write(`release-gate ${VERSION}
`);
  return 0;
}
export {
  run
};
