import { errorMessage } from '@release-actions/core';
import { parseFlags } from '../args.js';
import { runDemo } from '../demo/index.js';
import { USAGE_EXIT } from '../exit-codes.js';

const USAGE = `release-gate demo

A local release gate with no setup: starts a sample service on 127.0.0.1 with a healthy and an unhealthy
endpoint, runs each demo stage against it (smoke, ...), prints what happened and writes the report under
build-artifacts/release-gate/. Exit code 0 when every stage behaved as intended (a blocked release is
the intended outcome for the unhealthy endpoint), 1 otherwise.`;

export async function run(argv: string[]): Promise<number> {
  try {
    const parsed = parseFlags(argv, {}, USAGE);
    if (parsed.values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
  } catch (error) {
    process.stderr.write(`release-gate demo: ${errorMessage(error)}\n`);
    return USAGE_EXIT;
  }
  return (await runDemo()) ? 0 : 1;
}
