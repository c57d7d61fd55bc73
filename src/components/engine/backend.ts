// Which TF.js backend trains: one function, chooseBackend, for the worker, the benches and the tests.
import * as tf from "@tensorflow/tfjs";
import {setWasmPaths} from "@tensorflow/tfjs-backend-wasm";
import "@tensorflow/tfjs-backend-webgpu";
import {softwareGpu} from "./softwareGpu.js";
import type {GpuSkip} from "./softwareGpu.js";

export type BackendName = "webgpu" | "webgl" | "wasm" | "cpu";
/** The order "auto" tries the backends in: fastest first, when each runs where it should. */
export const BACKENDS: readonly BackendName[] = ["webgpu", "webgl", "wasm", "cpu"];

/** A backend passed over before the one in use: "auto" skips a GPU that is missing or runs on the CPU; one can fail to start. */
export interface BackendSkip {
  backend: BackendName;
  why: GpuSkip["why"] | "failed";
  /** The reason in the driver's or TF.js's words. */
  detail: string;
}

/** The backend chooseBackend started, and each one it passed over before it, with why. */
export interface BackendChoice {
  backend: BackendName;
  skipped: BackendSkip[];
  /**
   * When the backend was asked for by name and is a GPU backend that runs on the CPU (SwiftShader…), softwareGpu's
   * words for it: it is used as asked, and the caller may say it is slow. Null otherwise.
   */
  software: string | null;
}

export interface ChooseBackendOptions {
  /** Where the wasm backend finds its .wasm files: a URL prefix or a map of file names to URLs in a browser, a folder path ending in "/" in Node. */
  wasmPath?: string | Record<string, string>;
  /** Why a GPU backend would not run on a real GPU, or null; defaults to softwareGpu. Tests pass a fake. */
  probe?: (backend: "webgpu" | "webgl") => Promise<GpuSkip | null>;
  /** Starts a backend and resolves true when TF.js uses it; false or a rejection means it cannot. Defaults to TF.js's setBackend. Tests pass a fake. */
  start?: (backend: BackendName) => Promise<boolean>;
}

async function startTf(name: BackendName): Promise<boolean> {
  if (!(await tf.setBackend(name))) return false;
  await tf.ready();
  return tf.getBackend() === name;
}

/**
 * Starts a TF.js backend and says which, and why it passed over the ones before it. "auto" tries webgpu, webgl, wasm,
 * cpu in order, skipping a GPU backend that is missing or runs on the CPU (a software GPU is slower than wasm), and
 * one that fails to start. A backend asked for by name is the only one tried: when it is missing or fails to start,
 * this throws an Error that gives the reason, never falling back to another; on a software GPU it starts, and
 * `software` says so. An unknown name throws a TypeError; when "auto" finds none, the Error lists every reason.
 */
export async function chooseBackend(requested: BackendName | "auto" = "auto", {wasmPath, probe = softwareGpu, start = startTf}: ChooseBackendOptions = {}): Promise<BackendChoice> {
  if (requested !== "auto" && !BACKENDS.includes(requested)) throw new TypeError(`chooseBackend: unknown backend ${JSON.stringify(requested)}; use one of ${BACKENDS.join(", ")} or "auto"`);
  if (wasmPath) setWasmPaths(wasmPath);
  const skipped: BackendSkip[] = [];
  for (const name of requested === "auto" ? BACKENDS : [requested]) {
    const gpu = name === "webgpu" || name === "webgl" ? await probe(name) : null;
    if (gpu && (gpu.why === "missing" || requested === "auto")) {
      skipped.push({backend: name, ...gpu});
      continue;
    }
    try {
      if (await start(name)) return {backend: name, skipped, software: gpu?.detail ?? null};
      skipped.push({backend: name, why: "failed", detail: "did not initialise"});
    } catch (error) {
      skipped.push({backend: name, why: "failed", detail: error instanceof Error ? error.message : String(error)});
    }
  }
  const reasons = skipped.map((s) => `${s.backend}: ${s.detail}`).join("; ");
  throw new Error(requested === "auto" ? `No TF.js backend could start (${reasons}).` : `The ${requested} backend could not start (${reasons}). Choose auto to use the best one that can.`);
}

export interface PickBackendOptions {
  /** Where the wasm backend finds its .wasm files: a URL prefix in a browser, a folder path ending in "/" in Node. */
  wasmPath?: string;
}

/** Sets the TF.js backend with chooseBackend and returns its name, for scripts, benches and tests that need no reasons. */
export async function pickBackend(preferred: BackendName | "auto" = "auto", {wasmPath}: PickBackendOptions = {}): Promise<BackendName> {
  return (await chooseBackend(preferred, {wasmPath})).backend;
}
