import {nodeWebGpu} from "../../scripts/lib/nodeWebGpu.js";
import {describe, expect, it} from "vitest";
import {fusedKernels} from "../../src/components/engine/fusedKernels.js";
import {webgpuExpected} from "../support/webgpuExpected.js";

// The kernels compile on Dawn (SwiftShader here); their numbers are checked against the host step in fusedStep-test.ts.
// Without an adapter, each WebGPU test fails with the reason where one is expected (CI, Debian's Chromium),
// else skips saying why.
const webgpu = webgpuExpected("fusedKernels-test", await nodeWebGpu());
const shape = {factors: 8, bs: 64, lo: 0.5, hi: 5.5, sqrMom: 0.99, eps: 1e-5};

describe("fusedKernels(device, shape)", () => {
  it("compiles the five kernels within WebGPU's default limits, once per device and shape", async (ctx) => {
    const device = await webgpu(ctx).requestDevice();
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
