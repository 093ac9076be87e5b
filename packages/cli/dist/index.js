#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  GATE_FAILED_EXIT,
  USAGE_EXIT
} from "./chunks/chunk-UQP3W3S5.js";
import {
  ConfigurationError,
  GateBlocked,
  errorMessage
} from "./chunks/chunk-ZUWSAP7Z.js";
import {
  redactOutput,
  runSecrets
} from "./chunks/chunk-6MQO5ODA.js";
import "./chunks/chunk-ONBS6DE5.js";

// packages/cli/src/commands.ts
var COMMANDS = {
  version: { summary: "print the version", load: () => import("./chunks/version-N5L3NPEB.js") },
  demo: {
    summary: "a local release gate with no setup (sample service, smoke, report)",
    load: () => import("./chunks/demo-7VTGFXST.js")
  },
  smoke: {
    summary: "smoke http, ws, tcp and command targets; write the report smoke section",
    load: () => import("./chunks/smoke-EQNEEBJY.js")
  },
  report: {
    summary: "finalise a gate: verdict, evidence bundle, release log, summary",
    load: () => import("./chunks/report-5IVMBXYC.js")
  },
  "verify-evidence": {
    summary: "re-check an evidence bundle against its manifest (sha256)",
    load: () => import("./chunks/verify-evidence-PJK2GXO7.js")
  },
  "drill-evaluate": {
    summary: "evaluate a rollback drill: statuses, alert conditions, deltas, drill log",
    load: () => import("./chunks/drill-evaluate-L6QY3P6X.js")
  },
  "readiness-checklist": {
    summary: "go/no-go readiness checklist with a decision record",
    load: () => import("./chunks/readiness-checklist-U6OA55FZ.js")
  },
  evidence: {
    summary: "readiness evidence of one kind: receiver-validation, receiver-drill or load-calibration",
    load: () => import("./chunks/evidence-Z6CMP7QN.js")
  },
  "deploy-webhook": {
    summary: "send a signed, idempotent deploy webhook; optionally wait for completion",
    load: () => import("./chunks/deploy-webhook-NLKXYFYZ.js")
  },
  "trigger-rollback": {
    summary: "trigger a rollback webhook to the last known-good version",
    load: () => import("./chunks/trigger-rollback-6OEJOFEB.js")
  },
  "rollback-verify": {
    summary: "verify a rollback: re-smoke, verify webhook, release_gate.callback to the metrics receiver",
    load: () => import("./chunks/rollback-verify-LDTTFEP4.js")
  },
  receiver: {
    summary: "run the reference webhook receiver (signatures, dedupe, event log, /metrics)",
    load: () => import("./chunks/receiver-7477MKB5.js")
  }
};
var ALIASES = {
  deploy: { command: "deploy-webhook" },
  rollback: { command: "trigger-rollback" },
  verify: { command: "rollback-verify" },
  readiness: { command: "readiness-checklist" },
  "validate-receiver": { command: "evidence", prepend: ["receiver-validation"] },
  "drill-receiver": { command: "evidence", prepend: ["receiver-drill"] },
  "calibrate-load": { command: "evidence", prepend: ["load-calibration"] }
};
function resolveCommand(verb, argv) {
  if (verb in COMMANDS) return { name: verb, entry: COMMANDS[verb], argv };
  const alias = ALIASES[verb];
  if (!alias) return void 0;
  return { name: alias.command, entry: COMMANDS[alias.command], argv: [...alias.prepend ?? [], ...argv] };
}

// packages/cli/src/scrubbed-output.ts
function scrubProcessOutput() {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk, ...rest) => {
      if (!runSecrets.size) return write(chunk, ...rest);
      const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      return write(redactOutput(text), ...rest);
    });
  }
}

// packages/cli/src/main.ts
var NAME_WIDTH = Math.max(...Object.keys(COMMANDS).map((name) => name.length)) + 1;
var HELP = `release-gate <command> [flags]

The release gate outside GitHub: the same logic as the actions, for a laptop or another CI.

Commands:
${Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(NAME_WIDTH)} ${command.summary}`).join("\n")}

Older names, still accepted: ${Object.entries(ALIASES).map(([verb, alias]) => `${verb} (${[alias.command, ...alias.prepend ?? []].join(" ")})`).join(", ")}.

Run 'release-gate <command> --help' for its flags. Exit codes: 0 success, 1 gate failed, 2 bad usage.`;
async function main(argv) {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(`${HELP}
`);
    return name ? 0 : USAGE_EXIT;
  }
  const command = resolveCommand(name === "--version" || name === "-V" ? "version" : name, rest);
  if (!command) {
    process.stderr.write(`release-gate: unknown command '${name}'

${HELP}
`);
    return USAGE_EXIT;
  }
  const module = await command.entry.load();
  try {
    return await module.run(command.argv);
  } catch (error) {
    const code = exitCodeFor(error);
    if (code === void 0) throw error;
    process.stderr.write(`release-gate ${command.name}: ${errorMessage(error)}
`);
    return code;
  }
}
function exitCodeFor(error) {
  if (error instanceof GateBlocked) return GATE_FAILED_EXIT;
  if (error instanceof ConfigurationError) return USAGE_EXIT;
  return void 0;
}
scrubProcessOutput();
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
