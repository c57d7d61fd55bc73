import * as tf from "@tensorflow/tfjs";
import {setWasmPaths} from "@tensorflow/tfjs-backend-wasm";
import "@tensorflow/tfjs-backend-webgpu";

export type BackendName = "webgpu" | "webgl" | "wasm" | "cpu";
export const BACKENDS: readonly BackendName[] = ["webgpu", "webgl", "wasm", "cpu"];

export interface PickBackendOptions {
  /** Where the wasm backend finds its .wasm files: a URL prefix in a browser, a folder path ending in "/" in Node. */
  wasmPath?: string;
}

/** Sets the TF.js backend: the one asked for, or with "auto" the first of webgpu, webgl, wasm, cpu that initialises; returns the one in use. */
export async function pickBackend(preferred: BackendName | "auto" = "auto", {wasmPath}: PickBackendOptions = {}): Promise<BackendName> {
  if (preferred !== "auto" && !BACKENDS.includes(preferred)) throw new TypeError(`pickBackend: unknown backend ${JSON.stringify(preferred)}; use one of ${BACKENDS.join(", ")} or "auto"`);
  if (wasmPath) setWasmPaths(wasmPath);
  const candidates = preferred === "auto" ? BACKENDS : [preferred];
  const failures: string[] = [];
  for (const name of candidates) {
    if (name === "webgpu" && !(globalThis.navigator as {gpu?: unknown} | undefined)?.gpu) {
      failures.push("webgpu: navigator.gpu is missing");
      continue;
    }
    if (name === "webgl" && typeof document === "undefined" && typeof OffscreenCanvas === "undefined") {
      failures.push("webgl: no canvas");
      continue;
    }
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        if (tf.getBackend() === name) return name;
      }
      failures.push(`${name}: did not initialise`);
    } catch (error) {
      failures.push(`${name}: ${(error as Error).message}`);
    }
  }
  throw new Error(`pickBackend: no TF.js backend initialised (${failures.join("; ")})`);
}
