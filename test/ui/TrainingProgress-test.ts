import {describe, expect, it} from "vitest";
import {backendNote} from "../../src/components/ui/TrainingProgress.js";

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
