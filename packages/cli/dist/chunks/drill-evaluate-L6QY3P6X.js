import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  drillEvaluate,
  enforceDrillAttention
} from "./chunk-365T2QMQ.js";
import "./chunk-AY4B4RV3.js";
import "./chunk-GJWIN6ME.js";
import "./chunk-7KG7ZHVP.js";
import {
  artifactNameInput,
  refuseGitHubOnly,
  trustedWorkflowsInput
} from "./chunk-ZCVJKLHO.js";
import {
  consoleLogger
} from "./chunk-DNYRF2ZZ.js";
import {
  booleanInput,
  nowInput,
  optionalString,
  parseInputs,
  stringInput
} from "./chunk-BTGJ4AZN.js";
import {
  flagSource
} from "./chunk-HHRHPQOT.js";
import "./chunk-SV4FLVHX.js";
import "./chunk-T3AUEBCL.js";
import "./chunk-FEJLSRR4.js";
import "./chunk-ZUWSAP7Z.js";
import "./chunk-H3HWWZLP.js";
import "./chunk-6MQO5ODA.js";
import "./chunk-ONBS6DE5.js";

// packages/core/src/specs/drill-evaluate.ts
var drillEvaluateSpec = {
  inputs: {
    staging: { schema: optionalString, example: "drill/staging/report.json" },
    production: { schema: optionalString, example: "drill/production/report.json" },
    events: { schema: optionalString, example: "receiver/events.jsonl" },
    calibration: {
      schema: optionalString,
      example: "'failureRate: { threshold: 20% }' or .github/drill-calibration.yml"
    },
    owner: { schema: optionalString, example: "${{ github.actor }}" },
    "delta-applied": { schema: stringInput("no"), example: "'yes: budgets.rollback 15m'" },
    "previous-log": { schema: optionalString, example: "previous/release-gate-drill-log.md" },
    "previous-log-artifact": {
      schema: artifactNameInput.transform((raw) => raw || void 0),
      example: "release-gate-drill-delta-report"
    },
    "trusted-workflows": { schema: trustedWorkflowsInput, example: "'release-gate-drill.yml, drill.yml'" },
    "github-token": { schema: optionalString, example: "${{ github.token }}", secret: true },
    "out-dir": { schema: stringInput("build-artifacts"), example: "build-artifacts" },
    now: { schema: nowInput, example: "2026-01-15T11:00:00Z" },
    "fail-on-attention": { schema: booleanInput(false), example: "true", flag: "boolean" }
  }
};
var DRILL_EVALUATE_GITHUB_ONLY = [
  "previous-log-artifact",
  "trusted-workflows",
  "github-token"
];

// packages/cli/src/commands/drill-evaluate.ts
var USAGE = `release-gate drill-evaluate [flags]

Evaluates a rollback drill: per environment drill_passed / attention_required / missing, the three
rollback-callback alert conditions over the receiver's event log, and calibration deltas. Writes
release-gate-drill-delta-report.{json,md} and appends one row to release-gate-drill-log.md.

Flags (the action's inputs):
  --staging <path>          staging release-gate report of the drill (no file: missing)
  --production <path>       production release-gate report of the drill (no file: missing)
  --events <path>           the receiver's JSON-lines event log (streamed)
  --calibration <file|yaml> calibration file or inline YAML/JSON (default: built-in defaults)
  --owner <name>            drill owner for the report and log
  --delta-applied <text>    recorded in the log row (default: no)
  --previous-log <path>     drill log to extend (default: the one in --out-dir, if any)
  --out-dir <dir>           output folder (default: build-artifacts)
  --now <iso>               evaluation time (default: now)
  --fail-on-attention       exit 1 when an environment is not drill_passed
CLI only:
  --json                    print the report JSON on stdout instead of the summary
The inputs that act on GitHub (${DRILL_EVALUATE_GITHUB_ONLY.join(", ")}) are the action's only.

Exit codes: 0 evaluated, 1 attention needed with --fail-on-attention, 2 bad usage or an unreadable file.`;
async function run(argv) {
  const flags = flagSource(argv, drillEvaluateSpec.inputs, USAGE, process.env, { json: { type: "boolean" } });
  if (flags.help) {
    process.stdout.write(`${USAGE}
`);
    return 0;
  }
  refuseGitHubOnly(flags.values, DRILL_EVALUATE_GITHUB_ONLY, "drill-evaluate");
  const inputs = parseInputs(drillEvaluateSpec, flags.source);
  const { report, paths } = await drillEvaluate({
    workspace: process.cwd(),
    staging: inputs.staging,
    production: inputs.production,
    events: inputs.events,
    calibration: inputs.calibration,
    owner: inputs.owner,
    deltaApplied: inputs["delta-applied"],
    now: inputs.now,
    outDir: inputs["out-dir"],
    previousLog: inputs["previous-log"],
    logger: consoleLogger()
  });
  if (flags.values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}
`);
  else {
    for (const env of [report.staging, report.production]) {
      process.stdout.write(`${env.slot}: ${env.status}
`);
      for (const reason of env.reasons) process.stdout.write(`  - ${reason}
`);
    }
    process.stdout.write(`alerts: ${report.firingAlerts.length ? report.firingAlerts.join(", ") : "none"}
`);
    for (const delta of report.deltas)
      process.stdout.write(
        `delta ${delta.setting}: ${delta.current} -> ${delta.proposed} (${delta.reason})
`
      );
    for (const note of report.notes) process.stdout.write(`note: ${note}
`);
    process.stdout.write(`report: ${paths.json}
markdown: ${paths.markdown}
log: ${paths.log}
`);
  }
  enforceDrillAttention(report, inputs["fail-on-attention"]);
  return 0;
}
export {
  run
};
