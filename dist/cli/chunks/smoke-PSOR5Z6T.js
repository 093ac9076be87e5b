import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  cliRunCommand,
  renderSmokeText,
  run,
  smokeFlagSource
} from "./chunk-AUYFD2WQ.js";
import "./chunk-7KG7ZHVP.js";
import "./chunk-EYWORLD6.js";
import "./chunk-CCK4FFWN.js";
import "./chunk-3J7GMLA3.js";
import "./chunk-KX3PDJEI.js";
import "./chunk-A66ID2Y5.js";
import "./chunk-SRR67OZN.js";
import "./chunk-RJ5TWNJX.js";
import "./chunk-CCQQBNZW.js";
import "./chunk-6X3OFENP.js";
import "./chunk-UQP3W3S5.js";
import "./chunk-ZUWSAP7Z.js";
import "./chunk-LCVARNEQ.js";
import "./chunk-FUZOEROJ.js";
import "./chunk-BQJEAX4X.js";
import "./chunk-LQFJPALH.js";
import "./chunk-MTCZ6JQZ.js";
import "./chunk-ONBS6DE5.js";
export {
  cliRunCommand,
  renderSmokeText,
  run,
  smokeFlagSource
};
