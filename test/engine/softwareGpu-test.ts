import {afterEach, describe, expect, it, vi} from "vitest";
import {softwareGpu} from "../../src/components/engine/softwareGpu.js";

afterEach(() => vi.unstubAllGlobals());

/** A navigator whose WebGPU gives `adapter` (null: none). */
const gpuWith = (adapter: object | null) => vi.stubGlobal("navigator", {gpu: {requestAdapter: async () => adapter}});

/** An OffscreenCanvas whose WebGL 2 context reports `renderer` (null: no WebGL 2). */
function canvasWith(renderer: string | null, {debugInfo = true} = {}) {
  const lost = vi.fn();
  class FakeCanvas {
    getContext(kind: string) {
      if (kind !== "webgl2" || renderer === null) return null;
      return {
        RENDERER: 0x1f01,
        getExtension: (name: string) =>
          name === "WEBGL_debug_renderer_info"
            ? debugInfo
              ? {UNMASKED_RENDERER_WEBGL: 0x9246}
              : null
            : name === "WEBGL_lose_context"
              ? {loseContext: lost}
              : null,
        getParameter: (p: number) => (p === 0x9246 ? renderer : debugInfo ? "masked" : renderer)
      };
    }
  }
  vi.stubGlobal("OffscreenCanvas", FakeCanvas);
  return lost;
}

describe('softwareGpu("webgpu")', () => {
  it("says WebGPU is missing without navigator.gpu, or without an adapter", async () => {
    vi.stubGlobal("navigator", {});
    expect(await softwareGpu("webgpu")).toEqual({why: "missing", detail: "navigator.gpu is missing"});
    gpuWith(null);
    expect(await softwareGpu("webgpu")).toEqual({why: "missing", detail: "no WebGPU adapter"});
  });

  it("names a software adapter (SwiftShader, llvmpipe, a fallback adapter) in the driver's words", async () => {
    gpuWith({info: {vendor: "google", architecture: "swiftshader", description: "", device: ""}});
    expect(await softwareGpu("webgpu")).toEqual({
      why: "software",
      detail: "a software adapter (google swiftshader), which runs on the CPU and is slower than wasm"
    });
    gpuWith({info: {vendor: "mesa", description: "llvmpipe (LLVM 15.0.6, 256 bits)"}});
    expect((await softwareGpu("webgpu"))?.why).toBe("software");
    gpuWith({isFallbackAdapter: true});
    expect(await softwareGpu("webgpu")).toEqual({
      why: "software",
      detail: "a software adapter (fallback), which runs on the CPU and is slower than wasm"
    });
  });

  it("gives null for a real GPU, and when probing throws", async () => {
    gpuWith({info: {vendor: "nvidia", architecture: "hopper"}});
    expect(await softwareGpu("webgpu")).toBeNull();
    vi.stubGlobal("navigator", {gpu: {requestAdapter: async () => Promise.reject(new Error("device lost"))}});
    expect(await softwareGpu("webgpu")).toBeNull();
  });
});

describe('softwareGpu("webgl")', () => {
  it("says WebGL is missing with no canvas at all (as in Node), or no WebGL 2 context", async () => {
    expect(await softwareGpu("webgl")).toEqual({why: "missing", detail: "no canvas"});
    canvasWith(null);
    expect(await softwareGpu("webgl")).toEqual({why: "missing", detail: "no WebGL 2"});
  });

  it("names a software renderer, and releases the probe's context", async () => {
    const lost = canvasWith("ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)");
    expect(await softwareGpu("webgl")).toEqual({
      why: "software",
      detail:
        "a software renderer (ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)), " +
        "which runs on the CPU and is slower than wasm"
    });
    expect(lost).toHaveBeenCalledOnce();
  });

  it(
    "gives null for a hardware renderer, read from the plain RENDERER " + "when the debug extension is absent",
    async () => {
      canvasWith("ANGLE (NVIDIA, NVIDIA GeForce RTX 4090 Direct3D11 vs_5_0 ps_5_0)");
      expect(await softwareGpu("webgl")).toBeNull();
      canvasWith("Mesa Intel(R) UHD Graphics 620", {debugInfo: false});
      expect(await softwareGpu("webgl")).toBeNull();
      canvasWith("llvmpipe", {debugInfo: false});
      expect((await softwareGpu("webgl"))?.why).toBe("software");
    }
  );
});
