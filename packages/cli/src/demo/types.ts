import type { SampleService } from './sample-service.js';

/** What every stage gets: where to write, how to print, the sample service, and what earlier stages left. */
export interface DemoContext {
  /** `<cwd>/build-artifacts`. */
  outDir: string;
  /** The gate's report: `build-artifacts/release-gate/report.json`; each stage merges its section. */
  reportPath: string;
  /** Evidence and other gate files sit beside the report. */
  gateDir: string;
  service: SampleService;
  /** Printed to stdout, indented under the stage heading. */
  log(line: string): void;
  /** Runs when the demo ends, whatever happened (servers, temp files); last registered runs first. */
  onCleanup(fn: () => Promise<void> | void): void;
  /**
   * Records a file or folder the stage wrote and what it is, for the map printed at the end (in the order
   * recorded; a path recorded twice keeps its first place and its last description).
   */
  wrote(path: string, what: string): void;
  /** Values stages hand to later stages (e.g. `smoke` -> the smoke section). */
  shared: Record<string, unknown>;
}

export interface StageOutcome {
  /** True when the stage showed what it is meant to show (a blocked probe can be exactly that). */
  asIntended: boolean;
  /** One line for the closing recap. */
  summary: string;
}

export interface DemoStage {
  name: string;
  /** What the stage demonstrates, printed as its heading. */
  title: string;
  run(context: DemoContext): Promise<StageOutcome>;
}
