import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  cliRunCommand,
  renderSmokeText,
  run,
  smokeFlagSource
} from "./chunk-VSOPE5BG.js";
import "./chunk-7KG7ZHVP.js";
import "./chunk-EYWORLD6.js";
import "./chunk-IKJXUY4X.js";
import "./chunk-CCK4FFWN.js";
import "./chunk-FWXROSSO.js";
import "./chunk-Z3EUDQGL.js";
import "./chunk-KX3PDJEI.js";
import "./chunk-TNPGTQZG.js";
import "./chunk-BTGJ4AZN.js";
import "./chunk-HHRHPQOT.js";
import "./chunk-SV4FLVHX.js";
import "./chunk-T3AUEBCL.js";
import "./chunk-FEJLSRR4.js";
import "./chunk-UQP3W3S5.js";
import "./chunk-ZUWSAP7Z.js";
import "./chunk-ISG4PMMP.js";
import "./chunk-DXPTYDGM.js";
import "./chunk-YGJASLSA.js";
import "./chunk-H3HWWZLP.js";
import "./chunk-6MQO5ODA.js";
import "./chunk-ONBS6DE5.js";
export {
  cliRunCommand,
  renderSmokeText,
  run,
  smokeFlagSource
};
