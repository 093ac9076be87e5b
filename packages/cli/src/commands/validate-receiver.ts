import { runEvidenceCommand } from '@release-actions/core/receiver-evidence/command';

/** `release-gate validate-receiver`: the evidence action with kind receiver-validation; flags mirror its inputs. */
export function run(argv: string[]): Promise<number> {
  return runEvidenceCommand('receiver-validation', argv);
}
