// Dawn first: TF.js's webgpu backend registers itself only if navigator.gpu exists when it loads.
import {nodeWebGpu} from "../../scripts/lib/nodeWebGpu.js";
import * as tf from "@tensorflow/tfjs";
import {describe, expect, it} from "vitest";
import {strideRows, timeSteps} from "../../src/components/engine/timeSteps.js";
import {synthTable} from "../support/synthTable.js";
import {useBackend} from "../support/tf.js";
import {webgpuExpected} from "../support/webgpuExpected.js";

// Without an adapter, each WebGPU test fails with the reason where one is expected (CI, Debian's Chromium),
// else skips saying why.
const webgpu = webgpuExpected("timeSteps-test", await nodeWebGpu());

const {table} = synthTable({users: 200, movies: 100, ratings: 8000, seed: 1});
const run = {
  data: table,
  users: table.userIds.length,
  movies: table.movieIds.length,
  hyper: {factors: 8, bs: 64, lrMax: 1e-2, wd: 0.1, seed: 1}
};

/**
 * Times `backend` with timeSteps and checks what every trial must give: steps after the warm-up,
 * their ratings, a rate, nothing left behind.
 */
async function trial(backend: "cpu" | "wasm" | "webgpu", budget: number, options?: {maxSteps?: number}) {
  const before = tf.memory().numTensors;
  const t = await timeSteps(run, options)(backend, budget);
  expect(t.steps).toBeGreaterThan(0);
  expect(t.ratings).toBe(t.steps * run.hyper.bs);
  expect(t.seconds).toBeGreaterThan(0);
  expect(t.ratingsPerSecond).toBeGreaterThan(0);
  expect(Number.isFinite(t.ratingsPerSecond)).toBe(true);
  // The trial's model and the fused path's buffers are freed: the run after it finds the backend as it was.
  expect(tf.memory().numTensors).toBe(before);
  return t;
}

describe("timeSteps(run, {maxSteps})(backend, budgetSeconds)", () => {
  it(
    "trains the run's model on the backend in use, times the steps after the warm-up, " + "and frees what it made",
    async () => {
      await useBackend("cpu");
      await trial("cpu", 0.05);
      await useBackend("wasm");
      await trial("wasm", 0.05);
    }
  );

  it(
    "times at least one step group after the warm-up with no budget, " + "and stops at maxSteps with a large one",
    async () => {
      await useBackend("wasm");
      await trial("wasm", 0);
      // A trial checks maxSteps when a group ends, so it may run over by a group, never on and on: fit ends a group at
      // the latest when an epoch ends (6400 training rows: 100 steps of 64), so one step asked for times one group, 1
      // to 100 steps, where the 1000 s budget alone would go on through the planned 1000 epochs.
      const capped = await trial("wasm", 1000, {maxSteps: 1});
      const stepsPerEpoch = Math.floor((0.8 * table.rating2.length) / run.hyper.bs);
      expect(stepsPerEpoch).toBe(100);
      expect(capped.steps).toBeGreaterThanOrEqual(1);
      expect(capped.steps).toBeLessThanOrEqual(stepsPerEpoch);
      expect(Number.isFinite(capped.seconds)).toBe(true);
      // One group timed, so its rate is the trial's: the ratings it counted over the seconds it measured.
      expect(capped.ratingsPerSecond / (capped.ratings / capped.seconds)).toBeCloseTo(1, 9);
    }
  );

  it("refuses to time a backend that is not the one in use", async () => {
    await useBackend("cpu");
    await expect(timeSteps(run)("wasm", 0.05)).rejects.toThrow("timeSteps: asked to time wasm, but TF.js uses cpu");
  });

  it("times the fused webgpu step (Dawn in Node)", async (ctx) => {
    webgpu(ctx);
    expect(await tf.setBackend("webgpu")).toBe(true);
    await tf.ready();
    await trial("webgpu", 0.05);
    await useBackend("cpu");
  });
});

describe("strideRows(data, count)", () => {
  const data = {
    user: Uint32Array.of(0, 1, 2, 3, 4, 5, 6),
    movie: Uint32Array.of(10, 11, 12, 13, 14, 15, 16),
    rating2: Uint8Array.of(1, 2, 3, 4, 5, 6, 7)
  };

  it("keeps every k-th row, k = ⌊rows / count⌋, from the first", () => {
    expect(strideRows(data, 3)).toEqual({
      user: Uint32Array.of(0, 2, 4, 6),
      movie: Uint32Array.of(10, 12, 14, 16),
      rating2: Uint8Array.of(1, 3, 5, 7)
    });
    expect(strideRows(data, 2)).toEqual({
      user: Uint32Array.of(0, 3, 6),
      movie: Uint32Array.of(10, 13, 16),
      rating2: Uint8Array.of(1, 4, 7)
    });
  });

  it("gives the rows themselves when there are no more than about count", () => {
    expect(strideRows(data, 7)).toBe(data);
    expect(strideRows(data, 5)).toBe(data);
    expect(strideRows(data, 100)).toBe(data);
  });
});
