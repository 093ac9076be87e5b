import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  USER_AGENT
} from "./chunk-5JZZYB2T.js";

// packages/core/src/probes/executors/user-agent.ts
function withDefaultUserAgent(headers) {
  const own = Object.keys(headers).some((name) => name.toLowerCase() === "user-agent");
  return own ? { ...headers } : { "user-agent": USER_AGENT, ...headers };
}

export {
  withDefaultUserAgent
};
