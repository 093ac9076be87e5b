import * as core from '@actions/core';
import { errorMessage } from '@release-actions/core';

/** Writes a step summary; a failure to write it never fails the step. */
export async function writeSummary(markdown: string): Promise<void> {
  try {
    await core.summary.addRaw(markdown).write();
  } catch (error) {
    core.warning(`could not write the step summary: ${errorMessage(error)}`);
  }
}
