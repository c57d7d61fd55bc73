import {describe, expect, it} from "vitest";
import {wasmUrls} from "../../src/components/browser/wasmUrls.js";

describe("wasmUrls(files)", () => {
  it("keys each file's URL by its name, as TF.js's wasm backend asks for it", async () => {
    const file = (name: string, url: string) => ({name, url: async () => url});
    expect(
      await wasmUrls([
        file("tfjs-backend-wasm.wasm", "/_file/data/tfjs-backend-wasm.1a2b.wasm"),
        file("tfjs-backend-wasm-simd.wasm", "/_file/data/tfjs-backend-wasm-simd.3c4d.wasm")
      ])
    ).toEqual({
      "tfjs-backend-wasm.wasm": "/_file/data/tfjs-backend-wasm.1a2b.wasm",
      "tfjs-backend-wasm-simd.wasm": "/_file/data/tfjs-backend-wasm-simd.3c4d.wasm"
    });
    expect(await wasmUrls([])).toEqual({});
  });
});
