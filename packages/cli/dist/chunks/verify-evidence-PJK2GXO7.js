import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  verifyEvidence
} from "./chunk-CXCIOPH6.js";
import "./chunk-SV4FLVHX.js";
import "./chunk-T3AUEBCL.js";
import {
  GATE_FAILED_EXIT,
  USAGE_EXIT
} from "./chunk-UQP3W3S5.js";
import {
  errorMessage
} from "./chunk-ZUWSAP7Z.js";
import "./chunk-H3HWWZLP.js";
import "./chunk-6MQO5ODA.js";
import "./chunk-ONBS6DE5.js";

// packages/cli/src/commands/verify-evidence.ts
import { parseArgs } from "node:util";
var USAGE = `release-gate verify-evidence <bundle-dir> [--json]

Re-checks an evidence bundle (a release-gate/ folder, e.g. an unzipped release-gate-report artifact)
against its manifest.json: every listed file present with the same size and sha256, no file added.
Exit codes: 0 intact, 1 a file was changed, removed or added (each named), 2 bad usage or no manifest.`;
async function run(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true
    });
  } catch (error) {
    process.stderr.write(`release-gate verify-evidence: ${errorMessage(error)}

${USAGE}
`);
    return USAGE_EXIT;
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}
`);
    return 0;
  }
  if (parsed.positionals.length !== 1) {
    process.stderr.write(`release-gate verify-evidence: give exactly one bundle folder

${USAGE}
`);
    return USAGE_EXIT;
  }
  const dir = parsed.positionals[0];
  const check = await verifyEvidence(dir);
  if (parsed.values.json) process.stdout.write(`${JSON.stringify(check, null, 2)}
`);
  if (check.ok) {
    if (!parsed.values.json)
      process.stdout.write(`evidence intact: ${check.checked} files match manifest.json in ${dir}
`);
    return 0;
  }
  for (const problem of check.problems) {
    process.stderr.write(`${problem.path}: ${problem.problem} (${problem.detail})
`);
  }
  process.stderr.write(`evidence NOT intact: ${check.problems.length} problem(s) in ${dir}
`);
  return GATE_FAILED_EXIT;
}
export {
  run
};
