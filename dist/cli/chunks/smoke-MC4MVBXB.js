import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  cliRunCommand,
  renderSmokeText,
  run,
  smokeFlagSource
} from "./chunk-BANM4JDK.js";
import "./chunk-7KG7ZHVP.js";
import "./chunk-EYWORLD6.js";
import "./chunk-CCK4FFWN.js";
import "./chunk-H5GK6LOC.js";
import "./chunk-KX3PDJEI.js";
import "./chunk-TVCLPSKT.js";
import "./chunk-QC6W6T7X.js";
import "./chunk-HHRHPQOT.js";
import "./chunk-IME72GQN.js";
import "./chunk-MM2WVVQ6.js";
import "./chunk-UQP3W3S5.js";
import "./chunk-ZUWSAP7Z.js";
import "./chunk-EGUZ3BFX.js";
import "./chunk-KXV7TSUD.js";
import "./chunk-GKRG7YCO.js";
import "./chunk-2SMMOXN3.js";
import "./chunk-6MQO5ODA.js";
import "./chunk-ONBS6DE5.js";
export {
  cliRunCommand,
  renderSmokeText,
  run,
  smokeFlagSource
};
