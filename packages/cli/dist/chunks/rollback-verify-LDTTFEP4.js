import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  announceKey,
  printOutcome,
  webhookCommand
} from "./chunk-QNEBKFX7.js";
import {
  RollbackVerifyOutputs,
  rollbackVerifySpec,
  verifyRollback
} from "./chunk-P5LEF6BC.js";
import "./chunk-GK73KFT3.js";
import "./chunk-UI7C4ZYB.js";
import "./chunk-3Q2W3BOO.js";
import {
  cliRunCommand,
  renderSmokeText,
  smokeFlagSource
} from "./chunk-VSOPE5BG.js";
import "./chunk-7KG7ZHVP.js";
import "./chunk-EYWORLD6.js";
import "./chunk-IKJXUY4X.js";
import "./chunk-CCK4FFWN.js";
import "./chunk-FWXROSSO.js";
import "./chunk-Z3EUDQGL.js";
import "./chunk-DNYRF2ZZ.js";
import "./chunk-KX3PDJEI.js";
import "./chunk-TNPGTQZG.js";
import "./chunk-BTGJ4AZN.js";
import "./chunk-HHRHPQOT.js";
import "./chunk-SV4FLVHX.js";
import "./chunk-T3AUEBCL.js";
import "./chunk-FEJLSRR4.js";
import {
  GATE_FAILED_EXIT
} from "./chunk-UQP3W3S5.js";
import "./chunk-ZUWSAP7Z.js";
import "./chunk-ISG4PMMP.js";
import "./chunk-DXPTYDGM.js";
import "./chunk-YGJASLSA.js";
import "./chunk-H3HWWZLP.js";
import "./chunk-HYXZD6JN.js";
import "./chunk-6MQO5ODA.js";
import "./chunk-WQ3LWH7R.js";
import "./chunk-7POJXVZZ.js";
import "./chunk-ONBS6DE5.js";

// packages/cli/src/commands/rollback-verify.ts
var USAGE = `release-gate rollback-verify --environment <name> --url <url> [--url ...] [flags]

Verifies a rollback: re-runs the smoke probes against the rolled-back version, sends a signed
rollback.verify event to --webhook-url and a release_gate.callback event to --metrics-url (the
receiver's /internal/release-gate/callbacks). Prints rollback-callback-state=<verified|failed|skipped_missing_webhook>.

Probes (as release-gate smoke): --url (repeatable), --urls, --probes, --bearer-token, --header,
  --expected-status, --timeout, --deadline, --max-attempts, --expected-version, --version-from (per probe),
  --watch, --watch-interval, --watch-failure-limit (bake time)
Webhooks (as the rollback-verify inputs):
  --webhook-url <url>            verify webhook (or env RELEASE_GATE_WEBHOOK_URL)
  --metrics-url <url>            callback receiver
  --signing-secret <secret>      (or env RELEASE_GATE_SIGNING_SECRET)
  --webhook-bearer-token <t>     (or env RELEASE_GATE_WEBHOOK_BEARER_TOKEN)
  --webhook-timeout 10s --webhook-deadline 2m --webhook-max-attempts 5
  --rollback-ref <ref> --rollback-state <state>   default: the report's rollback section
  --service --ref --sha --version --drill --dry-run
  --run-id <id> [--run-attempt n] [--repository owner/name]   derive Idempotency-Keys (default fresh)
  --idempotency-key <key>        use this key as is
  --report-path <file>           default release-gate/report.json
  -v, --verbose

Exit codes: 0 verified or skipped_missing_webhook, 1 failed, 2 bad usage.`;
async function run(argv) {
  const command = webhookCommand("rollback-verify", argv, rollbackVerifySpec, USAGE, {
    readFlags: smokeFlagSource
  });
  if (typeof command === "number") return command;
  const { inputs, context, logger } = command;
  if (inputs["webhook-url"]) announceKey(command, "rollback.verify");
  if (inputs["metrics-url"]) announceKey(command, "release_gate.callback");
  const cwd = process.cwd();
  const result = await verifyRollback(inputs, context, {
    logger,
    runCommand: cliRunCommand,
    env: { ...process.env, GITHUB_WORKSPACE: cwd },
    probeLabels: { urls: "--url/--urls", probes: "--probes", base: "the current directory" }
  });
  process.stderr.write(`${renderSmokeText(result.smoke)}
`);
  for (const outcome of [result.verify, result.metrics])
    if (outcome) process.stderr.write(`${outcome.message}
`);
  printOutcome(
    {
      [RollbackVerifyOutputs.RollbackCallbackState]: result.state,
      [RollbackVerifyOutputs.SmokeResult]: result.smoke.result,
      [RollbackVerifyOutputs.DeliveryId]: result.verify?.deliveryId ?? "",
      [RollbackVerifyOutputs.MetricsDeliveryId]: result.metrics?.deliveryId ?? "",
      [RollbackVerifyOutputs.DurationMs]: String(result.durationMs)
    },
    void 0
  );
  return result.problems.length ? GATE_FAILED_EXIT : 0;
}
export {
  run
};
