import { evidenceStage } from './stages/evidence.js';
import { reportStage } from './stages/report.js';
import { smokeStage } from './stages/smoke.js';
import type { DemoStage } from './types.js';

/** The demo, in order. Add a stage: create stages/<name>.ts and add it here (one line). */
export const DEMO_STAGES: DemoStage[] = [smokeStage, evidenceStage, reportStage];
