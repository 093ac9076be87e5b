import { VERSION } from '@release-actions/core';

export async function run(): Promise<number> {
  process.stdout.write(`release-gate ${VERSION}\n`);
  return 0;
}
