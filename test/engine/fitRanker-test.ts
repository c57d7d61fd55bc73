import {beforeAll, describe, expect, it} from "vitest";
import {fitRanker, rankerDeviceNote} from "../../src/components/engine/fitRanker.js";
import {fitIals} from "../../src/components/model/ials.js";
import {synthTable} from "../support/synthTable.js";
import {useBackend} from "../support/tf.js";

describe("fitRanker(rows, users, movies, train, options)", () => {
  beforeAll(() => useBackend("cpu"));
  it("fits on the CPU without measuring when no GPU backend is in use, the model fitIals fits", async () => {
    const {table} = synthTable({seed: 5, users: 60, movies: 40, ratings: 1500});
    const train = Int32Array.from(table.user.keys());
    const {model, device} = await fitRanker(table, 60, 40, train, {factors: 4, epochs: 2});
    expect(device).toEqual({device: "cpu", cpuSeconds: null, gpuSeconds: null, sampleRatings: 0});
    expect(model.movieFactors).toEqual(fitIals(table, 60, 40, train, {factors: 4, epochs: 2}).movieFactors);
    expect(rankerDeviceNote(device)).toBeNull();
  });
});

describe("rankerDeviceNote(device)", () => {
  it("says what each cost and where it was fitted", () => {
    expect(rankerDeviceNote({device: "cpu", cpuSeconds: 0.5, gpuSeconds: 2.25, sampleRatings: 200_000})).toBe(
      "iALS measured on 200,000 training ratings: CPU 0.50 s an epoch, webgpu 2.25 s an epoch; fitted on the CPU."
    );
    expect(rankerDeviceNote({device: "webgpu", cpuSeconds: 3, gpuSeconds: 0.25, sampleRatings: 10})).toMatch(
      /fitted on the GPU\.$/
    );
    expect(rankerDeviceNote({device: "cpu", cpuSeconds: 1, gpuSeconds: null, sampleRatings: 10})).toContain(
      "could not run it on webgpu"
    );
    expect(
      rankerDeviceNote({device: "cpu", cpuSeconds: null, gpuSeconds: null, sampleRatings: 0, software: "SwiftShader"})
    ).toBe("iALS was fitted on the CPU: webgpu here runs on a software adapter, slower than the CPU for it.");
  });
});
