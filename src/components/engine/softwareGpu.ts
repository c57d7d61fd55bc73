const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/**
 * Why "auto" passes over a GPU backend: the browser has none, or it runs on the CPU (a software adapter or renderer).
 */
export interface GpuSkip {
  why: "missing" | "software";
  /** The driver's own words, for those who want them. */
  detail: string;
}

/**
 * Says why a GPU backend would not run on a real GPU: it is missing (no navigator.gpu or adapter, no canvas or
 * WebGL 2), or it is a software one such as SwiftShader; null when it looks like a real GPU or cannot be probed.
 * chooseBackend's "auto" skips a missing one; a software one it measures before a run (and skips by
 * name when it has no run to measure: a software GPU is usually far slower than the wasm backend);
 * a backend asked for by name is skipped only when missing.
 */
export async function softwareGpu(backend: "webgpu" | "webgl"): Promise<GpuSkip | null> {
  try {
    if (backend === "webgpu") {
      const gpu = (
        globalThis.navigator as unknown as
          | {gpu?: {requestAdapter(): Promise<{isFallbackAdapter?: boolean; info?: Record<string, string>} | null>}}
          | undefined
      )?.gpu;
      if (!gpu) return {why: "missing", detail: "navigator.gpu is missing"};
      const adapter = await gpu.requestAdapter();
      if (!adapter) return {why: "missing", detail: "no WebGPU adapter"};
      const info = adapter.info ?? {};
      const name = [info.vendor, info.architecture, info.description, info.device].filter(Boolean).join(" ");
      return adapter.isFallbackAdapter || SOFTWARE.test(name)
        ? {
            why: "software",
            detail: `a software adapter (${name || "fallback"}), which runs on the CPU and is slower than wasm`
          }
        : null;
    }
    if (typeof OffscreenCanvas === "undefined" && typeof document === "undefined")
      return {why: "missing", detail: "no canvas"};
    const canvas =
      typeof OffscreenCanvas !== "undefined" ? new OffscreenCanvas(1, 1) : document.createElement("canvas");
    const gl = canvas.getContext("webgl2") as WebGL2RenderingContext | null;
    if (!gl) return {why: "missing", detail: "no WebGL 2"};
    const debug = gl.getExtension("WEBGL_debug_renderer_info");
    const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension("WEBGL_lose_context")?.loseContext();
    return SOFTWARE.test(renderer)
      ? {why: "software", detail: `a software renderer (${renderer}), which runs on the CPU and is slower than wasm`}
      : null;
  } catch {
    return null;
  }
}
