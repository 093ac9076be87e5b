import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  refText,
  renderTemplate,
  templateRefs
} from "./chunk-Z3EUDQGL.js";
import {
  ConfigurationError
} from "./chunk-ZUWSAP7Z.js";

// packages/core/src/probes/metrics/template.ts
var METRIC_TEMPLATE_NAMES = ["environment", "version", "sha"];
var RELEASE_VALUE = /\{\{\s*(environment|version|sha)\s*\}\}/g;
var ANY_TEMPLATE = /\{\{([^{}]*)\}\}/g;
var KNOWN = "use {{ environment }}, {{ version }}, {{ sha }} or {{ env.NAME }}";
function metricEnvRefs(text, field) {
  const { refs, error } = templateRefs(text.replace(RELEASE_VALUE, ""));
  if (error) throw new ConfigurationError(`${field}: ${error.replace(/; use .*$/, `; ${KNOWN}`)}`);
  const step = refs.find((ref) => ref.kind === "step");
  if (step) {
    throw new ConfigurationError(
      `${field}: ${refText(step)} is a scenario step's capture, which a metric probe has none of; ${KNOWN}`
    );
  }
  return refs.flatMap((ref) => ref.kind === "env" ? [ref.name] : []);
}
function renderMetricTemplate(text, field, sources) {
  metricEnvRefs(text, field);
  return text.replace(ANY_TEMPLATE, (whole, inner) => {
    const name = inner.trim();
    if (METRIC_TEMPLATE_NAMES.includes(name)) {
      const value = sources.templates[name];
      if (value === void 0 || value === "") {
        throw new ConfigurationError(
          `${field}: {{ ${name} }} has no value; set the smoke input '${name}'${name === "sha" ? " (it defaults to the run's GITHUB_SHA)" : ""}`
        );
      }
      return value;
    }
    return renderTemplate(whole, (ref) => {
      const variable = ref.kind === "env" ? ref.name : "";
      const value = sources.env[variable];
      if (value === void 0) {
        throw new ConfigurationError(
          `${field}: {{ env.${variable} }}: the environment variable ${variable} is not set (pass it with env: in the workflow)`
        );
      }
      if (value) sources.onSecret?.(value);
      return value;
    });
  });
}

export {
  metricEnvRefs,
  renderMetricTemplate
};
