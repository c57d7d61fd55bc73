import {nodeWebGpu} from "../../scripts/lib/nodeWebGpu.js";
import {describe, expect, it} from "vitest";
import {fusedKernels} from "../../src/components/engine/fusedKernels.js";

// The kernels compile on Dawn (SwiftShader here); their numbers are checked against the host step in fusedStep-test.ts.
const gpu = await nodeWebGpu();
if (!gpu.adapter) console.warn(`fusedKernels-test: skipping the WebGPU tests: ${gpu.why}`);
const shape = {factors: 8, bs: 64, lo: 0.5, hi: 5.5, sqrMom: 0.99, eps: 1e-5};

describe.skipIf(!gpu.adapter)("fusedKernels(device, shape)", () => {
  it("compiles the five kernels within WebGPU's default limits, once per device and shape", async () => {
    const device = await gpu.adapter!.requestDevice();
    device.pushErrorScope("validation");
    const kernels = await fusedKernels(device, shape);
    expect(typeof kernels.bind).toBe("function");
    expect(typeof kernels.dispatch).toBe("function");
    expect(await device.popErrorScope()).toBeNull();
    expect(fusedKernels(device, shape)).toBe(fusedKernels(device, shape));
    expect(fusedKernels(device, {...shape, factors: 16})).not.toBe(fusedKernels(device, shape));
    await fusedKernels(device, {...shape, factors: 16});
    device.destroy();
  });
});
