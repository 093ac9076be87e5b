import { ConfigurationError } from '../../errors.js';
import { refText, renderTemplate, templateRefs } from '../scenario/template.js';
import type { MetricTemplateValues } from './types.js';

/*
 * Templates in a metric probe's query, header values and bearer token: `{{ environment }}`,
 * `{{ version }}`, `{{ sha }}` (the smoke's inputs) and `{{ env.NAME }}` (the scenario parser's
 * reference, a secret). The three release values are replaced first; what is left is the scenario
 * syntax, so `{{ env.NAME }}` means the same in every probe type.
 */

export const METRIC_TEMPLATE_NAMES = ['environment', 'version', 'sha'] as const;
type MetricTemplateName = (typeof METRIC_TEMPLATE_NAMES)[number];

const RELEASE_VALUE = /\{\{\s*(environment|version|sha)\s*\}\}/g;
/** Any `{{ ... }}`, as the scenario parser reads them. */
const ANY_TEMPLATE = /\{\{([^{}]*)\}\}/g;
const KNOWN = 'use {{ environment }}, {{ version }}, {{ sha }} or {{ env.NAME }}';

/** Where a template was found, for errors: `query`, `header 'X-Scope-OrgID'`, `bearerToken`. */
export type TemplateField = string;

/** The `{{ env.NAME }}` names in a text; throws naming the field for anything that is not a metric template. */
export function metricEnvRefs(text: string, field: TemplateField): string[] {
  const { refs, error } = templateRefs(text.replace(RELEASE_VALUE, ''));
  if (error) throw new ConfigurationError(`${field}: ${error.replace(/; use .*$/, `; ${KNOWN}`)}`);
  const step = refs.find((ref) => ref.kind === 'step');
  if (step) {
    throw new ConfigurationError(
      `${field}: ${refText(step)} is a scenario step's capture, which a metric probe has none of; ${KNOWN}`,
    );
  }
  return refs.flatMap((ref) => (ref.kind === 'env' ? [ref.name] : []));
}

export interface TemplateSources {
  templates: MetricTemplateValues;
  env: NodeJS.ProcessEnv;
  /** Given every env value used: it is a secret. */
  onSecret?: (value: string) => void;
}

/**
 * The text with its templates filled. A release value that was not given, or an env variable that is
 * not set, is a ConfigurationError naming it and where to set it.
 */
export function renderMetricTemplate(text: string, field: TemplateField, sources: TemplateSources): string {
  metricEnvRefs(text, field);
  // One pass over the text, so a value that happens to look like a template is inserted as it is.
  return text.replace(ANY_TEMPLATE, (whole, inner: string) => {
    const name = inner.trim();
    if ((METRIC_TEMPLATE_NAMES as readonly string[]).includes(name)) {
      const value = sources.templates[name as MetricTemplateName];
      if (value === undefined || value === '') {
        throw new ConfigurationError(
          `${field}: {{ ${name} }} has no value; set the smoke input '${name}'${name === 'sha' ? " (it defaults to the run's GITHUB_SHA)" : ''}`,
        );
      }
      return value;
    }
    return renderTemplate(whole, (ref) => {
      // metricEnvRefs above refused step references.
      const variable = ref.kind === 'env' ? ref.name : '';
      const value = sources.env[variable];
      if (value === undefined) {
        throw new ConfigurationError(
          `${field}: {{ env.${variable} }}: the environment variable ${variable} is not set (pass it with env: in the workflow)`,
        );
      }
      if (value) sources.onSecret?.(value);
      return value;
    });
  });
}
