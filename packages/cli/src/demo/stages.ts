import { drillStage } from './stages/drill.js';
import { evidenceStage } from './stages/evidence.js';
import { readinessStage } from './stages/readiness.js';
import { reportStage } from './stages/report.js';
import { deployBrokenStage, goodReleaseStage, rollbackStage } from './stages/rollback-gate.js';
import { smokeStage } from './stages/smoke.js';
import type { DemoStage } from './types.js';

/** The demo, in order. Add a stage: create stages/<name>.ts and add it here (one line). */
export const DEMO_STAGES: DemoStage[] = [
  deployBrokenStage,
  smokeStage,
  rollbackStage,
  goodReleaseStage,
  evidenceStage,
  reportStage,
  drillStage,
  readinessStage,
];
