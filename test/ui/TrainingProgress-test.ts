import {describe, expect, it} from "vitest";
import {backendNote, measuredNote} from "../../src/components/ui/TrainingProgress.js";
import type {BackendTiming} from "../../src/components/engine/trainProtocol.js";

describe("backendNote(backend, skipped)", () => {
  it("says nothing when no backend was passed over", () => {
    expect(backendNote("webgpu", [])).toBeNull();
  });

  it("tells a software GPU in plain words, calmly: it is expected, and WebAssembly is faster", () => {
    expect(backendNote("wasm", [
      {backend: "webgpu", why: "software", detail: "a software adapter (google swiftshader), which runs on the CPU and is slower than wasm"},
      {backend: "webgl", why: "software", detail: "a software renderer (ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero))))"}
    ])).toEqual({calm: true, text: "Your browser's WebGPU and WebGL run on the CPU here (a software renderer), so training uses WebAssembly, which is faster."});
    expect(backendNote("wasm", [{backend: "webgpu", why: "software", detail: "a software adapter"}])!.text).toBe("Your browser's WebGPU runs on the CPU here (a software renderer), so training uses WebAssembly, which is faster.");
  });

  it("tells a missing GPU calmly, and names the backend in use", () => {
    expect(backendNote("webgl", [{backend: "webgpu", why: "missing", detail: "no WebGPU adapter"}])).toEqual({calm: true, text: "This browser offers no WebGPU, so training uses WebGL."});
    expect(backendNote("wasm", [{backend: "webgpu", why: "missing", detail: "no WebGPU adapter"}, {backend: "webgl", why: "software", detail: "SwiftShader"}])!.text).toBe(
      "Your browser's WebGL runs on the CPU here (a software renderer); this browser offers no WebGPU, so training uses WebAssembly, which is faster."
    );
  });

  it("is not calm when a backend failed to start", () => {
    expect(backendNote("cpu", [{backend: "wasm", why: "failed", detail: "did not initialise"}])).toEqual({calm: false, text: "WebAssembly could not start, so training uses plain JavaScript."});
  });
});

describe("measuredNote(backend, timings, seconds)", () => {
  const timing = (backend: BackendTiming["backend"], ratingsPerSecond: number, software: string | null = null): BackendTiming => ({backend, ratingsPerSecond, steps: 1, ratings: 1, seconds: 1, software});

  it("says nothing without timings (a backend asked for by name)", () => {
    expect(measuredNote("wasm", null)).toBeNull();
    expect(measuredNote("wasm", [])).toBeNull();
  });

  it("lists what auto measured, fastest first, a software GPU marked, and the choice, in one line", () => {
    expect(measuredNote("wasm", [timing("webgpu", 9_120, "a software adapter (google swiftshader)"), timing("wasm", 41_300), timing("cpu", 2_040)], 1.234)).toBe(
      "Auto measured wasm 41K ratings/s, webgpu 9.1K ratings/s (software GPU) and cpu 2K ratings/s in 1.2 s: training on wasm."
    );
    expect(measuredNote("webgpu", [timing("webgpu", 2_400_000), timing("wasm", 380_000)])).toBe("Auto measured webgpu 2.4M ratings/s and wasm 380K ratings/s: training on webgpu.");
    expect(measuredNote("wasm", [timing("wasm", 512)], 0.3)).toBe("Auto measured wasm 510 ratings/s in 0.3 s: training on wasm.");
  });
});
