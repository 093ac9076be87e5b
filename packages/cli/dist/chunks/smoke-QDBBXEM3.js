import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  cliRunCommand,
  renderSmokeText,
  run,
  smokeFlagSource
} from "./chunk-EHHAN7BO.js";
import "./chunk-7KG7ZHVP.js";
import "./chunk-EYWORLD6.js";
import "./chunk-CCK4FFWN.js";
import "./chunk-5WY74I76.js";
import "./chunk-3VQ6CCCC.js";
import "./chunk-KX3PDJEI.js";
import "./chunk-3A6Y4Q6K.js";
import "./chunk-2ASCEQBG.js";
import "./chunk-HHRHPQOT.js";
import "./chunk-HB5BSYUU.js";
import "./chunk-KHKFXWMI.js";
import "./chunk-UQP3W3S5.js";
import "./chunk-ZUWSAP7Z.js";
import "./chunk-D5A2CQ5Y.js";
import "./chunk-6UTPUW5S.js";
import "./chunk-X5TKRRXM.js";
import "./chunk-P3LWNGI6.js";
import "./chunk-6MQO5ODA.js";
import "./chunk-ONBS6DE5.js";
export {
  cliRunCommand,
  renderSmokeText,
  run,
  smokeFlagSource
};
