import { mkdir, rm, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
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
 * The closing map: each path a stage recorded that exists (a folder with a trailing slash), and what it
 * is, so a reader knows which file to open and which folder to hand to verify-evidence.
 */
async function printMap(
  print: (line: string) => void,
  where: { cwd: string; outDir: string },
  written: Map<string, string>,
) {
  const { cwd, outDir } = where;
  const rows: Array<[string, string]> = [];
  for (const [path, what] of written) {
    const info = await stat(path).catch(() => undefined);
    if (info) rows.push([`${relative(outDir, path)}${info.isDirectory() ? sep : ''}`, what]);
  }
  if (!rows.length) return;
  const width = Math.max(...rows.map(([path]) => path.length));
  print(`\nWhat the demo wrote, under ${relative(cwd, outDir) || '.'}${sep}`);
  for (const [path, what] of rows) print(`  ${path.padEnd(width)}  ${what}`);
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
  const written = new Map<string, string>();
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
      wrote: (path, what) => written.set(path, what),
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
    await printMap(print, { cwd, outDir }, written);
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
