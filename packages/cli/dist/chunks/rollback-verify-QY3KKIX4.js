import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  announceKey,
  printOutcome,
  webhookCommand
} from "./chunk-U6IV6YM6.js";
import {
  RollbackVerifyOutputs,
  rollbackVerifySpec,
  verifyRollback
} from "./chunk-2ZMIWN2Q.js";
import "./chunk-EBTB37RT.js";
import "./chunk-YREJWBSN.js";
import "./chunk-BLM3FOXA.js";
import {
  cliRunCommand,
  renderSmokeText,
  smokeFlagSource
} from "./chunk-EHHAN7BO.js";
import "./chunk-7KG7ZHVP.js";
import "./chunk-EYWORLD6.js";
import "./chunk-CCK4FFWN.js";
import "./chunk-5WY74I76.js";
import "./chunk-3VQ6CCCC.js";
import "./chunk-DNYRF2ZZ.js";
import "./chunk-WQ3LWH7R.js";
import "./chunk-KX3PDJEI.js";
import "./chunk-3A6Y4Q6K.js";
import "./chunk-2ASCEQBG.js";
import "./chunk-HHRHPQOT.js";
import "./chunk-HB5BSYUU.js";
import "./chunk-KHKFXWMI.js";
import {
  GATE_FAILED_EXIT
} from "./chunk-UQP3W3S5.js";
import "./chunk-ZUWSAP7Z.js";
import "./chunk-D5A2CQ5Y.js";
import "./chunk-6UTPUW5S.js";
import "./chunk-X5TKRRXM.js";
import "./chunk-P3LWNGI6.js";
import "./chunk-HYXZD6JN.js";
import "./chunk-7POJXVZZ.js";
import "./chunk-6MQO5ODA.js";
import "./chunk-ONBS6DE5.js";

// packages/cli/src/commands/rollback-verify.ts
var USAGE = `release-gate rollback-verify --environment <name> --url <url> [--url ...] [flags]

Verifies a rollback: re-runs the smoke probes against the rolled-back version, sends a signed
rollback.verify event to --webhook-url and a release_gate.callback event to --metrics-url (the
receiver's /internal/release-gate/callbacks). Prints rollback-callback-state=<verified|failed|skipped_missing_webhook>.

Probes (as release-gate smoke): --url (repeatable), --urls, --probes, --bearer-token, --header,
  --expected-status, --timeout, --deadline, --max-attempts, --expected-version, --version-from (per probe)
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
    probeLabels: { urls: "--url/--urls", probes: "--probes" }
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
