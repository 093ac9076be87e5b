import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  decisionMarkdown,
  enforceReadiness,
  readinessChecklist
} from "./chunk-KTWMI4J7.js";
import "./chunk-GJWIN6ME.js";
import "./chunk-UW4UXIXP.js";
import "./chunk-7KG7ZHVP.js";
import {
  artifactNameInput,
  artifactNamesInput,
  refuseGitHubOnly,
  retentionDaysInput,
  trustedWorkflowsInput
} from "./chunk-ZCVJKLHO.js";
import "./chunk-4SBYOLP5.js";
import "./chunk-CXCIOPH6.js";
import "./chunk-DNYRF2ZZ.js";
import {
  DEFAULT_REPORT_PATH
} from "./chunk-TNPGTQZG.js";
import {
  booleanInput,
  durationInput,
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
import "./chunk-YGJASLSA.js";
import {
  NEVER,
  string
} from "./chunk-H3HWWZLP.js";
import "./chunk-6MQO5ODA.js";
import "./chunk-ONBS6DE5.js";

// packages/core/src/specs/readiness-checklist.ts
var branchName = string().transform((raw, ctx) => {
  const value = (raw || "main").replace(/^refs\/heads\//, "");
  if (/\s/.test(value)) {
    ctx.addIssue({ code: "custom", message: "must be a branch name without spaces" });
    return NEVER;
  }
  return value;
});
var readinessChecklistSpec = {
  inputs: {
    checklist: { schema: optionalString, example: ".github/release-readiness.yml" },
    "target-ref": { schema: optionalString, example: "${{ github.ref }}" },
    "release-owner": { schema: optionalString, example: "alice" },
    "rollback-owner": { schema: optionalString, example: "bob" },
    "rollback-ref": { schema: optionalString, example: "v1.4.2" },
    "main-branch": { schema: branchName, example: "main" },
    "release-tag-pattern": { schema: optionalString, example: "'v*'" },
    report: { schema: stringInput(DEFAULT_REPORT_PATH), example: DEFAULT_REPORT_PATH },
    "report-max-age": { schema: durationInput("7d"), example: "7d" },
    "drill-report": {
      schema: optionalString,
      example: "build-artifacts/release-gate-drill-delta-report.json"
    },
    "artifacts-dir": { schema: optionalString, example: "${{ runner.temp }}/artifacts" },
    "evidence-artifacts": {
      schema: artifactNamesInput,
      example: "'release-gate-drill-delta-report, receiver-validation-report'"
    },
    "trusted-workflows": { schema: trustedWorkflowsInput, example: "'readiness-checklist.yml, drill.yml'" },
    "github-token": { schema: optionalString, example: "${{ github.token }}", secret: true },
    "out-dir": { schema: stringInput("build-artifacts"), example: "build-artifacts" },
    now: { schema: nowInput, example: "2026-01-15T11:00:00Z" },
    "artifact-name": { schema: artifactNameInput, example: "readiness-decision-record" },
    "retention-days": { schema: retentionDaysInput, example: "90" },
    upload: { schema: booleanInput(true), example: "true" }
  }
};
var READINESS_CHECKLIST_GITHUB_ONLY = [
  "evidence-artifacts",
  "trusted-workflows",
  "github-token",
  "artifact-name",
  "retention-days",
  "upload"
];

// packages/cli/src/commands/readiness-checklist.ts
var USAGE = `release-gate readiness-checklist [flags]   (also: release-gate readiness)

The go/no-go gate: built-in rules (target is the main branch, owners named, rollback ref set, latest
smoke passed, last drill fresh and passed) plus the evidence your checklist requires. Writes
release-gate-readiness-decision.{json,md}. Exit 0 on GO, 1 on NO-GO, 2 on bad usage or an unreadable file.

Flags (the action's inputs):
  --checklist <file>            checklist (YAML or JSON)
  --target-ref <ref>            ref about to be promoted (e.g. refs/heads/main, v1.5.0)
  --release-owner <name>        release owner
  --rollback-owner <name>       rollback owner
  --rollback-ref <ref>          ref a rollback would deploy
  --main-branch <name>          default: main
  --release-tag-pattern <glob>  tags allowed as target, e.g. 'v*'
  --report <path>               latest release-gate report (default: release-gate/report.json)
  --report-max-age <duration>   default: 7d
  --drill-report <path>         drill delta report (default: build-artifacts/release-gate-drill-delta-report.json)
  --artifacts-dir <dir>         folder holding downloaded artifacts (default: current directory)
  --out-dir <dir>               where the decision record goes (default: build-artifacts)
  --now <iso>                   decision time (default: now)
CLI only:
  --json                        print the decision record JSON instead of markdown
The inputs that act on GitHub (${READINESS_CHECKLIST_GITHUB_ONLY.join(", ")}) are the action's only.`;
async function run(argv) {
  const flags = flagSource(argv, readinessChecklistSpec.inputs, USAGE, process.env, {
    json: { type: "boolean" }
  });
  if (flags.help) {
    process.stdout.write(`${USAGE}
`);
    return 0;
  }
  refuseGitHubOnly(flags.values, READINESS_CHECKLIST_GITHUB_ONLY, "readiness-checklist");
  const inputs = parseInputs(readinessChecklistSpec, flags.source);
  const { record, paths } = await readinessChecklist({
    workspace: process.cwd(),
    checklist: inputs.checklist,
    facts: {
      targetRef: inputs["target-ref"],
      releaseOwner: inputs["release-owner"],
      rollbackOwner: inputs["rollback-owner"],
      rollbackRef: inputs["rollback-ref"],
      mainBranch: inputs["main-branch"],
      releaseTagPattern: inputs["release-tag-pattern"]
    },
    report: inputs.report,
    reportMaxAgeMs: inputs["report-max-age"],
    drillReport: inputs["drill-report"],
    artifactsDir: inputs["artifacts-dir"],
    outDir: inputs["out-dir"],
    now: inputs.now
  });
  process.stdout.write(
    flags.values.json ? `${JSON.stringify(record, null, 2)}
` : `${decisionMarkdown(record)}
record: ${paths.json}
`
  );
  enforceReadiness(record);
  return 0;
}
export {
  run
};
