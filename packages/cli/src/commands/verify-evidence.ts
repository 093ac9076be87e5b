import { parseArgs } from 'node:util';
import { errorMessage, verifyEvidence } from '@release-actions/core';
import { GATE_FAILED_EXIT, USAGE_EXIT } from '../exit-codes.js';

const USAGE = `release-gate verify-evidence <bundle-dir> [--json]

Re-checks an evidence bundle (a release-gate/ folder, e.g. an unzipped release-gate-report artifact)
against its manifest.json: every listed file present with the same size and sha256, no file added.
Exit codes: 0 intact, 1 a file was changed, removed or added (each named), 2 bad usage or no manifest.`;

export async function run(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    process.stderr.write(`release-gate verify-evidence: ${errorMessage(error)}\n\n${USAGE}\n`);
    return USAGE_EXIT;
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (parsed.positionals.length !== 1) {
    process.stderr.write(`release-gate verify-evidence: give exactly one bundle folder\n\n${USAGE}\n`);
    return USAGE_EXIT;
  }
  const dir = parsed.positionals[0]!;
  // A bundle without a readable manifest is a ConfigurationError: exit 2, as main maps it.
  const check = await verifyEvidence(dir);
  if (parsed.values.json) process.stdout.write(`${JSON.stringify(check, null, 2)}\n`);
  if (check.ok) {
    if (!parsed.values.json)
      process.stdout.write(`evidence intact: ${check.checked} files match manifest.json in ${dir}\n`);
    return 0;
  }
  for (const problem of check.problems) {
    process.stderr.write(`${problem.path}: ${problem.problem} (${problem.detail})\n`);
  }
  process.stderr.write(`evidence NOT intact: ${check.problems.length} problem(s) in ${dir}\n`);
  return GATE_FAILED_EXIT;
}
