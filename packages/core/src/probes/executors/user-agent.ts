import { USER_AGENT } from '../../version.js';

/**
 * The probe's headers with the `User-Agent` webhooks send (`release-actions/<version>`) unless the probe
 * sets its own: a WAF or CDN that blocks requests without one would otherwise fail the smoke.
 */
export function withDefaultUserAgent(headers: Record<string, string>): Record<string, string> {
  const own = Object.keys(headers).some((name) => name.toLowerCase() === 'user-agent');
  return own ? { ...headers } : { 'user-agent': USER_AGENT, ...headers };
}
