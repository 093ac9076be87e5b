import { mkdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { errorMessage } from '@release-actions/core';
import { startSampleService } from './sample-service.js';
import { DEMO_STAGES } from './stages.js';
import type { DemoContext, DemoStage, StageOutcome } from './types.js';

export type { DemoContext, DemoStage, StageOutcome } from './types.js';

export interface DemoOptions {
  cwd?: string;
  stages?: readonly DemoStage[];
  out?: NodeJS.WritableStream;
}

/**
 * Runs every stage against a sample service on 127.0.0.1 and writes the gate's files under
 * build-artifacts/. Resolves true when every stage ran as intended; always stops its servers.
 */
export async function runDemo(options: DemoOptions = {}): Promise<boolean> {
  const cwd = options.cwd ?? process.cwd();
  const out = options.out ?? process.stdout;
  const print = (line: string) => out.write(`${line}\n`);
  const outDir = join(cwd, 'build-artifacts');
  const gateDir = join(outDir, 'release-gate');
  // A fresh gate each run: an old report would mix in sections from an earlier demo.
  await rm(gateDir, { recursive: true, force: true });
  await mkdir(gateDir, { recursive: true });
  const cleanups: Array<() => Promise<void> | void> = [];
  const outcomes: Array<[DemoStage, StageOutcome]> = [];
  try {
    const service = await startSampleService();
    cleanups.push(() => service.close());
    print(`release-gate demo: sample service on ${service.base}`);
    const context: DemoContext = {
      outDir,
      gateDir,
      reportPath: join(gateDir, 'report.json'),
      service,
      log: (line) => print(`  ${line}`),
      onCleanup: (fn) => cleanups.push(fn),
      shared: {},
    };
    for (const [index, stage] of (options.stages ?? DEMO_STAGES).entries()) {
      print(`\n${index + 1}. ${stage.title}`);
      let outcome: StageOutcome;
      try {
        outcome = await stage.run(context);
      } catch (error) {
        outcome = { asIntended: false, summary: `stage ${stage.name} crashed: ${errorMessage(error)}` };
      }
      outcomes.push([stage, outcome]);
    }
    print('\nRecap');
    for (const [stage, outcome] of outcomes)
      print(`  ${outcome.asIntended ? '✔' : '✘'} ${stage.name}: ${outcome.summary}`);
    print(`\nReport: ${relative(cwd, context.reportPath)}`);
    return outcomes.every(([, outcome]) => outcome.asIntended);
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        print(`cleanup failed: ${errorMessage(error)}`);
      }
    }
  }
}
