import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  EVIDENCE_KIND_INPUTS,
  evidenceFailedMessage,
  evidenceInputSpecs,
  evidencePartialMessage,
  evidenceSpec,
  produceEvidence
} from "./chunk-5UTBZZ76.js";
import {
  evidenceKinds
} from "./chunk-UW4UXIXP.js";
import "./chunk-UI7C4ZYB.js";
import "./chunk-3Q2W3BOO.js";
import "./chunk-CCK4FFWN.js";
import {
  consoleLogger
} from "./chunk-DNYRF2ZZ.js";
import {
  parseInputs
} from "./chunk-BTGJ4AZN.js";
import {
  UsageError,
  flagSource
} from "./chunk-HHRHPQOT.js";
import "./chunk-SV4FLVHX.js";
import "./chunk-T3AUEBCL.js";
import "./chunk-FEJLSRR4.js";
import {
  GATE_FAILED_EXIT,
  USAGE_EXIT
} from "./chunk-UQP3W3S5.js";
import {
  ConfigurationError,
  errorMessage
} from "./chunk-ZUWSAP7Z.js";
import "./chunk-H3HWWZLP.js";
import "./chunk-HYXZD6JN.js";
import "./chunk-6MQO5ODA.js";
import "./chunk-WQ3LWH7R.js";
import "./chunk-7POJXVZZ.js";
import "./chunk-ONBS6DE5.js";

// packages/cli/src/commands/evidence.ts
import { resolve } from "node:path";
var PURPOSE = {
  "receiver-validation": "Proves a callback receiver's contract: a signed event accepted; forged, unsigned, stale and malformed\nevents rejected with 4xx; a replayed webhook-id counted once (through --receiver-metrics-url).",
  "receiver-drill": "Sends one release_gate.callback drill event (data.drill: true) per environment and confirms it arrived\n(receiver metrics counter moved and/or its event log holds it) within --deadline.",
  "load-calibration": "Bounded load with autocannon against explicit targets only (no default target), compared with latency\nand error budgets; proposes calibrated budgets with headroom."
};
var EXTRA_FLAGS = {
  json: { type: "boolean" },
  target: { type: "string", multiple: true }
};
var FOOTER = "Writes <out-dir>/release-gate-<kind>-report.json and .md. Exit codes: 0 passed or partial (checks skipped), 1 failed, 2 bad usage.";
function flagLines(kind) {
  const line = (flag, text) => `${`  ${flag}`.padEnd(34)}${text}`;
  return [
    ...EVIDENCE_KIND_INPUTS[kind].map((name) => {
      const input = evidenceInputSpecs[name];
      const env = "env" in input ? ` (or env ${input.env})` : "";
      const repeat = name === "targets" ? " (repeatable; or --target)" : "";
      return line(`--${name} <value>`, `e.g. ${input.example}${env}${repeat}`);
    }),
    line("--json", "print the JSON report on stdout instead of the markdown summary")
  ];
}
function kindUsage(kind) {
  return [
    `release-gate evidence ${kind} [flags]`,
    "",
    PURPOSE[kind],
    "",
    "Flags (the same names and defaults as the evidence action inputs):",
    ...flagLines(kind),
    "",
    FOOTER
  ].join("\n");
}
var USAGE = [
  "release-gate evidence <kind> [flags]   (or --kind <kind>)",
  "",
  "Produces the evidence the readiness gate demands, as the evidence action does: a versioned JSON report",
  "and a markdown summary. Kinds:",
  ...evidenceKinds.flatMap((kind) => ["", `${kind}:`, PURPOSE[kind], "", ...flagLines(kind)]),
  "",
  "Flags take the same names and defaults as the evidence action inputs.",
  FOOTER
].join("\n");
var processIo = () => ({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd()
});
var isKind = (value) => evidenceKinds.includes(value);
function readFlags(argv, env) {
  const [first, ...rest] = argv;
  const positional = first !== void 0 && !first.startsWith("-") ? first : void 0;
  const { source, help, values } = flagSource(
    positional === void 0 ? argv : rest,
    evidenceInputSpecs,
    positional !== void 0 && isKind(positional) ? kindUsage(positional) : USAGE,
    env,
    EXTRA_FLAGS
  );
  const flagKind = values.kind;
  if (positional !== void 0 && flagKind !== void 0 && flagKind.trim() !== positional)
    throw new UsageError(`the kind is given twice, '${positional}' and --kind '${flagKind}': give it once`);
  const given = positional ?? source.read("kind");
  const kind = isKind(given) ? given : void 0;
  if (help) return { help: kind ? kindUsage(kind) : USAGE };
  if (kind) {
    const takes = /* @__PURE__ */ new Set(["kind", "help", "json", ...EVIDENCE_KIND_INPUTS[kind]]);
    if (takes.has("targets")) takes.add("target");
    const foreign = Object.keys(values).filter((flag) => !takes.has(flag));
    if (foreign.length)
      throw new UsageError(
        `${foreign.map((flag) => `--${flag}`).join(", ")}: not a flag of ${kind}

${kindUsage(kind)}`
      );
  }
  const kindSource = {
    // The kind is mostly the first argument, so messages call it that rather than --kind.
    describe: (name) => name === "kind" ? "the kind" : source.describe(name),
    example: (name, value) => name === "kind" ? `release-gate evidence ${value}` : source.example(name, value),
    read: (name) => {
      if (name === "kind") return given;
      if (kind && !EVIDENCE_KIND_INPUTS[kind].includes(name)) return "";
      if (name === "targets")
        return [source.read(name), ...values.target ?? []].filter(Boolean).join("\n");
      return source.read(name);
    }
  };
  return { values: parseInputs(evidenceSpec, kindSource), json: values.json === true };
}
async function run(argv, io = processIo()) {
  const fail = (error) => {
    io.stderr.write(`release-gate evidence: ${errorMessage(error)}
`);
    return USAGE_EXIT;
  };
  let parsed;
  try {
    parsed = readFlags(argv, io.env);
  } catch (error) {
    return fail(error);
  }
  if ("help" in parsed) {
    io.stdout.write(`${parsed.help}
`);
    return 0;
  }
  const { values, json } = parsed;
  let outcome;
  try {
    outcome = await produceEvidence(values, {
      logger: consoleLogger({ stream: io.stderr }),
      resolvePath: (path) => resolve(io.cwd, path)
    });
  } catch (error) {
    if (error instanceof ConfigurationError) return fail(error);
    throw error;
  }
  const { report, written } = outcome;
  io.stdout.write(json ? `${JSON.stringify(report, null, 2)}
` : `${written.markdown}
`);
  io.stderr.write(`${report.kind} ${report.status}: ${written.jsonPath}, ${written.markdownPath}
`);
  if (report.status === "passed") return 0;
  if (report.status === "partial") {
    io.stderr.write(`warning: ${evidencePartialMessage(outcome)}
`);
    return 0;
  }
  if (values["fail-on-failed"]) return GATE_FAILED_EXIT;
  io.stderr.write(
    `warning: ${evidenceFailedMessage(outcome)}; --${"fail-on-failed"} is false, so this exits 0
`
  );
  return 0;
}
export {
  USAGE,
  kindUsage,
  run
};
