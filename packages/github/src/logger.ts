import * as core from '@actions/core';
import type { Logger } from '@release-actions/core';

/** The Logger backed by the runner: warnings and errors become annotations, groups fold in the log. */
export const actionsLogger: Logger = {
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  error: (message) => core.error(message),
  debug: (message) => core.debug(message),
  group: (name, fn) => core.group(name, fn),
};
