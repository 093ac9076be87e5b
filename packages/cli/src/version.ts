/** The version lives in core (webhooks send it as User-Agent); the CLI re-exports it. */
export { VERSION } from '@release-actions/core/version';
