import * as tf from "@tensorflow/tfjs";
import {setWasmPaths} from "@tensorflow/tfjs-backend-wasm";
import "@tensorflow/tfjs-backend-webgpu";
import {TABLES} from "./buildModel.js";
import type {CollabModel, Tables} from "./buildModel.js";
import type {HostTables} from "./collabStep.js";

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

interface CpuBackend {
  data: {get(dataId: object): {values: unknown}};
}
interface WasmBackend {
  dataIdMap: {get(dataId: object): {memoryOffset: number}};
  wasm: {HEAPF32: Float32Array};
}

/**
 * A live Float32Array over a tensor's storage, when the backend keeps it in host memory (cpu: its JS array; wasm: a
 * view of the wasm heap), so a step can update it in place; null on GPU backends. Take a fresh view after anything
 * that may grow the wasm heap.
 */
export function hostArray(t: tf.Tensor): Float32Array | null {
  if (t.dtype !== "float32") return null;
  const name = tf.getBackend();
  if (name === "cpu") {
    const values = (tf.backend() as unknown as CpuBackend).data.get(t.dataId).values;
    return values instanceof Float32Array && values.length === t.size ? values : null;
  }
  if (name === "wasm") {
    const backend = tf.backend() as unknown as WasmBackend;
    return new Float32Array(backend.wasm.HEAPF32.buffer, backend.dataIdMap.get(t.dataId).memoryOffset, t.size);
  }
  return null;
}

/** Live host views of all of a model's tables, or null when the backend keeps them off the CPU. */
export function hostTables(model: CollabModel): HostTables | null {
  const views = {} as Record<"weights" | "gradAvg" | "sqrAvg", Tables<Float32Array>>;
  for (const group of ["weights", "gradAvg", "sqrAvg"] as const) {
    views[group] = {} as Tables<Float32Array>;
    for (const k of TABLES) {
      const a = hostArray(model[group][k]);
      if (!a) return null;
      views[group][k] = a;
    }
  }
  return views;
}
