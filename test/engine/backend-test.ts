import * as tf from "@tensorflow/tfjs";
import {describe, expect, it} from "vitest";
import {pickBackend} from "../../src/components/engine/backend.js";
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
