import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  releaseLogMarkdown,
  reportSteps
} from "./chunk-4SBYOLP5.js";
import {
  boundedTable
} from "./chunk-KX3PDJEI.js";
import {
  formatDuration
} from "./chunk-FEJLSRR4.js";

// packages/core/src/render/gate-summary.ts
var FAILED_STATES = /* @__PURE__ */ new Set(["failed", "error"]);
function taskName(text) {
  return text.replace(/[:#;]/g, " ").replace(/\s+/g, " ").trim();
}
function gateTimeline(report) {
  const steps = reportSteps(report).filter(
    (step) => Number.isFinite(Date.parse(step.startedAt)) && Number.isFinite(Date.parse(step.finishedAt))
  );
  if (!steps.length) return "";
  const lines = [
    "```mermaid",
    "gantt",
    `  title ${taskName(`${report.service} ${report.version ?? ""} -> ${report.environment} (times UTC)`)}`,
    "  dateFormat x",
    "  axisFormat %H:%M:%S"
  ];
  steps.forEach((step, index) => {
    const start = Date.parse(step.startedAt);
    const end = Math.max(Date.parse(step.finishedAt), start + 1);
    const tag = FAILED_STATES.has(step.state) ? "crit, " : "done, ";
    lines.push(`  section ${taskName(step.label)}`);
    lines.push(
      `  ${taskName(`${step.state} ${formatDuration(step.durationMs)}`)} :${tag}s${index}, ${start}, ${end}`
    );
  });
  lines.push("```");
  return `${lines.join("\n")}
`;
}
function stepDetail(report, key) {
  switch (key) {
    case "deploy":
      return report.deploy?.deploymentId ? `deployment ${report.deploy.deploymentId}` : "";
    case "smoke": {
      const smoke = report.smoke;
      if (!smoke) return "";
      if (smoke.result === "error") return `could not run: ${smoke.error ?? "unknown error"}`;
      const failed = smoke.probes.filter((probe) => probe.verdict === "failed").map((probe) => probe.name);
      return `${smoke.passedCount} passed, ${smoke.failedCount} failed${failed.length ? `: ${failed.slice(0, 5).join(", ")}` : ""}`;
    }
    case "rollback":
      return report.rollback ? `to ${report.rollback.rollbackRef ?? "(not resolved)"}${report.rollback.rollbackVersion ? ` (version ${report.rollback.rollbackVersion})` : ""}${report.rollback.drill ? " (drill)" : ""}` : "";
    case "verify": {
      const smoke = report.rollbackCallback?.smoke;
      return smoke ? `re-smoke ${smoke.result}: ${smoke.passedCount} passed, ${smoke.failedCount} failed` : "";
    }
    default:
      return "";
  }
}
function gateSummaryMarkdown(input) {
  const { report } = input;
  const verdict = report.verdict;
  const promoted = verdict?.value === "promote";
  const icon = promoted ? "\u2705" : "\u26D4";
  const what = `${report.service}${report.version ? ` ${report.version}` : ""} \u2192 ${report.environment}`;
  const parts = [];
  parts.push(`## ${icon} Release gate: ${promoted ? "promote" : "blocked"} (${what})
`);
  if (!promoted && verdict?.reasons.length) {
    parts.push(`**Why blocked:**

${verdict.reasons.map((reason) => `- ${reason}`).join("\n")}
`);
  }
  const steps = reportSteps(report);
  const ordered = [
    ...steps.filter((s) => FAILED_STATES.has(s.state)),
    ...steps.filter((s) => !FAILED_STATES.has(s.state))
  ];
  parts.push(
    boundedTable(
      ["Step", "Result", "Duration", "Detail"],
      ordered.map((step) => [
        step.label,
        FAILED_STATES.has(step.state) ? `\u274C ${step.state}` : step.state,
        formatDuration(step.durationMs),
        stepDetail(report, step.key)
      ]),
      64 * 1024
    )
  );
  const sha = report.sha ? `\`${report.sha.slice(0, 12)}\`` : "unknown sha";
  const run = report.run.url ? ` \xB7 [run](${report.run.url})` : "";
  parts.push(`
ref ${report.ref ?? "-"} \xB7 ${sha}${run}
`);
  if (input.deployment) {
    const d = input.deployment;
    parts.push(
      d.recorded ? `GitHub deployment ${d.deploymentId}: ${d.state} (${d.description})
` : `\u26A0\uFE0F GitHub deployment ${d.deploymentId}: could not set ${d.state}: ${d.error}
`
    );
  }
  const timeline = gateTimeline(report);
  if (timeline) parts.push(`
### Timeline

${timeline}`);
  const evidence = [];
  if (input.bundlePath)
    evidence.push(
      `bundle \`${input.bundlePath}\` (${input.bundleFiles?.length ?? 0} files, sha256 in manifest.json)`
    );
  if (input.artifact) {
    const id = input.artifact.id !== void 0 ? ` (id ${input.artifact.id})` : "";
    evidence.push(
      input.artifact.url ? `artifact [${input.artifact.name}](${input.artifact.url})${id}` : `artifact \`${input.artifact.name}\`${id}`
    );
  }
  if (evidence.length) parts.push(`
### Evidence

${evidence.map((line) => `- ${line}`).join("\n")}
`);
  if (input.logRows?.length)
    parts.push(`
### Release log (newest first)

${releaseLogMarkdown(input.logRows, 10)}`);
  return parts.join("\n");
}

export {
  gateSummaryMarkdown
};
