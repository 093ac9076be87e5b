import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  splitList
} from "./chunk-BTGJ4AZN.js";
import {
  ConfigurationError
} from "./chunk-ZUWSAP7Z.js";
import {
  NEVER,
  string
} from "./chunk-H3HWWZLP.js";

// packages/core/src/inputs/artifacts.ts
var FORBIDDEN_NAME_CHARS = /["':<>|*?\r\n\\/]/;
var artifactNameInput = string().superRefine((raw, ctx) => {
  if (raw && FORBIDDEN_NAME_CHARS.test(raw))
    ctx.addIssue({ code: "custom", message: 'must not contain " : < > | * ? \\ / or line breaks' });
  if (raw.length > 256) ctx.addIssue({ code: "custom", message: "must be at most 256 characters" });
});
var retentionDaysInput = string().transform((raw, ctx) => {
  if (raw === "" || raw === "0") return void 0;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 90) {
    ctx.addIssue({
      code: "custom",
      message: "must be a whole number of days from 1 to 90 (empty: repository default)"
    });
    return NEVER;
  }
  return Number(raw);
});
var DEFAULT_TRUSTED_WORKFLOWS = [
  "release-gate.yml",
  "release-gate-drill.yml",
  "rollback.yml",
  "readiness-checklist.yml"
];
var WORKFLOW_FILE = /^[A-Za-z0-9._-]+\.ya?ml$/;
var trustedWorkflowsInput = string().transform((raw, ctx) => {
  const names = splitList(raw).map((name) => name.replace(/^\.github\/workflows\//, ""));
  if (!names.length) return [...DEFAULT_TRUSTED_WORKFLOWS];
  const bad = names.filter((name) => !WORKFLOW_FILE.test(name));
  if (bad.length) {
    ctx.addIssue({
      code: "custom",
      message: `must be workflow file names like release-gate.yml, not ${bad.map((b) => `'${b}'`).join(", ")}`
    });
    return NEVER;
  }
  return names;
});
var artifactNamesInput = string().transform((raw, ctx) => {
  const names = splitList(raw);
  const bad = names.filter((name) => FORBIDDEN_NAME_CHARS.test(name));
  if (bad.length) {
    ctx.addIssue({
      code: "custom",
      message: `artifact names must not contain " : < > | * ? \\ /: ${bad.map((b) => `'${b}'`).join(", ")}`
    });
    return NEVER;
  }
  return [...new Set(names)];
});

// packages/cli/src/github-only.ts
function refuseGitHubOnly(values, names, action) {
  const given = names.filter((name) => values[name] !== void 0).map((name) => `--${name}`);
  if (!given.length) return;
  throw new ConfigurationError(
    `${given.join(", ")}: only the ${action} action takes ${given.length > 1 ? "these inputs" : "this input"}, on GitHub (artifacts, the GitHub API); the CLI works on local files, so leave ${given.length > 1 ? "them" : "it"} out`
  );
}

export {
  artifactNameInput,
  retentionDaysInput,
  trustedWorkflowsInput,
  artifactNamesInput,
  refuseGitHubOnly
};
