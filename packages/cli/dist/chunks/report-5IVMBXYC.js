import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  artifactNameInput,
  refuseGitHubOnly,
  retentionDaysInput,
  trustedWorkflowsInput
} from "./chunk-ZCVJKLHO.js";
import {
  gateSummaryMarkdown
} from "./chunk-22ZUNWU4.js";
import {
  RELEASE_LOG_FILE,
  SUMMARY_MARKDOWN_FILE,
  enforceVerdict,
  finalizeGate
} from "./chunk-4SBYOLP5.js";
import "./chunk-CXCIOPH6.js";
import {
  consoleLogger
} from "./chunk-DNYRF2ZZ.js";
import "./chunk-KX3PDJEI.js";
import {
  reportPathInput
} from "./chunk-TNPGTQZG.js";
import {
  booleanInput,
  deploymentIdInput,
  listInput,
  optionalString,
  parseInputs
} from "./chunk-BTGJ4AZN.js";
import {
  flagSource
} from "./chunk-HHRHPQOT.js";
import "./chunk-SV4FLVHX.js";
import "./chunk-T3AUEBCL.js";
import {
  formatDuration
} from "./chunk-FEJLSRR4.js";
import {
  ConfigurationError
} from "./chunk-ZUWSAP7Z.js";
import "./chunk-H3HWWZLP.js";
import "./chunk-6MQO5ODA.js";
import {
  VERSION
} from "./chunk-WQ3LWH7R.js";
import "./chunk-ONBS6DE5.js";

// packages/cli/src/commands/report.ts
import { resolve } from "node:path";

// packages/core/src/specs/report.ts
var reportSpec = {
  inputs: {
    "report-path": { schema: reportPathInput, example: "release-gate/report.json" },
    evidence: {
      schema: listInput(),
      example: "'db/backup-manifest.json, logs/migrate-*.log'",
      flag: "multiple"
    },
    "previous-log": { schema: optionalString, example: "previous-release-log/release-log.tsv" },
    "previous-log-artifact": {
      schema: artifactNameInput.transform((raw) => raw || void 0),
      example: "production-release-gate-report"
    },
    "trusted-workflows": { schema: trustedWorkflowsInput, example: "'release-gate.yml, deploy.yml'" },
    owner: { schema: optionalString, example: "octocat" },
    "artifact-name": { schema: artifactNameInput, example: "shop-production-release-gate-report" },
    "retention-days": { schema: retentionDaysInput, example: "30" },
    upload: { schema: booleanInput(true), example: "true" },
    "fail-on-blocked": { schema: booleanInput(false), example: "true" },
    "require-smoke": { schema: booleanInput(true), example: "true" },
    "deployment-id": { schema: deploymentIdInput, example: "${{ steps.deploy.outputs.deployment-id }}" },
    "github-token": { schema: optionalString, example: "${{ github.token }}", secret: true }
  }
};
var REPORT_GITHUB_ONLY = [
  "previous-log-artifact",
  "trusted-workflows",
  "artifact-name",
  "retention-days",
  "upload",
  "deployment-id",
  "github-token"
];

// packages/cli/src/commands/report.ts
var USAGE = `release-gate report [flags]

Finalises a release gate, as the report action does: decides the verdict (promote or blocked, with
reasons), writes the evidence bundle beside the report (manifest.json with sha256, summary.json,
summary.md, the release log), and prints where. It does not upload (the action does).

Flags (the action's inputs):
  --report-path <file>        merged report (default release-gate/report.json)
  --evidence <pattern>        extra evidence path or glob, repeatable (copied into evidence/ and digested)
  --previous-log <file>       previous release-log.tsv to extend
  --owner <name>              release owner in the log (default: the run's actor, or $USER)
  --require-smoke <bool>      a report without smoke never promotes (default true)
  --fail-on-blocked <bool>    exit 1 when blocked (default true here; the action's default is false)
CLI only:
  --workspace <dir>           root for relative paths and evidence patterns (default: current folder)
  --allow-missing-smoke       the same as --require-smoke false
  --allow-blocked             the same as --fail-on-blocked false
  --json                      print summary.json instead of text
The inputs that act on GitHub (${REPORT_GITHUB_ONLY.join(", ")}) are the action's only.

Exit codes: 0 promote, 1 blocked, 2 bad usage or an unreadable report (file and field named).`;
var CLI_FLAGS = {
  workspace: { type: "string" },
  "allow-missing-smoke": { type: "boolean" },
  "allow-blocked": { type: "boolean" },
  json: { type: "boolean" }
};
var SHORTHANDS = {
  "allow-missing-smoke": "require-smoke",
  "allow-blocked": "fail-on-blocked"
};
function cliDefault(name, values) {
  if (name === SHORTHANDS["allow-missing-smoke"]) return values["allow-missing-smoke"] ? "false" : "";
  if (name === SHORTHANDS["allow-blocked"]) return values["allow-blocked"] ? "false" : "true";
  return "";
}
async function run(argv) {
  const flags = flagSource(argv, reportSpec.inputs, USAGE, process.env, CLI_FLAGS);
  if (flags.help) {
    process.stdout.write(`${USAGE}
`);
    return 0;
  }
  refuseGitHubOnly(flags.values, REPORT_GITHUB_ONLY, "report");
  for (const [shorthand, input] of Object.entries(SHORTHANDS)) {
    if (flags.values[shorthand] && flags.values[input] !== void 0)
      throw new ConfigurationError(`--${shorthand} is --${input} false: give one of them`);
  }
  const inputs = parseInputs(reportSpec, {
    ...flags.source,
    read: (name) => flags.source.read(name) || cliDefault(name, flags.values)
  });
  const workspace = resolve(flags.values.workspace ?? process.cwd());
  const logger = consoleLogger();
  const previousLog = inputs["previous-log"];
  const result = await finalizeGate({
    reportPath: resolve(workspace, inputs["report-path"]),
    workspace,
    evidence: inputs.evidence,
    previousLog: previousLog ? resolve(workspace, previousLog) : void 0,
    owner: inputs.owner ?? process.env.USER,
    requireSmoke: inputs["require-smoke"],
    generatedBy: `release-actions/${VERSION}`,
    logger,
    summaryMarkdown: (report, logRows) => gateSummaryMarkdown({ report, logRows })
  });
  const { verdict, summary } = result;
  if (flags.values.json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}
`);
  } else {
    const lines = [
      `verdict: ${verdict.value} (${summary.service} ${summary.version ?? ""} -> ${summary.environment}, ${formatDuration(summary.durationMs)})`,
      ...verdict.reasons.map((reason) => `  - ${reason}`),
      `evidence bundle: ${result.bundleDir} (${result.files.length} files; check with: release-gate verify-evidence ${result.bundleDir})`,
      `gate summary:    ${result.bundleDir}/${SUMMARY_MARKDOWN_FILE}`,
      `release log:     ${result.bundleDir}/${RELEASE_LOG_FILE} (${result.logRows.length} rows)`
    ];
    process.stdout.write(`${lines.join("\n")}
`);
  }
  enforceVerdict(verdict, inputs["fail-on-blocked"], logger);
  return 0;
}
export {
  run
};
