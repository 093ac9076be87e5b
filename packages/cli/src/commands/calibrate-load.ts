import { runEvidenceCommand } from '@release-actions/core/receiver-evidence/command';

/** `release-gate calibrate-load`: the evidence action with kind load-calibration; flags mirror its inputs. */
export function run(argv: string[]): Promise<number> {
  return runEvidenceCommand('load-calibration', argv);
}
