import * as core from '@actions/core';
import {
  type ActionSpec,
  type InputSource,
  type InputSpecs,
  type ParsedInputs,
  parseInputs,
} from '@release-actions/core';

/** Inputs as the runner passes them (`INPUT_<NAME>`, hyphens kept, trimmed); secrets go to `core.setSecret`. */
export const actionInputSource: InputSource = {
  read: (name) => core.getInput(name),
  describe: (name) => `Input '${name}'`,
  example: (name, value) => `${name}: ${value}`,
  mask: (value) => core.setSecret(value),
};

/** Reads and validates an action's inputs from `INPUT_*` (see `parseInputs`). */
export function readInputs<T extends InputSpecs>(spec: ActionSpec<T> | T): ParsedInputs<T> {
  return parseInputs(spec, actionInputSource);
}
