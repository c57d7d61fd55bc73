import {createRequire} from "node:module";
import path from "node:path";
import {pickBackend} from "../../src/components/engine/backend.js";
import type {BackendName} from "../../src/components/engine/backend.js";

/** The folder of the wasm backend's .wasm files in node_modules, as setWasmPaths wants it in Node (a path ending in "/"). */
export const WASM_PATH = path.dirname(createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm/package.json")) + "/dist/";

/** Switches TF.js to a backend that Node has (cpu or wasm). */
export function useBackend(name: BackendName): Promise<BackendName> {
  return pickBackend(name, {wasmPath: WASM_PATH});
}
