import {createRequire} from "node:module";
import path from "node:path";

/**
 * The folder of the wasm backend's .wasm files in node_modules,
 * as setWasmPaths wants it in Node (a path ending in "/").
 */
export const WASM_PATH =
  path.dirname(createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm/package.json")) + "/dist/";
