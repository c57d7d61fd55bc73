import * as tf from "@tensorflow/tfjs";
import {describe, expect, it} from "vitest";
import {BACKENDS, chooseBackend, pickBackend} from "../../src/components/engine/backend.js";
import {BACKEND_CHOICES} from "../../src/components/model/trainSettings.js";
import type {BackendName} from "../../src/components/engine/backend.js";
import type {GpuSkip} from "../../src/components/engine/softwareGpu.js";
import {WASM_PATH} from "../support/tf.js";

describe("pickBackend(preferred, {wasmPath})", () => {
  it("uses the backend it is asked for", async () => {
    expect(await pickBackend("cpu")).toBe("cpu");
    expect(tf.getBackend()).toBe("cpu");
    expect(await pickBackend("wasm", {wasmPath: WASM_PATH})).toBe("wasm");
    expect(tf.getBackend()).toBe("wasm");
  });
  it("falls back to wasm in Node, where there is neither WebGPU nor WebGL", async () => {
    expect(await pickBackend("auto", {wasmPath: WASM_PATH})).toBe("wasm");
  });
  it("says why when the forced backend cannot start", async () => {
    await expect(pickBackend("webgpu")).rejects.toThrow(/webgpu: navigator.gpu is missing/);
  });
  it("rejects an unknown name with a TypeError", async () => {
    await expect(pickBackend("tpu" as "cpu")).rejects.toThrow(TypeError);
  });
});

/** Fake backends: `gpus` says what the probe finds, `broken` which fail to start (and how); every start is logged. */
function fakes(gpus: Partial<Record<"webgpu" | "webgl", GpuSkip>>, broken: Partial<Record<BackendName, string | false>> = {}) {
  const started: BackendName[] = [];
  return {
    started,
    probe: async (name: "webgpu" | "webgl") => gpus[name] ?? null,
    start: async (name: BackendName) => {
      started.push(name);
      const fault = broken[name];
      if (typeof fault === "string") throw new Error(fault);
      return fault !== false;
    }
  };
}
const SWIFTSHADER: GpuSkip = {why: "software", detail: "a software adapter (google swiftshader)"};
const NO_ADAPTER: GpuSkip = {why: "missing", detail: "no WebGPU adapter"};

describe("chooseBackend(requested, {probe, start})", () => {
  it("with auto, starts the first of webgpu, webgl, wasm, cpu that runs on a real GPU or is not a GPU", async () => {
    const f = fakes({});
    expect(await chooseBackend("auto", f)).toEqual({backend: "webgpu", skipped: [], software: null});
    expect(f.started).toEqual(["webgpu"]);
  });

  it("with auto, skips a missing or software GPU, and one that fails to start, saying why", async () => {
    const f = fakes({webgpu: NO_ADAPTER, webgl: SWIFTSHADER}, {wasm: "could not fetch tfjs-backend-wasm.wasm"});
    expect(await chooseBackend("auto", f)).toEqual({
      backend: "cpu",
      skipped: [
        {backend: "webgpu", why: "missing", detail: "no WebGPU adapter"},
        {backend: "webgl", why: "software", detail: "a software adapter (google swiftshader)"},
        {backend: "wasm", why: "failed", detail: "could not fetch tfjs-backend-wasm.wasm"}
      ],
      software: null
    });
    // A software GPU is never started: it would be slower than wasm.
    expect(f.started).toEqual(["wasm", "cpu"]);
  });

  it("with auto, counts a backend whose start resolves false as failed", async () => {
    const f = fakes({webgpu: NO_ADAPTER}, {webgl: false});
    const choice = await chooseBackend("auto", f);
    expect(choice.backend).toBe("wasm");
    expect(choice.skipped[1]).toEqual({backend: "webgl", why: "failed", detail: "did not initialise"});
  });

  it("with auto, lists every reason when nothing starts", async () => {
    const f = fakes({webgpu: NO_ADAPTER, webgl: SWIFTSHADER}, {wasm: "no wasm", cpu: "no cpu"});
    await expect(chooseBackend("auto", f)).rejects.toThrow("No TF.js backend could start (webgpu: no WebGPU adapter; webgl: a software adapter (google swiftshader); wasm: no wasm; cpu: no cpu).");
  });

  it("starts a backend asked for by name, and only that one", async () => {
    for (const name of ["webgpu", "webgl", "wasm", "cpu"] as const) {
      const f = fakes({});
      expect(await chooseBackend(name, f)).toEqual({backend: name, skipped: [], software: null});
      expect(f.started).toEqual([name]);
    }
  });

  it("starts a GPU backend asked for by name even on a software GPU, and says so", async () => {
    const f = fakes({webgpu: SWIFTSHADER});
    expect(await chooseBackend("webgpu", f)).toEqual({backend: "webgpu", skipped: [], software: "a software adapter (google swiftshader)"});
  });

  it("throws with the reason when a backend asked for by name cannot start, never falling back to another", async () => {
    const missing = fakes({webgpu: NO_ADAPTER});
    await expect(chooseBackend("webgpu", missing)).rejects.toThrow("The webgpu backend could not start (webgpu: no WebGPU adapter).");
    expect(missing.started).toEqual([]);
    const failing = fakes({}, {webgl: "context lost"});
    await expect(chooseBackend("webgl", failing)).rejects.toThrow("The webgl backend could not start (webgl: context lost).");
    expect(failing.started).toEqual(["webgl"]);
    const wasm = fakes({}, {wasm: false});
    await expect(chooseBackend("wasm", wasm)).rejects.toThrow("The wasm backend could not start (wasm: did not initialise).");
    expect(wasm.started).toEqual(["wasm"]);
  });

  it("rejects an unknown name with a TypeError, before starting anything", async () => {
    const f = fakes({});
    await expect(chooseBackend("tpu" as "cpu", f)).rejects.toThrow(TypeError);
    expect(f.started).toEqual([]);
  });
});

describe("BACKENDS", () => {
  it("are the pages' choices (model/trainSettings's BACKEND_CHOICES) without auto, in the same order", () => {
    // Pages may not import engine values, and the engine's list may not import the pages' (a cycle through the types).
    expect(BACKEND_CHOICES).toEqual(["auto", ...BACKENDS]);
  });
});
