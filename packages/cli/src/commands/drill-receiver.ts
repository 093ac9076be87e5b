import { runEvidenceCommand } from '@release-actions/core/receiver-evidence/command';

/** `release-gate drill-receiver`: the evidence action with kind receiver-drill; flags mirror its inputs. */
export function run(argv: string[]): Promise<number> {
  return runEvidenceCommand('receiver-drill', argv);
}
