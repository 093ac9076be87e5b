// Placeholder until the workflows exist: there is nothing to lint yet.
import { existsSync } from 'node:fs';

if (!existsSync(new URL('../.github/workflows', import.meta.url))) console.log('no workflows to lint');
