import type { Logger } from '../logger.js';
import { mergeReportSection } from '../report/file.js';
import type { ReleaseGateReport, ReportSectionName } from '../report/schema.js';
import type { GateContext } from './context.js';

/** What the host (action, CLI, demo) lends a gate step. */
export interface GateHost {
  logger: Logger;
  /** Aborts webhook deliveries and probes (a cancelled job). */
  signal?: AbortSignal;
  /** Masks a secret in everything the host prints (the action's `core.setSecret`); the CLI masks nothing. */
  mask?(secret: string): void;
  /** Kept current with the section to write if the job is cancelled before the step finishes. */
  partial?: PartialReport;
}

/**
 * The section a step writes when the job is cancelled before the step has written its own: the step
 * keeps it current (`pending`) and clears it once done (`settle`); the host's cancel handler calls
 * `write`.
 */
export class PartialReport {
  #write: (() => Promise<unknown>) | undefined;

  /** From now on a cancel writes `value()` (called then, so its time span ends at the cancel). */
  pending<K extends ReportSectionName>(
    context: GateContext,
    section: K,
    value: () => ReleaseGateReport[K],
  ): void {
    const path = context.reportPath;
    this.#write = path ? () => mergeReportSection(path, context.identity, section, value()) : undefined;
  }

  settle(): void {
    this.#write = undefined;
  }

  /** Writes the pending section, if any, once; true when there was one (the step had not finished). */
  async write(): Promise<boolean> {
    const write = this.#write;
    this.#write = undefined;
    await write?.();
    return write !== undefined;
  }
}
