import {pickBackend} from "../../src/components/engine/backend.js";
import type {BackendName} from "../../src/components/engine/backend.js";
import {WASM_PATH} from "../../scripts/lib/wasmPath.js";

// The benches need the wasm folder too, so it lives in scripts/lib; tests keep importing it from here.
export {WASM_PATH};

/** Switches TF.js to a backend that Node has (cpu or wasm). */
export function useBackend(name: BackendName): Promise<BackendName> {
  return pickBackend(name, {wasmPath: WASM_PATH});
}
