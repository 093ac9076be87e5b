import { VERSION } from '../version.js';

export async function run(): Promise<number> {
  process.stdout.write(`release-gate ${VERSION}\n`);
  return 0;
}
